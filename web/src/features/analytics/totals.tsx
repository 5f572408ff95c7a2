// Headline figures for the chosen scope and period: posts, engagement (with each platform metric), what the
// public sent and how it was handled, and how fast questions were answered; then the trend chart.
import type { AnalyticsOverview } from '../../api/types.js';
import { TrendChart } from './trend-chart.js';

const mins = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 60_000)} min`);

export function Totals({ o }: { o: AnalyticsOverview }) {
  const e = o.engagement;
  return (
    <>
      <ul className="tiles" aria-label="Totals">
        <li>
          <strong>{o.postsPublished}</strong> posts published
        </li>
        <li>
          <strong>{e.perPost.toFixed(1)}</strong> engagements per post
          <span className="muted">
            {e.total} in all, from {e.postsMeasured} measured post{e.postsMeasured === 1 ? '' : 's'}
          </span>
        </li>
        <li>
          <strong>{o.inbound.received}</strong> received, {o.inbound.handled} handled
        </li>
        <li>
          <strong>{mins(o.inbound.responseTimeP50Ms)}</strong> median answer to a question
          <span className="muted">
            {o.inbound.questionsAnswered} of {o.inbound.questions} answered · p95{' '}
            {mins(o.inbound.responseTimeP95Ms)}
          </span>
        </li>
      </ul>
      <table aria-label="Engagement by kind">
        <thead>
          <tr>
            <th scope="col">Likes</th>
            <th scope="col">Replies</th>
            <th scope="col">Reposts and shares</th>
            <th scope="col">Views</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{e.likes}</td>
            <td>{e.replies}</td>
            <td>{e.reposts}</td>
            <td>
              {e.views === null ? (
                <span title="None of these posts' platforms reports views">not reported</span>
              ) : e.postsWithViews < e.postsMeasured ? (
                `${e.views} (from ${e.postsWithViews} of ${e.postsMeasured} posts)`
              ) : (
                e.views
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <TrendChart trend={o.trend} />
    </>
  );
}
