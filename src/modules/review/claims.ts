// Claim, release and assign: one holder at a time. Each change is a moderation event (which the event log
// audits) appended under the item's row lock, so two reviewers racing for one item cannot both win.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { type AppError, badRequest, conflict, forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import type { Principal } from '../identity/roles.js';
import { appendModerationEvent } from '../moderation/api.js';
import { OPEN_STATUSES } from '../moderation/status.js';
import { type LoadedItem, loadItemFor, lockItem, moderatorOf, userRef } from './access.js';
import { reviewPolicy } from './policy.js';
import { type ItemStateView, itemState } from './state.js';

export const notOpen = (item: InboundItemTable): AppError =>
  conflict('not_in_queue', `This item is no longer in the review queue (its status is ${item.status}).`);

async function alreadyClaimed(db: Db, orgId: string, holderId: string): Promise<AppError> {
  const holder = await userRef(db, orgId, holderId);
  const who = holder ? `${holder.name} (${holder.email})` : 'someone else';
  return conflict('already_claimed', `${who} is already working on this item.`);
}

/** Runs `fn` in a transaction with the item locked and freshly loaded for the caller. */
export async function withItem<T>(
  app: AppContext,
  p: Principal,
  itemId: string,
  fn: (trx: Db, loaded: LoadedItem) => Promise<T>,
): Promise<T> {
  return app.db.transaction().execute(async (trx) => {
    await lockItem(trx, p.orgId, itemId);
    return fn(trx, await loadItemFor(trx, p, itemId));
  });
}

function assertClaimable(item: InboundItemTable): void {
  if (!OPEN_STATUSES.has(item.status as never)) throw notOpen(item);
  // A sign-off is given by a second person without claiming; claiming would drop the pending request.
  if (item.status === 'awaiting_signoff')
    throw conflict(
      'awaiting_signoff',
      'This decision is waiting for sign-off; sign it off or refuse it instead.',
    );
}

export async function claimItem(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  itemId: string,
): Promise<ItemStateView> {
  await withItem(app, p, itemId, async (trx, { item }) => {
    assertClaimable(item);
    if (item.assigned_to === p.userId) return;
    if (item.assigned_to) throw await alreadyClaimed(trx, p.orgId, item.assigned_to);
    await appendModerationEvent(app, trx, item, actx, { type: 'claimed', detail: { assigneeId: p.userId } });
  });
  return itemState(app.db, p.orgId, itemId);
}

export async function releaseItem(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  itemId: string,
): Promise<ItemStateView> {
  await withItem(app, p, itemId, async (trx, { item }) => {
    if (!OPEN_STATUSES.has(item.status as never)) throw notOpen(item);
    if (!item.assigned_to) throw conflict('not_claimed', 'Nobody holds this item.');
    if (item.assigned_to !== p.userId && !reviewPolicy.reassign(p))
      throw forbidden('Only the person holding this item (or comms/admin) may release it.');
    await appendModerationEvent(app, trx, item, actx, {
      type: 'released',
      detail: { previousAssigneeId: item.assigned_to },
    });
  });
  return itemState(app.db, p.orgId, itemId);
}

export async function assignItem(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  itemId: string,
  assigneeId: string,
): Promise<ItemStateView> {
  await withItem(app, p, itemId, async (trx, { item, account }) => {
    assertClaimable(item);
    const assignee = await moderatorOf(trx, p.orgId, assigneeId, account.id);
    if (!assignee)
      throw badRequest(
        'assignee_cannot_moderate',
        'That person is not an active user who may moderate this account; give them the moderate grant first.',
      );
    if (item.assigned_to === assigneeId) return;
    if (item.assigned_to && item.assigned_to !== p.userId && !reviewPolicy.reassign(p))
      throw await alreadyClaimed(trx, p.orgId, item.assigned_to);
    await appendModerationEvent(app, trx, item, actx, {
      type: 'assigned',
      detail: { assigneeId, previousAssigneeId: item.assigned_to },
    });
  });
  return itemState(app.db, p.orgId, itemId);
}
