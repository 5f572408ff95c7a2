// Figures per account, officer or team for the chosen scope and period, with their CSV.
import { useState } from 'react';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { CsvLink } from './csv-link.js';
import { analyticsUrl, type By, type Period, type Scope, useBreakdown } from './hooks.js';

export function BreakdownTable({ period, scope }: { period: Period; scope: Scope }) {
  const [by, setBy] = useState<By>('account');
  const breakdown = useBreakdown(period, by, scope);
  return (
    <section className="panel" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">Per {by}</h2>
      <div className="filters">
        <label>
          Figures per
          <select value={by} onChange={(e) => setBy(e.target.value as By)}>
            <option value="account">account</option>
            <option value="officer">officer</option>
            <option value="team">team</option>
          </select>
        </label>
        <CsvLink href={analyticsUrl('breakdown', period, scope, { by, format: 'csv' })}>
          Per {by} (CSV)
        </CsvLink>
      </div>
      {breakdown.isPending ? (
        <Loading what="the breakdown" />
      ) : breakdown.isError ? (
        <ErrorNote error={breakdown.error} />
      ) : breakdown.data.rows.length === 0 ? (
        <Empty>Nothing in this period.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{by[0]!.toUpperCase() + by.slice(1)}</th>
              <th scope="col">Posts</th>
              <th scope="col">Engagement</th>
              <th scope="col">Per post</th>
              <th scope="col">Received</th>
              <th scope="col">Handled</th>
            </tr>
          </thead>
          <tbody>
            {breakdown.data.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.posts}</td>
                <td>{r.engagement}</td>
                <td>{r.engagementPerPost === null ? '—' : r.engagementPerPost.toFixed(1)}</td>
                <td>{r.received}</td>
                <td>{r.handled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
