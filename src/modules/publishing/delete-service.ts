// Deleting a published post from its platform. The request is checked and queued here; the platform call
// is the `publishing.delete_post` job. The post row and its revisions stay: they are the archived copy.
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { enqueueJob } from '../../jobs/queue.js';
import { findAccount } from '../accounts/repo.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { AccountPermission } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { publishPolicy } from './publish-policy.js';

export const DELETE_POST_JOB = 'publishing.delete_post';

export interface DeletionQueued {
  postId: string;
  status: string;
  deletion: 'queued';
}

export async function requestPostDeletion(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  postId: string,
  reason: string,
): Promise<DeletionQueued> {
  const post = await app.db
    .selectFrom('post')
    .select(['id', 'org_id', 'account_id', 'author_id', 'status'])
    .where('id', '=', postId)
    .where('org_id', '=', p.orgId)
    .executeTakeFirst();
  if (!post) throw notFound('The post');
  const account = await findAccount(app.db, p.orgId, post.account_id);
  const grant = await app.db
    .selectFrom('account_grant')
    .select('permissions')
    .where('org_id', '=', p.orgId)
    .where('account_id', '=', account.id)
    .where('user_id', '=', p.userId)
    .executeTakeFirst();
  const permissions = grant ? (JSON.parse(grant.permissions) as AccountPermission[]) : null;
  if (!publishPolicy.deletePost(p, post, permissions ? { permissions } : null, account)) throw forbidden();
  if (post.status === 'deleted') throw conflict('already_deleted', 'This post has already been deleted.');
  if (post.status !== 'published')
    throw conflict(
      'not_published',
      `Only a published post can be deleted from its platform; this one is ${post.status}.`,
    );
  const keyPrefix = `${DELETE_POST_JOB}:${post.id}:`;
  await app.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('job')
      .select('id')
      .where('idempotency_key', 'like', `${keyPrefix}%`)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (pending) throw conflict('delete_pending', 'Deleting this post is already under way.');
    await enqueueJob(trx, {
      type: DELETE_POST_JOB,
      orgId: p.orgId,
      payload: { postId: post.id, reason, requestedBy: p.userId },
      idempotencyKey: `${keyPrefix}${newId()}`,
      maxAttempts: 10, // matches the delete job's MAX_TRIES
    });
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'post.delete_requested',
      target: { type: 'post', id: post.id },
      summary: { reason, accountId: account.id, platform: account.platform },
    });
  });
  app.jobSignal.notify();
  return { postId: post.id, status: post.status, deletion: 'queued' };
}
