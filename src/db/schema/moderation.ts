// Inbound items and the moderation event log (src/modules/inbound, moderation, review). Epoch-ms timestamps.

/** One reply, comment or mention received on one of our accounts, stored once however often delivered. */
export interface InboundItemTable {
  id: string;
  org_id: string;
  account_id: string;
  platform: string;
  /** The platform's id for the item; unique per account. */
  platform_item_id: string;
  kind: 'reply' | 'mention' | 'comment';
  text: string;
  author_platform_id: string;
  author_handle: string;
  author_name: string | null;
  /** JSON PostRef of the item itself (ids, uri, cid, root) as the connector gave it. */
  ref: string;
  /** Platform id of what it replies to, and of the thread root (for thread context). */
  in_reply_to_id: string | null;
  root_id: string | null;
  url: string | null;
  /** The platform's payload, unchanged (JSON text). */
  raw: string;
  /** JSON array of matches {dictionary, category, term, start, end}. */
  matches: string;
  /** JSON array of the categories matched. */
  categories: string;
  /** 1 when a safeguarding category (welfare, threat) matched. */
  safeguarding: number;
  /** Higher first in the review queue. */
  priority: number;
  /** Current status, derived from moderation_event by the reducer and cached here for queries. */
  status: string;
  assigned_to: string | null;
  /** Review SLA deadline, when queued. */
  due_at: number | null;
  // Time to act: each stage's time, for p50/p95 per account and category.
  platform_created_at: number;
  received_at: number;
  classified_at: number | null;
  action_issued_at: number | null;
  action_confirmed_at: number | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * Append-only: never updated or deleted. An item's status is a pure function of its events
 * (src/modules/moderation/status.ts).
 */
export interface ModerationEventTable {
  id: string;
  org_id: string;
  item_id: string;
  /** See ModerationEventType in src/modules/moderation/events.ts. */
  type: string;
  /** hide, unhide, delete, block, report, mute, allow, escalate… where the event concerns an action. */
  action: string | null;
  actor_type: 'system' | 'user';
  actor_id: string | null;
  actor_label: string;
  note: string | null;
  /** JSON details (matched terms, platform error, fallback reason, job id…). */
  detail: string;
  created_at: number;
}

export interface ModerationTables {
  inbound_item: InboundItemTable;
  moderation_event: ModerationEventTable;
}
