// Holding and releasing posts for the kill switches (organisation pause, account or author suspension, an
// unusable account, a lapsed licence). A held post keeps its text and schedule; its post_hold row says which
// switch holds it and the status it returns to, so lifting one switch releases exactly the posts it held.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { HoldKind } from '../../db/schema/publish-execution.js';
import type { PostStatus } from '../../db/schema/publishing.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { enqueuePublish } from './publish-queue.js';

type App = Pick<AppContext, 'dbKind'>;

export interface HoldablePost {
  id: string;
  org_id: string;
  status: PostStatus;
}

/** Holds one post (guarded on its current status, so a post that moved on is left alone). */
export async function holdPost(
  app: App,
  db: Db,
  actx: ActionContext,
  post: HoldablePost,
  hold: { kind: HoldKind; reason: string },
  now = Date.now(),
): Promise<boolean> {
  const res = await db
    .updateTable('post')
    .set({ status: 'held', hold_reason: hold.reason, updated_at: now })
    .where('id', '=', post.id)
    .where('org_id', '=', post.org_id)
    .where('status', '=', post.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await db.deleteFrom('post_hold').where('post_id', '=', post.id).execute();
  await db
    .insertInto('post_hold')
    .values({
      post_id: post.id,
      org_id: post.org_id,
      kind: hold.kind,
      from_status: post.status === 'publishing' ? 'scheduled' : post.status,
      reason: hold.reason,
      created_at: now,
    })
    .execute();
  await audit(app, db, actx, {
    orgId: post.org_id,
    action: 'post.held',
    target: { type: 'post', id: post.id },
    summary: { kind: hold.kind, reason: hold.reason, fromStatus: post.status },
  });
  return true;
}

/** Holds every post of an account or an author that is in one of `statuses`. Returns how many. */
export async function holdPosts(
  app: App,
  db: Db,
  actx: ActionContext,
  scope: { orgId: string; accountId?: string; authorId?: string },
  statuses: PostStatus[],
  hold: { kind: HoldKind; reason: string },
  now = Date.now(),
): Promise<number> {
  let q = db
    .selectFrom('post')
    .select(['id', 'org_id', 'status'])
    .where('org_id', '=', scope.orgId)
    .where('status', 'in', statuses);
  if (scope.accountId) q = q.where('account_id', '=', scope.accountId);
  if (scope.authorId) q = q.where('author_id', '=', scope.authorId);
  let held = 0;
  for (const post of await q.execute()) if (await holdPost(app, db, actx, post, hold, now)) held++;
  return held;
}

/**
 * Lifts one kind of hold: each post goes back to the status it was held from. Posts going back to
 * `scheduled` get a new publish job (at their scheduled time, or at once if it has passed); the job checks
 * every gate again, so a post still blocked by another switch is simply held again by that one.
 */
export async function releaseHolds(
  app: App,
  db: Db,
  actx: ActionContext,
  scope: { orgId: string; kind: HoldKind; accountId?: string; authorId?: string },
  now = Date.now(),
): Promise<number> {
  let q = db
    .selectFrom('post_hold')
    .innerJoin('post', 'post.id', 'post_hold.post_id')
    .select(['post.id', 'post.org_id', 'post.revision', 'post.scheduled_at', 'post_hold.from_status'])
    .where('post_hold.org_id', '=', scope.orgId)
    .where('post_hold.kind', '=', scope.kind)
    .where('post.status', '=', 'held');
  if (scope.accountId) q = q.where('post.account_id', '=', scope.accountId);
  if (scope.authorId) q = q.where('post.author_id', '=', scope.authorId);
  const rows = await q.execute();
  for (const row of rows) {
    const to: PostStatus = row.from_status === 'pending_approval' ? 'pending_approval' : 'scheduled';
    await db
      .updateTable('post')
      .set({ status: to, hold_reason: null, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'held')
      .execute();
    await db.deleteFrom('post_hold').where('post_id', '=', row.id).execute();
    if (to === 'scheduled') await enqueuePublish(db, row, now, { nonce: newId() });
    await audit(app, db, actx, {
      orgId: row.org_id,
      action: 'post.released',
      target: { type: 'post', id: row.id },
      summary: { kind: scope.kind, toStatus: to },
    });
  }
  return rows.length;
}
