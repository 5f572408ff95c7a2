import type { AppContext } from '../../context.js';
import { deliverAlert, SEND_ALERT_JOB } from './deliver-job.js';
import { DELIVER_ALERT_JOB } from './raise.js';
import { sendDelivery } from './send-job.js';

/** Registers the alert delivery handlers (called from createAppContext). */
export function registerAlertJobs(ctx: AppContext): void {
  ctx.jobHandlers.set(DELIVER_ALERT_JOB, async (job) => deliverAlert(ctx, String(job.payload.alertId)));
  ctx.jobHandlers.set(SEND_ALERT_JOB, async (job) => sendDelivery(ctx, job));
}
