// The `publishing.delete_post` job: deletes a published post on its platform, then marks it `deleted`
// (deleted_at); the row and its revisions stay as the archive. A post already gone from the platform counts
// as deleted. A refusal that retrying cannot fix raises publishing.delete_failed and leaves it published.
import { ConnectorError, NotFoundError, RateLimitedError, TransientError } from '../../connectors/errors.js';
import type { Platform, PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { PermanentJobError } from '../../jobs/errors.js';
import type { JobContext } from '../../jobs/worker.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { findAccountById } from '../accounts/repo.js';
import { raiseAlert } from '../alerts/raise.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { connectorFor } from './publish-job.js';

const actx = systemContext('publishing');
const MAX_TRIES = 10;

// Rate limits, network trouble and unexpected errors may pass; a platform refusal or a suspended account will not.
const retryable = (err: unknown) =>
  err instanceof RateLimitedError ||
  err instanceof TransientError ||
  !(err instanceof ConnectorError || err instanceof AppError);

export async function runDeleteJob(app: AppContext, job: JobContext): Promise<void> {
  const { postId, reason, requestedBy } = job.payload as {
    postId?: string;
    reason?: string;
    requestedBy?: string;
  };
  if (typeof postId !== 'string' || !job.orgId) throw new PermanentJobError('delete_post needs {postId}');
  const post = await app.db
    .selectFrom('post')
    .selectAll()
    .where('id', '=', postId)
    .where('org_id', '=', job.orgId)
    .executeTakeFirst();
  if (post?.status !== 'published' || !post.platform_ref) return;
  const account = await findAccountById(app.db, post.account_id);
  const connector = await connectorFor(app, account.platform as Platform);
  let alreadyGone = false;
  try {
    await withAccountCredentials(app, account.id, (acc) =>
      connector.deletePost(acc, JSON.parse(post.platform_ref as string) as PostRef),
    );
  } catch (err) {
    if (err instanceof NotFoundError) alreadyGone = true;
    else if (retryable(err) && job.attempt < MAX_TRIES)
      throw err; // the worker backs off and retries
    else return deleteFailed(app, post, requestedBy ?? null, (err as Error).message);
  }
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('post')
      .set({ status: 'deleted', deleted_at: now, updated_at: now })
      .where('id', '=', post.id)
      .where('status', '=', 'published')
      .execute();
    await audit(app, trx, actx, {
      orgId: post.org_id,
      action: 'post.deleted',
      target: { type: 'post', id: post.id },
      summary: {
        reason: reason ?? null,
        requestedBy: requestedBy ?? null,
        platform: account.platform,
        alreadyGone,
      },
    });
  });
}

async function deleteFailed(
  app: AppContext,
  post: { id: string; org_id: string; account_id: string },
  requestedBy: string | null,
  message: string,
): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    const alert = {
      orgId: post.org_id,
      kind: 'publishing.delete_failed',
      severity: 'warning' as const,
      accountId: post.account_id,
      subject: { type: 'post', id: post.id },
      summary: `A published post could not be deleted from its platform: ${message}`.slice(0, 500),
      detail: { postId: post.id, reason: message },
    };
    await raiseAlert(trx, alert);
    if (requestedBy) await raiseAlert(trx, { ...alert, recipientUserId: requestedBy });
    await audit(app, trx, actx, {
      orgId: post.org_id,
      action: 'post.delete_failed',
      target: { type: 'post', id: post.id },
      summary: { error: message.slice(0, 1000) },
    });
  });
}
