import type { AuditRecordTable } from '../../db/schema.js';

export const CSV_COLUMNS = [
  'seq',
  'created_at',
  'actor_type',
  'actor_id',
  'actor_label',
  'action',
  'target_type',
  'target_id',
  'summary',
  'ip',
  'request_id',
  'prev_hash',
  'hash',
  'id',
] as const;

// Quote every field and neutralise spreadsheet formulas (=, +, -, @) so an export opened in Excel cannot run code.
function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

export function csvRow(r: AuditRecordTable): string {
  const withIsoTime = { ...r, created_at: new Date(Number(r.created_at)).toISOString() };
  return `${CSV_COLUMNS.map((c) => csvField(withIsoTime[c])).join(',')}\r\n`;
}

export function toAuditView(r: AuditRecordTable) {
  return {
    id: r.id,
    seq: Number(r.seq),
    createdAt: Number(r.created_at),
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    action: r.action,
    target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
    ip: r.ip,
    requestId: r.request_id,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}
