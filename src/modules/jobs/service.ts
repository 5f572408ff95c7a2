import type { AppContext } from '../../context.js';
import type { JobTable } from '../../db/schema.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { JobSchema } from './schemas.js';

export { JobSchema };

// Payloads are not returned: they are internal ids, and keeping them out means nothing sensitive can leak here.
const toView = (j: JobTable) => ({
  id: j.id,
  type: j.type,
  status: j.status,
  attempts: Number(j.attempts),
  maxAttempts: Number(j.max_attempts),
  runAfter: Number(j.run_after),
  lastError: j.last_error,
  createdAt: Number(j.created_at),
  updatedAt: Number(j.updated_at),
});

export async function listJobs(
  app: AppContext,
  p: Principal,
  q: { status?: JobTable['status']; limit: number },
) {
  if (!policy.manageJobs(p)) throw forbidden();
  let query = app.db.selectFrom('job').selectAll().where('org_id', '=', p.orgId);
  if (q.status) query = query.where('status', '=', q.status);
  return (await query.orderBy('updated_at', 'desc').limit(q.limit).execute()).map(toView);
}

export async function summariseJobs(app: AppContext, p: Principal): Promise<Record<string, number>> {
  if (!policy.manageJobs(p)) throw forbidden();
  const rows = await app.db
    .selectFrom('job')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', p.orgId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function retryDeadJob(app: AppContext, p: Principal, actx: ActionContext, id: string) {
  if (!policy.manageJobs(p)) throw forbidden();
  const job = await app.db
    .selectFrom('job')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!job) throw notFound('Job');
  if (job.status !== 'dead')
    throw conflict('job_not_dead', 'Only a job that has given up (dead) can be retried.');
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    // Guarded by status: of two concurrent retries only one succeeds (and is audited).
    const updated = await trx
      .updateTable('job')
      .set({ status: 'pending', attempts: 0, run_after: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw conflict('job_not_dead', 'Only a job that has given up (dead) can be retried.');
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'job.retried',
      target: { type: 'job', id },
      summary: { type: job.type },
    });
  });
  app.jobSignal.notify();
  return toView({ ...job, status: 'pending', attempts: 0, run_after: now, updated_at: now });
}
