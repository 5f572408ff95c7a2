// Periodic jobs (pollers, hijack checks, SLA checks, credential refresh…) as durable jobs that re-queue
// themselves. The idempotency key is the time slot, so any number of workers seeding or re-queuing agree on
// one job per slot; a run that crashes is retried by the job table like any other job.
import type { AppContext } from '../context.js';
import { enqueueJob } from './queue.js';

export interface PeriodicJob {
  type: string;
  intervalMs: number;
  run(payload: Record<string, unknown>): Promise<void>;
}

/** Registers the handler: run, then queue the next slot (even if this run failed, so the loop never stops). */
export function registerPeriodic(app: AppContext, job: PeriodicJob): void {
  app.periodicJobs.set(job.type, job.intervalMs);
  app.jobHandlers.set(job.type, async ({ payload }) => {
    try {
      await job.run(payload);
    } finally {
      await schedulePeriodic(app, job.type, job.intervalMs);
    }
  });
}

export async function schedulePeriodic(
  app: Pick<AppContext, 'db'>,
  type: string,
  intervalMs: number,
  now = Date.now(),
): Promise<string | null> {
  const slot = Math.floor(now / intervalMs) + 1;
  return enqueueJob(app.db, {
    type,
    payload: {},
    idempotencyKey: `${type}:${slot}`,
    runAfter: slot * intervalMs,
  });
}

/** Seeds the first run of every registered periodic job (worker start-up). */
export async function seedPeriodicJobs(app: AppContext): Promise<void> {
  for (const [type, intervalMs] of app.periodicJobs) await schedulePeriodic(app, type, intervalMs);
}
