// A small inline-SVG bar chart of the trend: posts published and items received per bucket.

import type { AnalyticsOverview } from '../../api/types.js';
import { formatTime } from '../../components/status.js';

const W = 640;
const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const formatDay = (ms: number) => dayFormat.format(new Date(ms));
const bucketName = (trend: AnalyticsOverview['trend']) => {
  const step = trend.length > 1 ? trend[1]!.start - trend[0]!.start : 86_400_000;
  return step > 20 * 86_400_000 ? 'month' : step > 86_400_000 ? 'week' : 'day';
};
const H = 140;

export function TrendChart({ trend }: { trend: AnalyticsOverview['trend'] }) {
  const max = Math.max(1, ...trend.flatMap((t) => [t.posts, t.received]));
  const slot = W / Math.max(1, trend.length);
  const bar = Math.max(1, slot / 2 - 1);
  const first = trend[0];
  const last = trend[trend.length - 1];
  const summary = `Posts and received items per period${first && last ? ` from ${formatTime(first.start)} to ${formatTime(last.start)}` : ''}; peak ${max}.`;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H + 2}`} role="img" aria-label={summary} width="100%" height={H + 2}>
        {trend.map((t, i) => (
          <g key={t.start}>
            <rect
              x={i * slot}
              y={H - (t.posts / max) * H}
              width={bar}
              height={(t.posts / max) * H}
              fill="#0b5cad"
            >
              <title>{`${formatTime(t.start)}: ${t.posts} posts`}</title>
            </rect>
            <rect
              x={i * slot + bar + 1}
              y={H - (t.received / max) * H}
              width={bar}
              height={(t.received / max) * H}
              fill="#b45309"
            >
              <title>{`${formatTime(t.start)}: ${t.received} received`}</title>
            </rect>
          </g>
        ))}
        <line x1={0} x2={W} y1={H + 1} y2={H + 1} stroke="#57606a" />
      </svg>
      <figcaption className="muted">
        {first && last
          ? `${formatDay(first.start)} to ${formatDay(last.start)}, per ${bucketName(trend)}: `
          : ''}
        <span className="key key-posts" /> posts published <span className="key key-received" /> items
        received
      </figcaption>
    </figure>
  );
}
