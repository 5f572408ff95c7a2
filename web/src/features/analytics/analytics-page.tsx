// Analytics for a period: totals, a trend chart, figures per account / officer / team, CSV downloads, reports.
import { useState } from 'react';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { type By, breakdownUrl, overviewUrl, type Period, useBreakdown, useOverview } from './hooks.js';
import { ReportsList } from './reports-list.js';
import { TrendChart } from './trend-chart.js';

const DAY = 86_400_000;
const periodOf = (days: number): Period => {
  const to = Math.ceil(Date.now() / DAY) * DAY; // end of today, UTC: stable query keys within a day
  return { from: to - days * DAY, to, bucket: days > 120 ? 'month' : days > 31 ? 'week' : 'day' };
};
const mins = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 60_000)} min`);

export function AnalyticsPage({ canManageReports }: { canManageReports: boolean }) {
  const [days, setDays] = useState(30);
  const [by, setBy] = useState<By>('account');
  const period = periodOf(days);
  const overview = useOverview(period);
  const breakdown = useBreakdown(period, by);
  return (
    <>
      <h1>Analytics</h1>
      <div className="filters">
        <label>
          Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={7}>Last 7 days</option>
            <option value={30}>Last 30 days</option>
            <option value={90}>Last 90 days</option>
            <option value={365}>Last 12 months</option>
          </select>
        </label>
        <a className="button secondary" href={overviewUrl(period, 'csv')} download>
          Totals and trend (CSV)
        </a>
      </div>
      {overview.isPending ? (
        <Loading what="analytics" />
      ) : overview.isError ? (
        <ErrorNote error={overview.error} />
      ) : (
        <>
          <ul className="tiles">
            <li>
              <strong>{overview.data.postsPublished}</strong> posts published
            </li>
            <li>
              <strong>{overview.data.engagement.perPost.toFixed(1)}</strong> engagements per post
            </li>
            <li>
              <strong>{overview.data.inbound.received}</strong> received, {overview.data.inbound.handled}{' '}
              handled
            </li>
            <li>
              <strong>{mins(overview.data.inbound.responseTimeP50Ms)}</strong> median answer to a question
            </li>
          </ul>
          <TrendChart trend={overview.data.trend} />
        </>
      )}
      <section className="panel">
        <h2>Per {by}</h2>
        <div className="filters">
          <label>
            Figures per
            <select value={by} onChange={(e) => setBy(e.target.value as By)}>
              <option value="account">account</option>
              <option value="officer">officer</option>
              <option value="team">team</option>
            </select>
          </label>
          <a className="button secondary" href={breakdownUrl(period, by, 'csv')} download>
            Per {by} (CSV)
          </a>
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
                <th scope="col">{by}</th>
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
                  <td>{r.name}</td>
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
      <ReportsList canManage={canManageReports} />
    </>
  );
}
