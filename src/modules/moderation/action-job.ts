// The `moderation.action` job: one platform operation (hide, unhide, delete, block, report, mute) on one item.
// Idempotent: an outcome already recorded for the request event ends the job. 429 waits for the platform's
// reset, 5xx/network errors retry with backoff (the worker); a permanent refusal, or the last attempt, records
// action_failed, queues the item for a person and raises an alert. Nothing requested is ever silently dropped.
import {
  ConnectorError,
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  UnsupportedError,
} from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Connector, ConnectorAccount, Platform, PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { AppError } from '../../http/errors.js';
import { PermanentJobError } from '../../jobs/errors.js';
import type { JobContext } from '../../jobs/worker.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { raiseAlert } from '../alerts/raise.js';
import { systemContext } from '../audit/actor.js';
import { ACTION_MAX_ATTEMPTS, MODERATION_ACTION_JOB, queueForReview } from './actions.js';
import { appendModerationEvent, listItemEvents } from './event-log.js';
import { isPlatformAction, type PlatformAction } from './fallback.js';

const actx = systemContext('moderation.action');

function call(
  c: Connector,
  a: ConnectorAccount,
  action: PlatformAction,
  item: InboundItemTable,
  reason: string,
) {
  const ref = JSON.parse(item.ref) as PostRef;
  const missing = () => {
    throw new UnsupportedError(`${c.platform} cannot ${action}`, c.platform);
  };
  switch (action) {
    case 'hide':
      return c.hideReply ? c.hideReply(a, ref) : missing();
    case 'unhide':
      return c.unhideReply ? c.unhideReply(a, ref) : missing();
    case 'delete':
      return c.deleteReply ? c.deleteReply(a, ref) : missing();
    case 'block':
      return c.blockAuthor ? c.blockAuthor(a, item.author_platform_id) : missing();
    case 'mute':
      return c.muteAuthor ? c.muteAuthor(a, item.author_platform_id) : missing();
    case 'report':
      return c.report ? c.report(a, ref, item.author_platform_id, reason) : missing();
  }
}

const isPermanent = (err: unknown): boolean =>
  err instanceof PermanentError ||
  err instanceof CredentialsExpiredError ||
  err instanceof UnsupportedError ||
  err instanceof NotFoundError ||
  err instanceof PermanentJobError ||
  (err instanceof AppError && err.status < 500);

export async function runModerationAction(app: AppContext, job: JobContext): Promise<void> {
  const { itemId, action, eventId } = job.payload as { itemId?: string; action?: string; eventId?: string };
  if (!job.orgId || !itemId || !eventId || !action || !isPlatformAction(action))
    throw new PermanentJobError(
      'moderation.action payload needs orgId, itemId, eventId and a platform action',
    );
  const item = await app.db
    .selectFrom('inbound_item')
    .selectAll()
    .where('org_id', '=', job.orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new PermanentJobError(`inbound item ${itemId} not found`);
  const events = await listItemEvents(app.db, item.org_id, item.id);
  const request = events.find((e) => e.id === eventId);
  if (!request) throw new PermanentJobError(`request event ${eventId} not found`);
  const answered = (e: (typeof events)[number]) =>
    (e.type === 'action_succeeded' || e.type === 'action_failed') &&
    (JSON.parse(e.detail) as { requestEventId?: string }).requestEventId === eventId;
  if (events.some(answered)) return;
  const reason = request.note ?? 'moderation policy';
  const bySystem = request.actor_type === 'system';
  try {
    const connector = await getConnector(item.platform as Platform, app.connectorDeps);
    await withAccountCredentials(app, item.account_id, (account) =>
      call(connector, account, action, item, reason),
    );
  } catch (err) {
    // A reply already gone is what a delete wanted; anything else that is not worth retrying is a failure.
    if (!(action === 'delete' && err instanceof NotFoundError)) {
      if (!isPermanent(err) && job.attempt < ACTION_MAX_ATTEMPTS) throw err;
      await recordFailure(app, item, action, eventId, err);
      return;
    }
  }
  await app.db.transaction().execute((trx) =>
    appendModerationEvent(app, trx, item, actx, {
      type: 'action_succeeded',
      action,
      detail: { requestEventId: eventId, bySystem, attempt: job.attempt },
    }),
  );
}

async function recordFailure(
  app: AppContext,
  item: InboundItemTable,
  action: PlatformAction,
  eventId: string,
  err: unknown,
): Promise<void> {
  // Platform messages only (never the request, which could carry credentials).
  const error = err instanceof ConnectorError || err instanceof AppError ? err.message : 'unexpected error';
  const kind = err instanceof Error ? err.constructor.name : 'Error';
  await app.db.transaction().execute(async (trx) => {
    await appendModerationEvent(app, trx, item, actx, {
      type: 'action_failed',
      action,
      note: error,
      detail: { requestEventId: eventId, error, kind },
    });
    await queueForReview(app, trx, item, actx, { reason: `${action} failed on ${item.platform}: ${error}` });
    await raiseAlert(trx, {
      orgId: item.org_id,
      kind: 'moderation.action_failed',
      severity: 'warning',
      accountId: item.account_id,
      subject: { type: 'inbound_item', id: item.id },
      summary: `Could not ${action} a ${item.platform} reply by ${item.author_handle}: ${error}`,
      detail: { action, platform: item.platform, error },
      dedupeKey: `moderation.action_failed:${eventId}`,
    });
  });
  app.jobSignal.notify();
}

export function registerModerationJobs(app: AppContext): void {
  app.jobHandlers.set(MODERATION_ACTION_JOB, (job) => runModerationAction(app, job));
}
