// Appending to the moderation event log: the event row, the reducer's status cached on inbound_item, the
// time-to-act columns, and an audit record, all in the caller's transaction.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable, ModerationEventTable } from '../../db/schema/moderation.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { ModerationAction, ModerationEventType } from './events.js';
import { reduceStatus } from './status.js';

export interface NewModerationEvent {
  type: ModerationEventType;
  action?: ModerationAction | null;
  note?: string | null;
  detail?: Record<string, unknown>;
}

// Ingestion records: the item's own archive and the classification already say what happened.
const NOT_AUDITED = new Set<string>(['received', 'classified']);

export async function listItemEvents(db: Db, orgId: string, itemId: string): Promise<ModerationEventTable[]> {
  return db
    .selectFrom('moderation_event')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

const isPerson = (actx: ActionContext): boolean => actx.actor.type === 'user' || actx.actor.type === 'token';

/** Appends one event and updates the item's cached status from the reducer. Returns the event id. */
export async function appendModerationEvent(
  app: Pick<AppContext, 'dbKind'>,
  trx: Db,
  item: Pick<InboundItemTable, 'id' | 'org_id'>,
  actx: ActionContext,
  event: NewModerationEvent,
  now = Date.now(),
): Promise<string> {
  // Touching the row first takes its lock on PostgreSQL, so concurrent appends on one item get a strict order.
  // SQLite has one writer per database: the transaction already excludes every other append.
  if (app.dbKind === 'postgres')
    await trx
      .updateTable('inbound_item')
      .set({ updated_at: now })
      .where('id', '=', item.id)
      .where('org_id', '=', item.org_id)
      .execute();
  const events = await listItemEvents(trx, item.org_id, item.id);
  const row: ModerationEventTable = {
    id: newId(),
    org_id: item.org_id,
    item_id: item.id,
    type: event.type,
    action: event.action ?? null,
    actor_type: isPerson(actx) ? 'user' : 'system',
    actor_id: actx.actor.id,
    actor_label: actx.actor.label,
    note: event.note ?? null,
    detail: JSON.stringify(event.detail ?? {}),
    // Strictly increasing per item, so the order of appends is the order of created_at (no ties within a ms).
    created_at: Math.max(now, (events.at(-1)?.created_at ?? 0) + 1),
  };
  await trx.insertInto('moderation_event').values(row).execute();
  const derived = reduceStatus([...events, row]);
  const first = (type: string, person = false) =>
    !events.some((e) => e.type === type && (!person || e.actor_type === 'user'));
  await trx
    .updateTable('inbound_item')
    .set((eb) => ({
      updated_at: now,
      status: derived.status,
      assigned_to: derived.flags.assignedTo,
      due_at: derived.flags.dueAt,
      action_issued_at:
        event.type === 'action_requested' && first('action_requested')
          ? eb.fn.coalesce('action_issued_at', eb.val(now))
          : eb.ref('action_issued_at'),
      action_confirmed_at:
        event.type === 'action_succeeded' && first('action_succeeded')
          ? eb.fn.coalesce('action_confirmed_at', eb.val(now))
          : eb.ref('action_confirmed_at'),
      decided_at:
        event.type === 'decision' && row.actor_type === 'user' && first('decision', true)
          ? eb.fn.coalesce('decided_at', eb.val(now))
          : eb.ref('decided_at'),
    }))
    .where('id', '=', item.id)
    .where('org_id', '=', item.org_id)
    .execute();
  if (!NOT_AUDITED.has(event.type))
    await audit(app, trx, actx, {
      orgId: item.org_id,
      action: `moderation.${event.type}`,
      target: { type: 'inbound_item', id: item.id },
      summary: { action: row.action, status: derived.status, note: row.note, ...(event.detail ?? {}) },
    });
  return row.id;
}
