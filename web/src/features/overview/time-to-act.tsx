// Time to act over the last 30 days, from Parapet receiving an item: to a person's decision and to the platform
// confirming the action. Percentiles cannot be merged across groups, so the busiest groups are listed as they are.
import type { TimeToAct } from '../../api/types.js';

const SHOWN = 5;

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

const pair = (s?: { p50: number | null; p95: number | null }) =>
  `${formatDuration(s?.p50)} / ${formatDuration(s?.p95)}`;

export function TimeToActTable({ data, handleOf }: { data: TimeToAct; handleOf: (id: string) => string }) {
  const groups = [...data.groups].sort((a, b) => b.items - a.items).slice(0, SHOWN);
  if (groups.length === 0) return <p className="empty">No inbound items in the last 30 days.</p>;
  return (
    <table>
      <caption className="muted">
        Median / 95th percentile from receipt; the {Math.min(SHOWN, data.groups.length)} busiest of{' '}
        {data.groups.length} account and category groups.
      </caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Category</th>
          <th scope="col">Items</th>
          <th scope="col">To a person’s decision</th>
          <th scope="col">To the action done</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={`${g.accountId}/${g.category}`}>
            <td>{handleOf(g.accountId)}</td>
            <td>{g.category}</td>
            <td>{g.items}</td>
            <td>{pair(g.fromReceived.humanDecision)}</td>
            <td>{pair(g.fromReceived.actionConfirmed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
