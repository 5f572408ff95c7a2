// The hand-off from compose/approval to publishing: a post cleared to publish gets its publish job here,
// inside the transaction that cleared it. The job runs at scheduled_at (or at once); the idempotency key
// (post + revision) means clearing the same revision twice never makes two jobs. A post released from a
// hold is queued again with a nonce (its first job already used the plain key).
import type { Db } from '../../db/database.js';
import { enqueueJob } from '../../jobs/queue.js';

export const PUBLISH_JOB = 'publishing.publish';
/** After this many tries a transiently failing publish is given up and the post marked failed. */
export const PUBLISH_MAX_ATTEMPTS = 10;

export async function enqueuePublish(
  db: Db,
  post: { id: string; org_id: string; revision: number; scheduled_at: number | null },
  now = Date.now(),
  opts: { nonce?: string } = {},
): Promise<void> {
  const key = `${PUBLISH_JOB}:${post.id}:${post.revision}`;
  await enqueueJob(
    db,
    {
      type: PUBLISH_JOB,
      orgId: post.org_id,
      payload: { postId: post.id, revision: post.revision },
      idempotencyKey: opts.nonce ? `${key}:${opts.nonce}` : key,
      runAfter: Math.max(post.scheduled_at ?? now, now),
      maxAttempts: PUBLISH_MAX_ATTEMPTS,
    },
    now,
  );
}
