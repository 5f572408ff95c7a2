// Built reports (printable HTML and PDF) and, for communications staff, the schedules that make them.
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useReports, useSchedules } from './hooks.js';

export function ReportsList({ canManage }: { canManage: boolean }) {
  const reports = useReports();
  const schedules = useSchedules(canManage);
  return (
    <section className="panel">
      <h2>Reports</h2>
      {reports.isPending ? (
        <Loading what="reports" />
      ) : reports.isError ? (
        <ErrorNote error={reports.error} />
      ) : reports.data.reports.length === 0 ? (
        <Empty>No reports have been built yet.</Empty>
      ) : (
        <ul className="reports">
          {reports.data.reports.map((r) => (
            <li key={r.id}>
              <strong>{r.title}</strong> · {formatTime(r.periodFrom)} – {formatTime(r.periodTo)} ·{' '}
              <a href={r.htmlUrl}>HTML</a> · <a href={r.pdfUrl}>PDF</a>
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <>
          <h3>Schedules</h3>
          {schedules.isPending ? (
            <Loading what="schedules" />
          ) : schedules.isError ? (
            <ErrorNote error={schedules.error} />
          ) : schedules.data.schedules.length === 0 ? (
            <Empty>No scheduled reports.</Empty>
          ) : (
            <ul>
              {schedules.data.schedules.map((s) => (
                <li key={s.id}>
                  {s.cadence} report for {s.scope === 'org' ? 'the organisation' : 'a team'}, to{' '}
                  {s.recipients.length} recipient{s.recipients.length === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
