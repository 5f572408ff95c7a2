// Decisions on review items, and the optional second-person sign-off for destructive ones. Platform actions
// are requested through moderation's job-backed requestModerationAction, never called inline.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { AppError, badRequest, conflict } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import type { Principal } from '../identity/roles.js';
import { appendModerationEvent, requestModerationAction } from '../moderation/api.js';
import { listItemEvents } from '../moderation/event-log.js';
import type { ModerationAction } from '../moderation/events.js';
import { OPEN_STATUSES, reduceStatus } from '../moderation/status.js';
import { notOpen, withItem } from './claims.js';
import { maySignOff } from './policy.js';
import { signoffFor } from './settings.js';
import { type ItemStateView, itemState } from './state.js';
import { recordVerdicts, verdictAlreadyRecorded, verdictOf } from './term-verdicts.js';

export const DECISIONS = ['allow', 'hide', 'delete', 'block', 'escalate'] as const;
export type Decision = (typeof DECISIONS)[number];

const PLATFORM_ACTION: Partial<Record<Decision, ModerationAction>> = {
  hide: 'hide',
  delete: 'delete',
  block: 'block',
};

const reload = (trx: Db, item: InboundItemTable) =>
  trx.selectFrom('inbound_item').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();

/** Counts the terms (once per item) and returns the detail to put on the event that made the verdict final. */
async function termDetail(trx: Db, item: InboundItemTable, decision: string, alreadyCounted: boolean) {
  if (alreadyCounted) return {};
  const verdict = verdictOf(decision);
  const terms = await recordVerdicts(trx, item.org_id, item.matches, verdict);
  return { termVerdict: verdict, termsCounted: terms };
}

export async function decideItem(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  itemId: string,
  input: { decision: Decision; note?: string | null },
): Promise<ItemStateView> {
  await withItem(app, p, itemId, async (trx, { item }) => {
    if (!OPEN_STATUSES.has(item.status as never)) throw notOpen(item);
    if (item.status === 'awaiting_signoff')
      throw conflict('awaiting_signoff', 'A decision on this item is already waiting for sign-off.');
    if (item.assigned_to && item.assigned_to !== p.userId)
      throw conflict(
        'already_claimed',
        'Someone else is working on this item; ask them to release it first.',
      );
    const events = await listItemEvents(trx, p.orgId, item.id);
    const { flags } = reduceStatus(events);
    const note = input.note ?? null;
    const needsSignoff = (await signoffFor(trx, p.orgId)).includes(input.decision as 'delete' | 'block');
    if (needsSignoff) {
      const decisionEventId = await appendModerationEvent(app, trx, item, actx, {
        type: 'decision',
        action: input.decision,
        note,
        detail: { signoffRequired: true },
      });
      await appendModerationEvent(app, trx, item, actx, {
        type: 'signoff_requested',
        action: input.decision,
        note,
        detail: { decisionEventId, deciderId: p.userId, action: input.decision },
      });
      return;
    }
    const terms = await termDetail(trx, item, input.decision, verdictAlreadyRecorded(events));
    await appendModerationEvent(app, trx, item, actx, {
      type: 'decision',
      action: input.decision,
      note,
      detail: terms,
    });
    const action = PLATFORM_ACTION[input.decision];
    const reason = `review decision: ${input.decision}${note ? ` (${note})` : ''}`;
    if (action) await requestModerationAction(app, trx, await reload(trx, item), actx, action, reason);
    // Allowing an item that policy hid puts it back: the reversible action is reversed.
    else if (input.decision === 'allow' && flags.hidden)
      await requestModerationAction(app, trx, await reload(trx, item), actx, 'unhide', reason);
  });
  return itemState(app.db, p.orgId, itemId);
}

export async function signOffItem(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  itemId: string,
  input: { approve: boolean; note?: string | null },
): Promise<ItemStateView> {
  await withItem(app, p, itemId, async (trx, { item }) => {
    if (item.status !== 'awaiting_signoff')
      throw conflict(
        'not_awaiting_signoff',
        `No decision on this item is waiting for sign-off (status ${item.status}).`,
      );
    const events = await listItemEvents(trx, p.orgId, item.id);
    const request = [...events].reverse().find((e) => e.type === 'signoff_requested');
    const d = JSON.parse(request?.detail || '{}') as { deciderId?: string; decisionEventId?: string };
    const deciderId = d.deciderId ?? request?.actor_id ?? null;
    const action = (request?.action ?? 'delete') as ModerationAction;
    if (!maySignOff(p.userId, deciderId))
      throw new AppError(403, 'own_decision', 'You made this decision; a different person must sign it off.');
    const note = input.note ?? null;
    if (!input.approve) {
      if (!note) throw badRequest('note_required', 'Say why you refuse the sign-off (note).');
      await appendModerationEvent(app, trx, item, actx, {
        type: 'signoff_refused',
        action,
        note,
        detail: { decisionEventId: d.decisionEventId ?? null, deciderId },
      });
      // Back to the pool for anyone to pick up again (the reducer would leave it in review with no holder).
      await appendModerationEvent(app, trx, item, actx, {
        type: 'released',
        detail: { reason: 'signoff_refused' },
      });
      return;
    }
    const terms = await termDetail(trx, item, action, verdictAlreadyRecorded(events));
    await appendModerationEvent(app, trx, item, actx, {
      type: 'signoff_given',
      action,
      note,
      detail: { decisionEventId: d.decisionEventId ?? null, deciderId, ...terms },
    });
    const reason = `review decision: ${action}, signed off${note ? ` (${note})` : ''}`;
    await requestModerationAction(app, trx, await reload(trx, item), actx, action, reason);
  });
  return itemState(app.db, p.orgId, itemId);
}
