// Moderation counts by category and action (platform actions taken, and people's decisions), with their CSV.
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { CsvLink } from './csv-link.js';
import { analyticsUrl, type Period, type Scope, useModeration } from './hooks.js';

export function ModerationTable({ period, scope }: { period: Period; scope: Scope }) {
  const m = useModeration(period, scope);
  return (
    <section className="panel" aria-labelledby="moderation-title">
      <h2 id="moderation-title">Moderation by category and action</h2>
      <CsvLink href={analyticsUrl('moderation', period, scope, { format: 'csv' })}>
        Moderation counts (CSV)
      </CsvLink>
      {m.isPending ? (
        <Loading what="moderation counts" />
      ) : m.isError ? (
        <ErrorNote error={m.error} />
      ) : m.data.rows.length === 0 ? (
        <Empty>No moderation in this period.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {m.data.rows.map((r) => (
              <tr key={`${r.kind}/${r.category}/${r.action}`}>
                <td>{r.category}</td>
                <td>{r.action.replaceAll('_', ' ')}</td>
                <td>{r.kind === 'decision' ? 'a person’s decision' : 'platform action'}</td>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
