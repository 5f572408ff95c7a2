// The moderation event log's vocabulary. Events are appended, never changed; status.ts reduces them.

export const MODERATION_ACTIONS = [
  'hide',
  'unhide',
  'delete',
  'block',
  'report',
  'mute',
  'allow',
  'escalate',
  'review',
  'record',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const MODERATION_EVENT_TYPES = [
  'received', // stored (detail: delivery channel)
  'classified', // dictionaries ran (detail: matches, categories, policy decided)
  'queued', // put in the review queue (detail: priority, due_at)
  'action_requested', // an action job was enqueued (action; detail: jobId, reason, requested by policy/user)
  'action_succeeded', // the platform confirmed it (action)
  'action_failed', // gave up for good (action; detail: error)
  'action_fallback', // the platform cannot do it; what was done instead and why (action; detail: instead)
  'claimed', // a reviewer took it
  'assigned', // given to someone (detail: assigneeId)
  'released', // back to the pool
  'decision', // a reviewer decided (action: allow|hide|delete|block|escalate; note)
  'signoff_requested', // a destructive decision waits for a second person
  'signoff_given',
  'signoff_refused',
  'escalated',
  'note', // a comment, nothing else
] as const;
export type ModerationEventType = (typeof MODERATION_EVENT_TYPES)[number];
