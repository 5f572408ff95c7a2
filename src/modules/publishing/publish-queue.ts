// The hand-off from compose/approval to publishing: a post cleared to publish gets its publish job here,
// inside the transaction that cleared it. The job runs at scheduled_at (or at once); the idempotency key
// (post + revision) means clearing the same revision twice never makes two jobs.
import type { Db } from '../../db/database.js';
import { enqueueJob } from '../../jobs/queue.js';

export const PUBLISH_JOB = 'publishing.publish';

export async function enqueuePublish(
  db: Db,
  post: { id: string; org_id: string; revision: number; scheduled_at: number | null },
  now = Date.now(),
): Promise<void> {
  await enqueueJob(
    db,
    {
      type: PUBLISH_JOB,
      orgId: post.org_id,
      payload: { postId: post.id, revision: post.revision },
      idempotencyKey: `${PUBLISH_JOB}:${post.id}:${post.revision}`,
      runAfter: Math.max(post.scheduled_at ?? now, now),
      maxAttempts: 10,
    },
    now,
  );
}
