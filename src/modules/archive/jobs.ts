// Archive jobs: evidence export builds, and the daily retention run (cadence and cost: see retention.ts).
import type { AppContext } from '../../context.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import { EXPORT_JOB } from './export-build.js';
import { runExportJob } from './export-service.js';
import { DAY_MS, runRetention } from './retention.js';

export const RETENTION_JOB = 'archive.retention';

export function registerArchiveJobs(ctx: AppContext): void {
  ctx.jobHandlers.set(EXPORT_JOB, async (job) => runExportJob(ctx, String(job.payload.exportId)));
  registerPeriodic(ctx, { type: RETENTION_JOB, intervalMs: DAY_MS, run: () => runRetention(ctx) });
}
