import type { Db } from '../db/database.js';
import type { JobTable } from '../db/schema.js';
import { newId } from '../ids.js';

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  orgId?: string | null;
  /** A second enqueue with the same key is ignored, so a retried request never creates a second job. */
  idempotencyKey?: string;
  runAfter?: number;
  maxAttempts?: number;
}

/**
 * Adds a job. Pass the transaction of the change that causes it (outbox pattern): the job exists
 * exactly when the change committed. Payloads hold ids, never secrets.
 * Returns the job id, or null when the idempotency key was already used.
 */
export async function enqueueJob(db: Db, job: NewJob, now = Date.now()): Promise<string | null> {
  const id = newId();
  const result = await db
    .insertInto('job')
    .values({
      id,
      org_id: job.orgId ?? null,
      type: job.type,
      payload: JSON.stringify(job.payload),
      status: 'pending',
      run_after: job.runAfter ?? now,
      attempts: 0,
      max_attempts: job.maxAttempts ?? 8,
      last_error: null,
      idempotency_key: job.idempotencyKey ?? null,
      locked_by: null,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

export type JobRow = JobTable;
