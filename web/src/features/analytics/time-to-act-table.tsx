// How fast received items were acted on, per account and category (p50/p95 from receipt), with CSV.
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { useAccounts } from '../accounts/hooks.js';
import { CsvLink } from './csv-link.js';
import { analyticsUrl, type Period, type Scope, useTimeToAct } from './hooks.js';

const dur = (ms: number | null | undefined) =>
  ms == null ? '—' : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

export function TimeToActTable({ period, scope }: { period: Period; scope: Scope }) {
  const t = useTimeToAct(period, scope);
  const accounts = useAccounts();
  const nameOf = (id: string) => {
    const a = accounts.data?.accounts.find((x) => x.id === id);
    return a ? a.displayName || a.handle : id;
  };
  return (
    <section className="panel" aria-labelledby="tta-title">
      <h2 id="tta-title">Time to act</h2>
      <CsvLink href={analyticsUrl('time-to-act', period, scope, { format: 'csv' })}>
        Time to act (CSV)
      </CsvLink>
      {t.isPending ? (
        <Loading what="time to act" />
      ) : t.isError ? (
        <ErrorNote error={t.error} />
      ) : t.data.groups.length === 0 ? (
        <Empty>Nothing received in this period.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Category</th>
              <th scope="col">Items</th>
              <th scope="col">Platform action p50 / p95</th>
              <th scope="col">Person’s decision p50 / p95</th>
            </tr>
          </thead>
          <tbody>
            {t.data.groups.map((g) => (
              <tr key={`${g.accountId}/${g.category}`}>
                <td>{nameOf(g.accountId)}</td>
                <td>{g.category}</td>
                <td>{g.items}</td>
                <td>
                  {dur(g.fromReceived.actionIssued?.p50)} / {dur(g.fromReceived.actionIssued?.p95)}
                </td>
                <td>
                  {dur(g.fromReceived.humanDecision?.p50)} / {dur(g.fromReceived.humanDecision?.p95)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
