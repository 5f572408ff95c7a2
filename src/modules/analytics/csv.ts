// CSV (RFC 4180) for the analytics exports. Cells that a spreadsheet would run as a formula (=, +, -, @, tab,
// CR at the start) are prefixed with a quote mark: post texts are written by the public's replies' targets.
type Cell = string | number | boolean | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
