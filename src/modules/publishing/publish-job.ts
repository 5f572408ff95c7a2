// The publish job (`publishing.publish`, payload {postId, revision}): re-checks the gates at publish time,
// records the attempt BEFORE calling the platform, reconciles an attempt that may already have reached it,
// then records the outcome. Retries: rate limits wait for the platform's reset, transient failures back
// off (the worker does both from the typed errors); permanent refusals fail the post with an alert.
import {
  ConnectorError,
  CredentialsExpiredError,
  RateLimitedError,
  TransientError,
} from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Connector, Platform, PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { PermanentJobError } from '../../jobs/errors.js';
import type { JobContext } from '../../jobs/worker.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { findAccountById } from '../accounts/repo.js';
import { systemContext } from '../audit/actor.js';
import { holdPost } from './kill-switch-holds.js';
import { type Attempt, beginAttempt, findAttempt } from './publish-attempt.js';
import { publishGates } from './publish-gates.js';
import { recordFailed, recordPublished, recordRetrying } from './publish-outcome.js';
import { PUBLISH_MAX_ATTEMPTS } from './publish-queue.js';
import { findPublishedEarlier } from './publish-reconcile.js';

const actx = systemContext('publishing');

// One adapter per platform per process: Bluesky keeps its logged-in sessions inside the adapter.
const connectors = new WeakMap<AppContext, Map<string, Promise<Connector>>>();
export function connectorFor(app: AppContext, platform: Platform): Promise<Connector> {
  let byPlatform = connectors.get(app);
  if (!byPlatform) {
    byPlatform = new Map();
    connectors.set(app, byPlatform);
  }
  let c = byPlatform.get(platform);
  if (!c) {
    c = getConnector(platform, app.connectorDeps);
    byPlatform.set(platform, c);
    c.catch(() => byPlatform.delete(platform));
  }
  return c;
}

function payloadOf(job: JobContext): { postId: string; revision: number } {
  const { postId, revision } = job.payload;
  if (typeof postId !== 'string' || typeof revision !== 'number' || !job.orgId)
    throw new PermanentJobError('publishing.publish needs {postId, revision} and an organisation');
  return { postId, revision };
}

export async function runPublishJob(app: AppContext, job: JobContext): Promise<void> {
  const { postId, revision } = payloadOf(job);
  const post = await app.db
    .selectFrom('post')
    .selectAll()
    .where('id', '=', postId)
    .where('org_id', '=', job.orgId as string)
    .executeTakeFirst();
  // Edited, withdrawn, held, already published: this job is stale and does nothing.
  if (!post || post.revision !== revision || !['scheduled', 'publishing'].includes(post.status)) return;
  const account = await findAccountById(app.db, post.account_id);
  const earlier = await findAttempt(app.db, post.id, revision);
  // `publishing` belongs to the job that began it (re-claimed after a crash); a duplicate job stays out.
  if (post.status === 'publishing' && earlier?.job_id !== job.id) return;

  const gate = await publishGates(app, post, account);
  if (gate.verdict === 'hold') {
    await app.db.transaction().execute((trx) => holdPost(app, trx, actx, post, gate));
    return;
  }
  if (gate.verdict === 'fail') {
    await recordFailed(app, post, earlier, gate.reason, { matches: gate.check.matches });
    return;
  }

  const attempt = await beginAttempt(app.db, post, earlier, job.id);
  if (!attempt) return;
  const connector = await connectorFor(app, account.platform as Platform);
  try {
    const { published, reconciled } = await withAccountCredentials(app, account.id, async (acc) => {
      const found = await findPublishedEarlier(connector, acc, post.text, attempt);
      if (found) return { published: found, reconciled: true };
      const input = {
        text: post.text,
        ...(post.reply_to ? { replyTo: JSON.parse(post.reply_to) as PostRef } : {}),
        mediaUrls: JSON.parse(post.media_urls) as string[],
        idempotencyKey: attempt.idempotency_key,
        startedAt: attempt.started_at,
      };
      return { published: await connector.publish(acc, input), reconciled: false };
    });
    await recordPublished(app, post, attempt, published, { platform: account.platform, reconciled });
  } catch (err) {
    await onPublishError(app, job, post, attempt, err as Error);
  }
}

async function onPublishError(
  app: AppContext,
  job: JobContext,
  post: Parameters<typeof recordFailed>[1] & { status: string },
  attempt: Attempt,
  err: Error,
): Promise<void> {
  const message = String(err?.message ?? err);
  // The account went bad under us (credentials rejected, suspended meanwhile): hold, do not fail.
  if (
    err instanceof CredentialsExpiredError ||
    (err instanceof AppError && err.code === 'account_suspended')
  ) {
    const kind = err instanceof AppError ? 'account_suspended' : 'account_unavailable';
    await app.db
      .transaction()
      .execute((trx) =>
        holdPost(app, trx, actx, { ...post, status: 'publishing' }, { kind, reason: message }),
      );
    return;
  }
  const retryable =
    err instanceof RateLimitedError || err instanceof TransientError || !(err instanceof ConnectorError);
  if (retryable && job.attempt < PUBLISH_MAX_ATTEMPTS) {
    await recordRetrying(app, post, message);
    throw err; // the worker waits for the rate-limit reset or backs off, then runs this job again
  }
  const why = retryable ? `gave up after ${job.attempt} tries: ${message}` : message;
  await recordFailed(app, post, attempt, why, { error: err.constructor.name });
}
