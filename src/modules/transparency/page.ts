// The public HTML rendering of the transparency report: static, escaped, no scripts.
import type { TransparencyReport } from './service.js';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** With `preview`, the admin's signed-in preview: a banner saying whether these figures are public yet. */
export function renderTransparencyPage(r: TransparencyReport, preview?: { published: boolean }): string {
  const banner = preview
    ? `<p class="preview" role="note"><strong>Preview.</strong> ${
        preview.published
          ? 'This report is published: anyone can see these figures on the public page.'
          : 'Not published yet: only signed-in administrators can see this page. Publish it from Records in the dashboard.'
      }</p>`
    : '';
  const months = r.months
    .slice()
    .reverse()
    .map((m) => {
      const rows = m.byCategory
        .map(
          (c) =>
            `<tr><td>${esc(c.category)}</td><td>${c.hidden}</td><td>${c.removed}</td><td>${c.blocked}</td></tr>`,
        )
        .join('');
      return `<section><h2>${esc(m.month)}</h2><table><thead><tr><th>Category</th><th>Hidden</th><th>Removed</th><th>Authors blocked</th></tr></thead>
<tbody>${rows}<tr class="total"><td>All categories</td><td>${m.totals.hidden}</td><td>${m.totals.removed}</td><td>${m.totals.blocked}</td></tr></tbody></table></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${preview ? '<meta name="robots" content="noindex">\n' : ''}<title>${preview ? 'Preview: ' : ''}Transparency report: ${esc(r.organisation)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}.total td{font-weight:bold}.preview{border:2px solid #8a5a00;background:#fff4dc;padding:.5rem}</style></head>
<body>${banner}<h1>Transparency report: ${esc(r.organisation)}</h1>
<p>Replies and comments on our official accounts that we hid, removed, or whose authors we blocked, by month and category.
Counts below ${r.suppressedBelow} are shown as "&lt;${r.suppressedBelow}" to protect individuals. Generated ${esc(r.generatedAt)}.</p>
${months}
</body></html>`;
}
