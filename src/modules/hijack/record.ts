// One foreign post: recorded, alerted (once per platform post), and under 'delete_and_lock' its deletion queued
// through the job table and the account locked, all in one transaction with the audit records.
import type { OwnPost } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { newId } from '../../ids.js';
import { enqueueJob } from '../../jobs/queue.js';
import { raiseAlert } from '../alerts/raise.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { hijackStateOf } from './state.js';

export const HIJACK_DELETE_JOB = 'hijack.delete_post';
const actx = systemContext('hijack-detector');

/** Returns true when this post was newly detected (false: another worker got there first). */
export async function recordForeignPost(
  app: AppContext,
  account: SocialAccountTable,
  post: OwnPost,
  now: number,
): Promise<boolean> {
  const created = await app.db.transaction().execute(async (trx) => {
    const { policy } = await hijackStateOf(trx, account);
    const id = newId();
    const inserted = await trx
      .insertInto('hijack_detection')
      .values({
        id,
        org_id: account.org_id,
        account_id: account.id,
        platform: account.platform,
        platform_post_id: post.ref.id,
        platform_ref: JSON.stringify(post.ref),
        text: post.text,
        url: post.url,
        platform_created_at: post.createdAt,
        detected_at: now,
        action: policy === 'delete_and_lock' ? 'delete_and_lock' : 'alerted',
        delete_job_id: null,
        deleted_at: null,
        delete_error: null,
      })
      .onConflict((oc) => oc.columns(['account_id', 'platform_post_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const deleting = policy === 'delete_and_lock';
    await raiseAlert(
      trx,
      {
        orgId: account.org_id,
        kind: 'publishing.hijack',
        severity: 'urgent',
        accountId: account.id,
        subject: { type: 'hijack_detection', id },
        summary: `A post not made through Parapet appeared on ${account.platform} account ${account.handle}${
          deleting ? '; it is being deleted and the account is locked' : ''
        }: "${post.text.slice(0, 120)}"`,
        detail: { platformPostId: post.ref.id, url: post.url, createdAt: post.createdAt, policy },
        dedupeKey: `publishing.hijack:${account.id}:${post.ref.id}`,
      },
      now,
    );
    await audit(app, trx, actx, {
      orgId: account.org_id,
      action: 'hijack.detected',
      target: { type: 'social_account', id: account.id },
      summary: { detectionId: id, platformPostId: post.ref.id, policy, text: post.text.slice(0, 500) },
    });
    if (deleting) await deleteAndLock(app, trx, account, id, post, now);
    return true;
  });
  if (created) app.jobSignal.notify();
  return created;
}

async function deleteAndLock(
  app: AppContext,
  trx: Db,
  account: SocialAccountTable,
  detectionId: string,
  post: OwnPost,
  now: number,
): Promise<void> {
  const jobId = await enqueueJob(
    trx,
    {
      type: HIJACK_DELETE_JOB,
      orgId: account.org_id,
      payload: { detectionId },
      idempotencyKey: `${HIJACK_DELETE_JOB}:${detectionId}`,
    },
    now,
  );
  await trx
    .updateTable('hijack_detection')
    .set({ delete_job_id: jobId })
    .where('id', '=', detectionId)
    .execute();
  // Lock only an account that is in use; a suspended one stays suspended (stronger) and keeps its reason.
  const reason = `Hijack signal: post ${post.ref.id} was not made through Parapet (detected ${new Date(now).toISOString()}); its deletion was queued and the account locked.`;
  const locked = await trx
    .updateTable('social_account')
    .set({ status: 'locked', status_reason: reason, updated_at: now })
    .where('id', '=', account.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) > 0)
    await audit(app, trx, actx, {
      orgId: account.org_id,
      action: 'account.locked',
      target: { type: 'social_account', id: account.id },
      summary: { reason, detectionId, previousStatus: 'active' },
    });
}
