// The pure reducer: an item's append-only moderation events in, its current status and flags out
// (after ozone's mod-service/status.ts). No I/O; inbound_item.status is only a cache of `reduceStatus(...).status`.

export const ITEM_STATUSES = [
  'new', // stored, not classified yet
  'clear', // classified, nothing matched
  'recorded', // matched a dictionary whose policy only records
  'action_pending', // a platform action is on its way
  'auto_hidden', // hidden on the platform by policy
  'hidden', // hidden on the platform by a person
  'deleted', // removed from the platform (the archive keeps it)
  'author_blocked', // the author was blocked (the reply itself may still be visible)
  'restored', // hidden before, unhidden since
  'queued', // waiting in the review queue
  'in_review', // a reviewer has it
  'escalated', // sent up
  'awaiting_signoff', // a destructive decision waits for a second person
  'action_failed', // the platform refused an action for good; a person must look
  'allowed', // a reviewer decided it may stay
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses the review queue shows: open for a person to act on. */
export const OPEN_STATUSES: ReadonlySet<ItemStatus> = new Set([
  'queued',
  'in_review',
  'escalated',
  'awaiting_signoff',
  'action_failed',
]);

export interface EventLike {
  id: string;
  type: string;
  action: string | null;
  actor_type: 'system' | 'user';
  actor_id: string | null;
  /** JSON text or an object. */
  detail: string | Record<string, unknown>;
  created_at: number;
}

export interface ItemFlags {
  classified: boolean;
  categories: string[];
  safeguarding: boolean;
  hidden: boolean;
  /** Hidden by policy (system), not by a person. */
  hiddenBySystem: boolean;
  /** Was hidden, and unhidden since. */
  restored: boolean;
  deleted: boolean;
  authorBlocked: boolean;
  authorMuted: boolean;
  reported: boolean;
  /** Review state: none (never queued), open, or closed by a decision. */
  review: 'none' | 'queued' | 'in_review' | 'escalated' | 'awaiting_signoff' | 'closed';
  assignedTo: string | null;
  dueAt: number | null;
  /** action_requested events with no outcome yet, by event id. */
  pendingActions: Record<string, string>;
  /** Actions that failed for good and no person has resolved since. */
  failedActions: string[];
  /** Platform substitutions made (action asked → what was done instead). */
  fallbacks: Array<{ action: string; instead: string[]; reason: string }>;
  decision: string | null;
  decidedBy: string | null;
  /** The action a pending sign-off is for. */
  signoffAction: string | null;
}

export interface DerivedStatus {
  status: ItemStatus;
  flags: ItemFlags;
}

const detailOf = (e: EventLike): Record<string, unknown> =>
  typeof e.detail === 'string' ? (JSON.parse(e.detail || '{}') as Record<string, unknown>) : e.detail;

export function initialFlags(): ItemFlags {
  return {
    classified: false,
    categories: [],
    safeguarding: false,
    hidden: false,
    hiddenBySystem: false,
    restored: false,
    deleted: false,
    authorBlocked: false,
    authorMuted: false,
    reported: false,
    review: 'none',
    assignedTo: null,
    dueAt: null,
    pendingActions: {},
    failedActions: [],
    fallbacks: [],
    decision: null,
    decidedBy: null,
    signoffAction: null,
  };
}

/** Events in the order they were appended (created_at, then insertion). */
export function reduceStatus(events: readonly EventLike[]): DerivedStatus {
  const f = initialFlags();
  for (const e of events) applyEvent(f, e);
  return { status: statusOf(f), flags: f };
}

const PLATFORM_EFFECT: Record<string, (f: ItemFlags, bySystem: boolean) => void> = {
  hide: (f, bySystem) => {
    f.hidden = true;
    f.hiddenBySystem = bySystem;
    f.restored = false;
  },
  unhide: (f) => {
    f.restored = f.hidden || f.restored;
    f.hidden = false;
    f.hiddenBySystem = false;
  },
  delete: (f) => {
    f.deleted = true;
  },
  block: (f) => {
    f.authorBlocked = true;
  },
  mute: (f) => {
    f.authorMuted = true;
  },
  report: (f) => {
    f.reported = true;
  },
};

function applyEvent(f: ItemFlags, e: EventLike): void {
  const d = detailOf(e);
  switch (e.type) {
    case 'classified':
      f.classified = true;
      f.categories = Array.isArray(d.categories) ? (d.categories as string[]) : [];
      f.safeguarding = d.safeguarding === true;
      return;
    case 'queued':
      if (f.review === 'none' || f.review === 'closed') f.review = 'queued';
      f.dueAt = typeof d.dueAt === 'number' ? d.dueAt : f.dueAt;
      return;
    case 'claimed':
    case 'assigned':
      f.review = 'in_review';
      f.assignedTo = (typeof d.assigneeId === 'string' ? d.assigneeId : e.actor_id) ?? null;
      return;
    case 'released':
      f.review = 'queued';
      f.assignedTo = null;
      return;
    case 'escalated':
      f.review = 'escalated';
      return;
    case 'signoff_requested':
      f.review = 'awaiting_signoff';
      f.signoffAction = e.action ?? (typeof d.action === 'string' ? d.action : null);
      return;
    case 'signoff_given':
      closeReview(f, e, f.signoffAction ?? e.action);
      return;
    case 'signoff_refused':
      f.review = 'in_review';
      f.signoffAction = null;
      return;
    case 'decision':
      if (e.action === 'escalate') f.review = 'escalated';
      else closeReview(f, e, e.action);
      return;
    case 'action_requested':
      if (e.action) f.pendingActions[e.id] = e.action;
      return;
    case 'action_succeeded':
      settle(f, d);
      if (e.action) PLATFORM_EFFECT[e.action]?.(f, d.bySystem === true);
      f.failedActions = f.failedActions.filter((a) => a !== e.action);
      return;
    case 'action_failed':
      settle(f, d);
      if (e.action && !f.failedActions.includes(e.action)) f.failedActions.push(e.action);
      return;
    case 'action_fallback':
      f.fallbacks.push({
        action: e.action ?? '',
        instead: Array.isArray(d.instead) ? (d.instead as string[]) : [],
        reason: typeof d.reason === 'string' ? d.reason : '',
      });
      return;
    default:
      // received, note and unknown future types change nothing.
      return;
  }
}

/** An outcome names the request it answers (detail.requestEventId); without one, the oldest pending of that action. */
function settle(f: ItemFlags, d: Record<string, unknown>): void {
  const id = typeof d.requestEventId === 'string' ? d.requestEventId : null;
  if (id && id in f.pendingActions) delete f.pendingActions[id];
}

function closeReview(f: ItemFlags, e: EventLike, action: string | null): void {
  f.review = 'closed';
  f.decision = action;
  f.decidedBy = e.actor_id;
  f.signoffAction = null;
  f.assignedTo = null;
  // A person has looked: earlier failures are theirs to have seen and acted on.
  f.failedActions = [];
}

/** Precedence: what a person most needs to know about the item right now. */
export function statusOf(f: ItemFlags): ItemStatus {
  if (f.deleted) return 'deleted';
  if (f.review === 'awaiting_signoff') return 'awaiting_signoff';
  if (f.review === 'escalated') return 'escalated';
  if (f.failedActions.length > 0) return 'action_failed';
  if (f.review === 'in_review') return 'in_review';
  if (f.review === 'queued') return 'queued';
  if (Object.keys(f.pendingActions).length > 0) return 'action_pending';
  if (f.hidden) return f.hiddenBySystem ? 'auto_hidden' : 'hidden';
  if (f.authorBlocked && f.decision !== 'allow') return 'author_blocked';
  if (f.decision === 'allow') return 'allowed';
  if (f.restored) return 'restored';
  if (!f.classified) return 'new';
  return f.categories.length > 0 ? 'recorded' : 'clear';
}
