// Built reports: on-demand previews, the list a caller may read, and one report as JSON, HTML or PDF.
import type { Static } from 'typebox';
import type { AppContext } from '../../context.js';
import type { ReportTable } from '../../db/schema/analytics.js';
import { forbidden, notFound } from '../../http/errors.js';
import { managesReports, readsReport, seesWholeOrg } from '../analytics/policy.js';
import { period } from '../analytics/scope.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { renderReport, storeReport } from './build.js';
import { checkScope } from './schedules-service.js';
import type { PreviewBody, ReportSchema } from './schemas.js';

const reportView = (r: Omit<ReportTable, 'html' | 'pdf_base64'>): Static<typeof ReportSchema> => ({
  id: r.id,
  scheduleId: r.schedule_id,
  scope: r.scope,
  teamId: r.team_id,
  periodFrom: Number(r.period_from),
  periodTo: Number(r.period_to),
  title: r.title,
  htmlUrl: `/api/v1/reports/${r.id}.html`,
  pdfUrl: `/api/v1/reports/${r.id}.pdf`,
  createdAt: Number(r.created_at),
});

export async function previewReport(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  body: Static<typeof PreviewBody>,
) {
  if (!managesReports(p)) throw forbidden('Only admin and comms build reports.');
  const { from, to } = period(body);
  const teamId = await checkScope(app.db, p.orgId, body.scope, body.teamId);
  const input = {
    orgId: p.orgId,
    scope: body.scope,
    teamId,
    from,
    to,
    scheduleId: null,
    createdBy: p.userId,
  };
  const rendered = await renderReport(app.db, input);
  const row = await app.db.transaction().execute(async (trx) => {
    const report = await storeReport(trx, input, rendered);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'report.built',
      target: { type: 'report', id: report.id },
      summary: { scope: body.scope, teamId, from, to, onDemand: true },
    });
    return report;
  });
  return reportView(row);
}

const META = [
  'id',
  'org_id',
  'schedule_id',
  'scope',
  'team_id',
  'period_from',
  'period_to',
  'title',
  'created_by',
  'created_at',
] as const;

export async function listReports(app: AppContext, p: Principal) {
  let q = app.db
    .selectFrom('report')
    .select(META.map((c) => `report.${c}` as const))
    .where('report.org_id', '=', p.orgId);
  if (!seesWholeOrg(p)) {
    // Reports of schedules that name the caller, and previews they built.
    const mine = (
      await app.db
        .selectFrom('report_schedule')
        .select(['id', 'recipients'])
        .where('org_id', '=', p.orgId)
        .execute()
    )
      .filter((s) => (JSON.parse(s.recipients) as string[]).includes(p.userId))
      .map((s) => s.id);
    q = q.where((eb) =>
      eb.or([
        eb('report.created_by', '=', p.userId),
        ...(mine.length ? [eb('report.schedule_id', 'in', mine)] : []),
      ]),
    );
  }
  const rows = await q.orderBy('report.created_at', 'desc').limit(100).execute();
  return rows.map(reportView);
}

/** One report, checked against the caller: whole-org roles, a recipient of its schedule, or its builder. */
export async function readReport(app: AppContext, p: Principal, id: string) {
  const row = await app.db
    .selectFrom('report')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Report');
  const schedule = row.schedule_id
    ? await app.db
        .selectFrom('report_schedule')
        .select('recipients')
        .where('id', '=', row.schedule_id)
        .executeTakeFirst()
    : undefined;
  const recipients = schedule ? (JSON.parse(schedule.recipients) as string[]) : [];
  if (!readsReport(p, recipients) && row.created_by !== p.userId)
    throw forbidden('This report was not sent to you.');
  return { view: reportView(row), html: row.html, pdf: Buffer.from(row.pdf_base64, 'base64') };
}
