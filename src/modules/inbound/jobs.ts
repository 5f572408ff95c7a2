// Job handlers for ingestion: the periodic poll scheduler, the per-account poll, and digest pruning.
import type { AppContext } from '../../context.js';
import { PermanentJobError } from '../../jobs/errors.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import { pruneDeliveries } from './deliveries.js';
import { POLL_ACCOUNT_JOB, pollAccount, schedulePolls } from './poller.js';

export function registerInboundJobs(app: AppContext): void {
  registerPeriodic(app, {
    type: 'inbound.poll',
    intervalMs: app.config.inbound.pollIntervalMs,
    run: async () => {
      await schedulePolls(app);
    },
  });
  // Hourly: replay digests past their window. One DELETE on an indexed column.
  registerPeriodic(app, {
    type: 'inbound.prune-deliveries',
    intervalMs: 3_600_000,
    run: async () => {
      await pruneDeliveries(app.db);
    },
  });
  app.jobHandlers.set(POLL_ACCOUNT_JOB, async ({ payload }) => {
    if (typeof payload.accountId !== 'string') throw new PermanentJobError('poll job without an accountId');
    await pollAccount(app, payload.accountId);
  });
}
