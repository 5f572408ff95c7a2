// Writers for the evidence export's files: each streams to a temp file and hashes as it goes, so an export of
// any size holds one page of items in memory at a time.
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { AuditRecordTable } from '../../db/schema.js';
import type { ItemHistory } from './items.js';

export class HashedFile {
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  constructor(
    readonly name: string,
    readonly path: string,
  ) {
    this.out = createWriteStream(path);
  }
  async write(text: string): Promise<void> {
    const buf = Buffer.from(text, 'utf8');
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }
  async close(): Promise<{ name: string; sha256: string; bytes: number }> {
    this.out.end();
    await once(this.out, 'finish');
    return { name: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

export const CSV_COLUMNS = [
  'kind',
  'id',
  'account_id',
  'occurred_at',
  'status',
  'author_type',
  'author_id',
  'author_handle',
  'categories',
  'text',
  'revisions',
  'moderation_events',
  'redacted_at',
  'url',
] as const;

// Quote every field and neutralise spreadsheet formulas, as the audit CSV does.
function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

export function csvRow(h: ItemHistory): string {
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    kind: h.kind,
    id: h.id,
    account_id: h.accountId,
    occurred_at: new Date(h.occurredAt).toISOString(),
    status: h.status,
    author_type: h.author.type,
    author_id: h.author.id,
    author_handle: h.author.handle,
    categories: h.categories.join(';'),
    text: h.text,
    revisions: h.revisions.length,
    moderation_events: h.events.map((e) => (e.action ? `${e.type}:${e.action}` : e.type)).join(';'),
    redacted_at: h.redactedAt === null ? null : new Date(h.redactedAt).toISOString(),
    url: h.url,
  };
  return `${CSV_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`;
}

/** An audit record exactly as stored (every hashed field), so a reader can recompute its hash. */
export const auditLine = (r: AuditRecordTable): string =>
  `${JSON.stringify({ ...r, seq: Number(r.seq), created_at: Number(r.created_at) })}\n`;
