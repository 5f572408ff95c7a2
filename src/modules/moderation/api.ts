// What ingestion and the review queue call into moderation. All run inside the caller's transaction; they
// enqueue jobs and raise alerts through the outbox (call app.jobSignal.notify() after commit).
//  - storeClassified(app, trx, rows): stores the rows not stored yet, already classified (matches/categories/
//    priority/safeguarding/status/classified_at), with their 'classified' etc. events, action jobs and alerts
//    written set-based for the whole batch; returns the rows it stored.
//  - appendModerationEvent(app, trx, item, actx, event): appends one event, updates inbound_item.status (the
//    reducer in status.ts), assigned_to, due_at and the time-to-act columns; returns the event id.
//  - requestModerationAction(app, trx, item, actx, action, reason): hide/unhide/delete/block/report/mute through
//    the `moderation.action` job, with the capability fallback (action_fallback event says what instead).
export { requestModerationAction } from './actions.js';
export { storeClassified } from './classify.js';
export { appendModerationEvent, listItemEvents, type NewModerationEvent } from './event-log.js';
export { OPEN_STATUSES, reduceStatus } from './status.js';
