// Built reports (printable HTML and PDF) and, for admin and comms, the schedules that make them.
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { SchedulesPanel } from '../reports/schedules-panel.js';
import { useReports } from './hooks.js';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
/** A report's period as whole days: its end is exclusive (midnight), so the last day shown is the one before. */
const days = (from: number, to: number) => `${day.format(new Date(from))} – ${day.format(new Date(to - 1))}`;

export function ReportsList({ canManage, canListUsers }: { canManage: boolean; canListUsers: boolean }) {
  const reports = useReports();
  return (
    <section className="panel" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      {reports.isPending ? (
        <Loading what="reports" />
      ) : reports.isError ? (
        <ErrorNote error={reports.error} />
      ) : reports.data.reports.length === 0 ? (
        <Empty>
          No reports have been built yet.
          {canManage ? ' Schedule one below, or build one now from a schedule.' : ''}
        </Empty>
      ) : (
        <ul className="reports">
          {reports.data.reports.map((r) => (
            <li key={r.id}>
              <strong>{r.title}</strong> · {days(r.periodFrom, r.periodTo)} ·{' '}
              <a href={r.htmlUrl} target="_blank" rel="noreferrer">
                Open printable page<span className="visually-hidden"> for {r.title}</span>
              </a>{' '}
              ·{' '}
              <a href={r.pdfUrl} target="_blank" rel="noreferrer">
                PDF<span className="visually-hidden"> of {r.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {canManage && <SchedulesPanel canListUsers={canListUsers} />}
    </section>
  );
}
