// Recording how a publish ended: published (with the platform's ids), or failed for good (with an alert to
// the author and to the organisation). Each is one transaction with its audit record.
import type { PublishedPost } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { raiseAlert } from '../alerts/raise.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { type Attempt, finishAttempt } from './publish-attempt.js';

const actx = systemContext('publishing');

export interface PublishingPost {
  id: string;
  org_id: string;
  account_id: string;
  author_id: string;
  revision: number;
}

export async function recordPublished(
  app: AppContext,
  post: PublishingPost,
  attempt: Attempt,
  published: PublishedPost,
  how: { platform: string; reconciled: boolean },
): Promise<void> {
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('post')
      .set({
        status: 'published',
        platform_ref: JSON.stringify(published.ref),
        platform_post_id: published.ref.id,
        url: published.url,
        published_at: published.createdAt || now,
        hold_reason: null,
        last_error: null,
        updated_at: now,
      })
      .where('id', '=', post.id)
      .where('revision', '=', post.revision)
      .execute();
    await finishAttempt(
      trx,
      attempt.id,
      { outcome: how.reconciled ? 'reconciled' : 'published', platformPostId: published.ref.id },
      now,
    );
    await audit(app, trx, actx, {
      orgId: post.org_id,
      action: 'post.published',
      target: { type: 'post', id: post.id },
      summary: {
        platform: how.platform,
        platformPostId: published.ref.id,
        url: published.url,
        revision: post.revision,
        tries: attempt.tries,
        reconciled: how.reconciled,
      },
    });
  });
}

/** The post will not be published: status failed, last_error, and a publishing.failed alert. */
export async function recordFailed(
  app: AppContext,
  post: PublishingPost,
  attempt: Attempt | null,
  reason: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const now = Date.now();
  const message = reason.slice(0, 2000);
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('post')
      .set({ status: 'failed', last_error: message, updated_at: now })
      .where('id', '=', post.id)
      .where('revision', '=', post.revision)
      .where('status', 'in', ['scheduled', 'publishing'])
      .execute();
    if (attempt) await finishAttempt(trx, attempt.id, { outcome: 'failed', error: message }, now);
    const alert = {
      orgId: post.org_id,
      kind: 'publishing.failed',
      severity: 'warning' as const,
      accountId: post.account_id,
      subject: { type: 'post', id: post.id },
      summary: `A post could not be published: ${message}`.slice(0, 500),
      detail: { postId: post.id, revision: post.revision, reason: message, ...detail },
    };
    const key = `publishing.failed:${post.id}:${post.revision}`;
    await raiseAlert(trx, { ...alert, recipientUserId: post.author_id, dedupeKey: `${key}:author` }, now);
    await raiseAlert(trx, { ...alert, dedupeKey: `${key}:org` }, now);
    await audit(app, trx, actx, {
      orgId: post.org_id,
      action: 'post.publish_failed',
      target: { type: 'post', id: post.id },
      summary: { reason: message, revision: post.revision, tries: attempt?.tries ?? 0, ...detail },
    });
  });
}

/** A retryable failure: the post stays `publishing` (the attempt open) and shows why it is being retried. */
export async function recordRetrying(app: AppContext, post: PublishingPost, reason: string): Promise<void> {
  await app.db
    .updateTable('post')
    .set({ last_error: reason.slice(0, 2000), updated_at: Date.now() })
    .where('id', '=', post.id)
    .where('status', '=', 'publishing')
    .execute();
}
