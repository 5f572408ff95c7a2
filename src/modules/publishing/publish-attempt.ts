// Publish attempts: one row per post revision, committed before the platform is called. Together with the
// post's `publishing` status it is the record that "the platform may already have this post".
import type { Db } from '../../db/database.js';
import type { PublishAttemptTable } from '../../db/schema/publish-execution.js';
import { newId } from '../../ids.js';

export type Attempt = PublishAttemptTable;

export async function findAttempt(db: Db, postId: string, revision: number): Promise<Attempt | null> {
  const row = await db
    .selectFrom('publish_attempt')
    .selectAll()
    .where('post_id', '=', postId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Marks the post `publishing` and records the attempt, in one transaction, guarded on the post still being
 * `scheduled` at this revision — or already `publishing` under this same job (its retry after a crash or a
 * transient error). Returns null when the post moved on or another job holds it.
 */
export async function beginAttempt(
  db: Db,
  post: { id: string; org_id: string; account_id: string; revision: number; status: string },
  existing: Attempt | null,
  jobId: string,
  now = Date.now(),
): Promise<Attempt | null> {
  return db.transaction().execute(async (trx) => {
    const mine = existing?.job_id === jobId;
    const moved = await trx
      .updateTable('post')
      .set({ status: 'publishing', updated_at: now })
      .where('id', '=', post.id)
      .where('revision', '=', post.revision)
      .where('status', 'in', mine ? ['scheduled', 'publishing'] : ['scheduled'])
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return null;
    if (existing) {
      await trx
        .updateTable('publish_attempt')
        .set({ tries: existing.tries + 1, job_id: jobId })
        .where('id', '=', existing.id)
        .execute();
      return { ...existing, tries: existing.tries + 1, job_id: jobId };
    }
    const attempt: Attempt = {
      id: newId(),
      org_id: post.org_id,
      post_id: post.id,
      revision: post.revision,
      account_id: post.account_id,
      // Stable for this revision whichever worker or process retries it.
      idempotency_key: `parapet-${post.id}-${post.revision}`,
      job_id: jobId,
      started_at: now,
      tries: 1,
      finished_at: null,
      outcome: null,
      platform_post_id: null,
      error: null,
    };
    await trx.insertInto('publish_attempt').values(attempt).execute();
    return attempt;
  });
}

export async function finishAttempt(
  db: Db,
  id: string,
  change: { outcome: Attempt['outcome']; platformPostId?: string | null; error?: string | null },
  now = Date.now(),
): Promise<void> {
  await db
    .updateTable('publish_attempt')
    .set({
      finished_at: change.outcome ? now : null,
      outcome: change.outcome,
      platform_post_id: change.platformPostId ?? null,
      error: change.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}
