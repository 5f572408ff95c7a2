// The report as a PDF (pdfkit, built-in Helvetica): the same headline figures, a bar + line chart drawn with
// vector primitives, and the accounts, moderation and top-post tables.
import PDFDocument from 'pdfkit';
import { day, headline, type ReportData } from './data.js';

type Doc = InstanceType<typeof PDFDocument>;
const LEFT = 50;

function chart(doc: Doc, d: ReportData, width = 495, height = 150) {
  const t = d.overview.trend;
  const top = doc.y + 10;
  const max = Math.max(1, ...t.map((p) => Math.max(p.posts, p.received)));
  const step = width / Math.max(1, t.length);
  const y = (v: number) => top + height - (v / max) * (height - 10);
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor('#888')
    .moveTo(LEFT, top + height)
    .lineTo(LEFT + width, top + height)
    .stroke();
  for (const [i, p] of t.entries())
    if (p.posts > 0)
      doc
        .rect(LEFT + i * step + step * 0.15, y(p.posts), step * 0.7, top + height - y(p.posts))
        .fill('#1f5fa8');
  if (t.length > 0) {
    doc
      .lineWidth(1.5)
      .strokeColor('#c0392b')
      .moveTo(LEFT + step / 2, y(t[0]?.received ?? 0));
    for (const [i, p] of t.entries()) if (i > 0) doc.lineTo(LEFT + i * step + step / 2, y(p.received));
    doc.stroke();
  }
  doc.restore().fillColor('#222').fontSize(8);
  doc.text(`${day(d.from)}`, LEFT, top + height + 4);
  doc.text(`${day(d.to - 1)}`, LEFT, top + height + 4, { width, align: 'right' });
  doc.text(`Blue bars: posts. Red line: replies received (scale max ${max}).`, LEFT, top + height + 16);
  doc.moveDown();
}

function table(doc: Doc, head: string[], rows: Array<Array<string | number>>, widths: number[]) {
  const line = (cells: Array<string | number>, bold: boolean) => {
    if (doc.y > 760) doc.addPage();
    const y = doc.y;
    let x = LEFT;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    for (const [i, c] of cells.entries()) {
      doc.text(String(c), x, y, {
        width: (widths[i] ?? 60) - 4,
        height: 11,
        lineBreak: false,
        ellipsis: true,
      });
      x += widths[i] ?? 60;
    }
    doc.x = LEFT;
    doc.y = y + 12;
  };
  line(head, true);
  for (const r of rows) line(r, false);
  doc.moveDown();
}

const heading = (doc: Doc, text: string) => {
  if (doc.y > 700) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12).text(text, LEFT).moveDown(0.3);
};

export function reportPdf(title: string, d: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: LEFT, info: { Title: title, Creator: 'Parapet' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`${d.scopeName} · ${day(d.from)} to ${day(d.to - 1)} (UTC)`)
    .moveDown();
  heading(doc, 'Summary');
  table(doc, ['Figure', 'Value'], headline(d), [250, 120]);
  heading(doc, 'Activity');
  chart(doc, d);
  heading(doc, 'Accounts');
  table(
    doc,
    ['Account', 'Posts', 'Engagement', 'Per post', 'Received', 'Handled'],
    d.accounts.map((a) => [a.name, a.posts, a.engagement, a.engagementPerPost ?? '-', a.received, a.handled]),
    [200, 50, 70, 55, 60, 60],
  );
  heading(doc, 'Moderation');
  table(
    doc,
    ['Kind', 'Category', 'Action', 'Count'],
    d.moderation.map((m) => [m.kind, m.category, m.action, m.count]),
    [80, 150, 100, 60],
  );
  heading(doc, 'Top posts');
  table(
    doc,
    ['Published', 'Engagement', 'Text'],
    d.top.map((p) => [day(p.publishedAt), p.engagement, p.text.replace(/\s+/g, ' ')]),
    [70, 70, 355],
  );
  doc.end();
  return done;
}
