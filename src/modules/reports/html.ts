// The printable report as one self-contained HTML page: inline CSS (with print rules) and inline SVG charts,
// no scripts and no external requests. Every text from the database is escaped.
import { day, headline, type ReportData } from './data.js';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Bars for posts per bucket with a line for replies received, scaled to the larger of the two. */
export function trendSvg(d: ReportData, width = 640, height = 180): string {
  const t = d.overview.trend;
  const max = Math.max(1, ...t.map((p) => Math.max(p.posts, p.received)));
  const step = width / Math.max(1, t.length);
  const y = (v: number) => height - 20 - (v / max) * (height - 30);
  const bars = t
    .map(
      (p, i) =>
        `<rect x="${(i * step + step * 0.15).toFixed(1)}" y="${y(p.posts).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${(height - 20 - y(p.posts)).toFixed(1)}" fill="#1f5fa8"><title>${day(p.start)}: ${p.posts} posts</title></rect>`,
    )
    .join('');
  const line = t.map((p, i) => `${(i * step + step / 2).toFixed(1)},${y(p.received).toFixed(1)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Posts and replies received over time">
<line x1="0" y1="${height - 20}" x2="${width}" y2="${height - 20}" stroke="#888"/>${bars}
<polyline points="${line}" fill="none" stroke="#c0392b" stroke-width="2"/>
<text x="0" y="${height - 4}" font-size="11">${day(d.from)}</text><text x="${width}" y="${height - 4}" font-size="11" text-anchor="end">${day(d.to - 1)}</text>
<text x="4" y="12" font-size="11" fill="#1f5fa8">■ posts</text><text x="64" y="12" font-size="11" fill="#c0392b">— replies received (max ${max})</text></svg>`;
}

const table = (head: string[], rows: Array<Array<string | number>>) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export function reportHtml(title: string, d: ReportData): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
td:not(:first-child){font-variant-numeric:tabular-nums}
@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}@page{size:A4;margin:15mm}}
</style></head><body>
<h1>${esc(title)}</h1><p>${esc(d.scopeName)} · ${day(d.from)} to ${day(d.to - 1)} (UTC)</p>
<h2>Summary</h2>${table(['Figure', 'Value'], headline(d))}
<h2>Activity</h2>${trendSvg(d)}
<h2>Accounts</h2>${table(
    ['Account', 'Posts', 'Engagement', 'Per post', 'Replies received', 'Handled'],
    d.accounts.map((a) => [a.name, a.posts, a.engagement, a.engagementPerPost ?? '—', a.received, a.handled]),
  )}
<h2>Moderation</h2>${table(
    ['Kind', 'Category', 'Action', 'Count'],
    d.moderation.map((m) => [m.kind, m.category, m.action, m.count]),
  )}
<h2>Top posts</h2>${table(
    ['Published', 'Engagement', 'Likes', 'Replies', 'Reposts', 'Text'],
    d.top.map((p) => [day(p.publishedAt), p.engagement, p.likes, p.replies, p.reposts, p.text.slice(0, 140)]),
  )}
</body></html>`;
}
