import { sql } from 'kysely';
import type { DatabaseKind, Db } from '../db/database.js';
import type { JobTable } from '../db/schema.js';

/**
 * Claims up to `limit` runnable jobs for one worker in a single statement: pending jobs whose time has
 * come, and running jobs whose lease expired (their worker died). On PostgreSQL the inner select uses
 * FOR UPDATE SKIP LOCKED, so concurrent workers in many processes never claim the same job; SQLite has a
 * single writer, so the UPDATE is already exclusive.
 */
export async function claimJobs(
  db: Db,
  kind: DatabaseKind,
  workerId: string,
  limit: number,
  leaseMs: number,
  now = Date.now(),
): Promise<JobTable[]> {
  const lockClause = kind === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<JobTable>`
    update job set status = 'running', locked_by = ${workerId}, locked_until = ${now + leaseMs},
      attempts = attempts + 1, updated_at = ${now}
    where id in (
      select id from job
      where (status = 'pending' and run_after <= ${now})
         or (status = 'running' and locked_until < ${now})
      order by run_after
      limit ${limit}
      ${lockClause}
    )
    returning *`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    run_after: Number(r.run_after),
    attempts: Number(r.attempts),
    max_attempts: Number(r.max_attempts),
  }));
}
