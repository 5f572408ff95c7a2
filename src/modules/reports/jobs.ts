// Scheduled reports. reports.build_due runs hourly: for every schedule whose last complete period (periods.ts)
// has no report yet, builds it, stores it and queues one e-mail job per recipient, in one transaction. The
// unique (schedule_id, period_from) makes a second worker's attempt fail harmlessly. reports.email sends one
// recipient the link and the PDF; its idempotency key (report + user) means a retry never queues a duplicate.
import type { AppContext } from '../../context.js';
import { PermanentJobError } from '../../jobs/errors.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { JobContext } from '../../jobs/worker.js';
import { mailConfigured, sendMail } from '../alerts/mailer.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { renderReport, storeReport } from './build.js';
import { lastCompletePeriod } from './periods.js';

export const REPORTS_DUE_JOB = 'reports.build_due';
export const REPORT_EMAIL_JOB = 'reports.email';

export function registerReportJobs(app: AppContext): void {
  registerPeriodic(app, {
    type: REPORTS_DUE_JOB,
    intervalMs: 60 * 60_000,
    run: () => buildDueReports(app).then(() => undefined),
  });
  app.jobHandlers.set(REPORT_EMAIL_JOB, (job) => emailReport(app, job));
}

/** Returns the ids of the reports built. */
export async function buildDueReports(app: AppContext, now = Date.now()): Promise<string[]> {
  const schedules = await app.db.selectFrom('report_schedule').selectAll().execute();
  const built: string[] = [];
  for (const s of schedules) {
    const { from, to } = lastCompletePeriod(s.cadence, now);
    const exists = await app.db
      .selectFrom('report')
      .select('id')
      .where('schedule_id', '=', s.id)
      .where('period_from', '=', from)
      .executeTakeFirst();
    if (exists) continue;
    const input = {
      orgId: s.org_id,
      scope: s.scope,
      teamId: s.team_id,
      from,
      to,
      scheduleId: s.id,
      createdBy: null,
    };
    try {
      const rendered = await renderReport(app.db, input);
      const id = await app.db.transaction().execute(async (trx) => {
        const report = await storeReport(trx, input, rendered, now);
        for (const userId of JSON.parse(s.recipients) as string[])
          await enqueueJob(trx, {
            type: REPORT_EMAIL_JOB,
            orgId: s.org_id,
            payload: { reportId: report.id, userId },
            idempotencyKey: `report-email:${report.id}:${userId}`,
          });
        await audit(app, trx, systemContext('reports'), {
          orgId: s.org_id,
          action: 'report.built',
          target: { type: 'report', id: report.id },
          summary: { scheduleId: s.id, from, to },
        });
        return report.id;
      });
      built.push(id);
    } catch (err) {
      // Another worker built the same period first (unique constraint), or the build failed: next run retries.
      app.logger.warn({ scheduleId: s.id, err: (err as Error).message }, 'scheduled report not built');
    }
  }
  if (built.length) app.jobSignal.notify();
  return built;
}

export async function emailReport(app: AppContext, job: JobContext): Promise<void> {
  const { reportId, userId } = job.payload as { reportId?: string; userId?: string };
  const report = await app.db
    .selectFrom('report')
    .select(['id', 'org_id', 'title', 'pdf_base64'])
    .where('id', '=', String(reportId))
    .executeTakeFirst();
  if (!report) throw new PermanentJobError(`report ${reportId} does not exist`);
  const user = await app.db
    .selectFrom('app_user')
    .select(['email', 'status'])
    .where('id', '=', String(userId))
    .where('org_id', '=', report.org_id)
    .executeTakeFirst();
  if (user?.status !== 'active') return; // removed or suspended since: nothing to send
  if (!mailConfigured(app.config.mail))
    throw new PermanentJobError('no SMTP server is configured (PARAPET_SMTP_URL)');
  const link = `${app.config.publicUrl.replace(/\/+$/, '')}/api/v1/reports/${report.id}.html`;
  await sendMail(app.config.mail, {
    to: user.email,
    subject: report.title,
    text: `${report.title}\n\nRead it in Parapet: ${link}\nThe PDF is attached.\n`,
    attachments: [
      {
        filename: `parapet-report-${report.id}.pdf`,
        content: Buffer.from(report.pdf_base64, 'base64'),
        contentType: 'application/pdf',
      },
    ],
  });
}
