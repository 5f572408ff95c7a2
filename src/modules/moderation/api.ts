// What ingestion and the review queue call into moderation. (Owned by the moderation work; bodies filled there.)
// All run inside the caller's transaction; they enqueue jobs and raise alerts through the outbox.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import type { ActionContext } from '../audit/actor.js';
import type { ModerationAction, ModerationEventType } from './events.js';

/**
 * Classifies freshly stored items (status 'received'): fills matches/categories/priority/classified_at, appends
 * the 'classified' event, applies the organisation's policy (action jobs, review queue, safeguarding alerts).
 */
export async function classifyNewItems(
  _app: AppContext,
  _trx: Db,
  _items: InboundItemTable[],
): Promise<void> {
  throw new Error('classifyNewItems: not implemented yet');
}

export interface NewModerationEvent {
  type: ModerationEventType;
  action?: ModerationAction | null;
  note?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one event and updates the item's cached status from the reducer. Returns the event id. */
export async function appendModerationEvent(
  _app: AppContext,
  _trx: Db,
  _item: InboundItemTable,
  _actx: ActionContext,
  _event: NewModerationEvent,
): Promise<string> {
  throw new Error('appendModerationEvent: not implemented yet');
}

/** Enqueues a platform action on an item (hide, unhide, delete, block, report, mute) through the job table,
 * with the capability fallback, and records action_requested (or action_fallback). */
export async function requestModerationAction(
  _app: AppContext,
  _trx: Db,
  _item: InboundItemTable,
  _actx: ActionContext,
  _action: ModerationAction,
  _reason: string,
): Promise<void> {
  throw new Error('requestModerationAction: not implemented yet');
}
