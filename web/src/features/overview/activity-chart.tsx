// Posts published and inbound items received per day, as an inline SVG (no chart package) with the same
// figures in a table for screen readers and for anyone who wants the numbers.
import type { AnalyticsOverview } from '../../api/types.js';

const W = 720;
const H = 160;
const PAD = 24;
const day = (ms: number) =>
  new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function ActivityChart({ trend }: { trend: AnalyticsOverview['trend'] }) {
  const peak = Math.max(0, ...trend.map((d) => Math.max(d.posts, d.received)));
  const max = Math.max(1, peak);
  const slot = (W - PAD) / Math.max(1, trend.length);
  const bar = Math.max(2, slot / 2 - 1);
  const y = (n: number) => H - PAD - ((H - 2 * PAD) * n) / max;
  const totals = trend.reduce((t, d) => ({ posts: t.posts + d.posts, received: t.received + d.received }), {
    posts: 0,
    received: 0,
  });
  return (
    <figure className="activity">
      <figcaption id="activity-caption">
        Last 30 days: <span className="key key-posts" aria-hidden="true" /> {totals.posts} posts published,{' '}
        <span className="key key-inbound" aria-hidden="true" /> {totals.received} inbound items received
        {peak ? ` (busiest day: ${peak})` : ''}.
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="activity-caption" className="activity-svg">
        <title>Posts published and inbound items per day</title>
        <line x1={PAD} x2={W} y1={H - PAD} y2={H - PAD} className="axis" />
        <text x={0} y={PAD} className="tick">
          {max}
        </text>
        <text x={0} y={H - PAD} className="tick">
          0
        </text>
        {trend.map((d, i) => {
          const x = PAD + i * slot;
          return (
            <g key={d.start}>
              <rect x={x} y={y(d.posts)} width={bar} height={H - PAD - y(d.posts)} className="bar-posts" />
              <rect
                x={x + bar + 1}
                y={y(d.received)}
                width={bar}
                height={H - PAD - y(d.received)}
                className="bar-inbound"
              />
              {i % 7 === 0 && (
                <text x={x} y={H - 6} className="tick">
                  {day(d.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>The figures per day</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Posts published</th>
              <th scope="col">Inbound items</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((d) => (
              <tr key={d.start}>
                <th scope="row">{day(d.start)}</th>
                <td>{d.posts}</td>
                <td>{d.received}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
