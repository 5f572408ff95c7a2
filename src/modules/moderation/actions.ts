// Requesting a platform action on an item: the capability fallback decided, the events appended and one durable
// `moderation.action` job per platform operation enqueued, all in the caller's transaction.
import { getConnector } from '../../connectors/registry.js';
import type { Capability, Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { badRequest } from '../../http/errors.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { ActionContext } from '../audit/actor.js';
import { appendModerationEvent, listItemEvents } from './event-log.js';
import type { ModerationAction } from './events.js';
import { type ActionPlan, isPlatformAction, planAction } from './fallback.js';
import { reduceStatus } from './status.js';

export const MODERATION_ACTION_JOB = 'moderation.action';
/** Retries for 429/5xx before the action is given up and handed to a person. */
export const ACTION_MAX_ATTEMPTS = 6;

type Item = Pick<InboundItemTable, 'id' | 'org_id' | 'platform' | 'raw'>;

export async function requestModerationAction(
  app: Pick<AppContext, 'dbKind' | 'connectorDeps'>,
  trx: Db,
  item: Item,
  actx: ActionContext,
  action: ModerationAction,
  reason: string,
  now = Date.now(),
): Promise<ActionPlan> {
  if (!isPlatformAction(action))
    throw badRequest(
      'not_a_platform_action',
      `"${action}" is not a platform action (hide, unhide, delete, block, report, mute).`,
    );
  const bySystem = actx.actor.type === 'system';
  const connector = await getConnector(item.platform as Platform, app.connectorDeps);
  // The archive is the evidence: never remove from the platform what Parapet has not kept. A person is told
  // (400); policy, which runs inside ingestion and must not fail it, hides instead and says so.
  const archived = item.raw !== '' && item.raw !== 'null';
  if (action === 'delete' && !archived && !bySystem)
    throw badRequest(
      'not_archived',
      'The platform payload of this item was not archived, so it cannot be deleted.',
    );
  const plan =
    action === 'delete' && !archived
      ? notArchivedPlan(connector.capabilities, item.platform)
      : planAction(action, connector.capabilities, item.platform);
  if (plan.fallback)
    await appendModerationEvent(
      app,
      trx,
      item,
      actx,
      {
        type: 'action_fallback',
        action,
        note: plan.fallback.reason,
        detail: { instead: plan.fallback.instead, reason: plan.fallback.reason, platform: item.platform },
      },
      now,
    );
  for (const op of plan.ops) {
    const eventId = await appendModerationEvent(
      app,
      trx,
      item,
      actx,
      {
        type: 'action_requested',
        action: op,
        note: reason,
        detail: { reason, bySystem, ...(op !== action ? { insteadOf: action } : {}) },
      },
      now,
    );
    await enqueueJob(
      trx,
      {
        type: MODERATION_ACTION_JOB,
        orgId: item.org_id,
        payload: { itemId: item.id, action: op, eventId },
        idempotencyKey: `${MODERATION_ACTION_JOB}:${eventId}`,
        maxAttempts: ACTION_MAX_ATTEMPTS,
      },
      now,
    );
  }
  if (plan.queue)
    await queueForReview(app, trx, item, actx, { reason: plan.fallback?.reason ?? reason }, now);
  return plan;
}

function notArchivedPlan(caps: ReadonlySet<Capability>, platform: string): ActionPlan {
  const hide = planAction('hide', caps, platform);
  const reason = `the item's platform payload was not archived, so it is not deleted; ${hide.fallback?.reason ?? 'hid it instead'}`;
  return { ops: hide.ops, fallback: { instead: hide.ops, reason }, queue: true };
}

/** Puts the item in the review queue unless it is there already. */
export async function queueForReview(
  app: Pick<AppContext, 'dbKind'>,
  trx: Db,
  item: Pick<InboundItemTable, 'id' | 'org_id'>,
  actx: ActionContext,
  queued: { reason: string; priority?: number; dueAt?: number | null },
  now = Date.now(),
): Promise<boolean> {
  const { flags } = reduceStatus(await listItemEvents(trx, item.org_id, item.id));
  if (flags.review !== 'none' && flags.review !== 'closed') return false;
  if (queued.priority !== undefined)
    await trx
      .updateTable('inbound_item')
      .set({ priority: queued.priority })
      .where('id', '=', item.id)
      .where('org_id', '=', item.org_id)
      .execute();
  await appendModerationEvent(
    app,
    trx,
    item,
    actx,
    {
      type: 'queued',
      note: queued.reason,
      detail: { reason: queued.reason, priority: queued.priority ?? null, dueAt: queued.dueAt ?? null },
    },
    now,
  );
  return true;
}
