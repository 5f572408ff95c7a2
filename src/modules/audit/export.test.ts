import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsv } from '../../../test/helpers/csv.js';
import type { AuditRecordTable } from '../../db/schema.js';
import { CSV_COLUMNS, csvHeader, csvRow, toAuditView } from './export.js';

const record = (over: Partial<AuditRecordTable> = {}): AuditRecordTable => ({
  id: 'rec-1',
  org_id: 'org-1',
  seq: 7,
  actor_type: 'user',
  actor_id: 'u1',
  actor_label: 'admin@example.test',
  action: 'user.updated',
  target_type: 'user',
  target_id: 'u2',
  summary: '{"name":{"from":"a","to":"b"}}',
  ip: '127.0.0.1',
  request_id: 'req-1',
  created_at: Date.UTC(2026, 0, 2, 3, 4, 5),
  prev_hash: 'p'.repeat(64),
  hash: 'h'.repeat(64),
  ...over,
});

const fields = (line: string) => {
  const rows = parseCsv(line);
  assert.equal(rows.length, 1);
  return rows[0]!;
};

void describe('audit CSV export', () => {
  test('the header names every column, in order; a row has one quoted field per column and ends in CRLF', () => {
    assert.equal(csvHeader(), `${CSV_COLUMNS.join(',')}\r\n`);
    const row = csvRow(record());
    assert.ok(row.endsWith('\r\n'));
    const f = fields(row);
    assert.equal(f.length, CSV_COLUMNS.length);
    assert.equal(f[CSV_COLUMNS.indexOf('created_at')], '2026-01-02T03:04:05.000Z');
    assert.equal(f[CSV_COLUMNS.indexOf('summary')], '{"name":{"from":"a","to":"b"}}');
    assert.equal(f[CSV_COLUMNS.indexOf('ip')], '127.0.0.1');
  });

  test('quotes are doubled, commas and newlines stay inside the field, nulls are empty', () => {
    const row = csvRow(record({ actor_label: 'He said "hi", then\nleft', ip: null }));
    assert.match(row, /"He said ""hi"", then\nleft"/);
    assert.match(row, /,"",/);
  });

  test('fields a spreadsheet would run as a formula are prefixed with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const label = `${start}HYPERLINK("http://evil.test","x")`;
      const f = fields(csvRow(record({ actor_label: label })));
      assert.equal(f[CSV_COLUMNS.indexOf('actor_label')], `'${label}`, JSON.stringify(start));
    }
    const safe = fields(csvRow(record({ actor_label: 'a=b+c' })));
    assert.equal(
      safe[CSV_COLUMNS.indexOf('actor_label')],
      'a=b+c',
      'only a leading formula character is neutralised',
    );
  });

  test('the JSON view parses the summary and numbers the seq', () => {
    const v = toAuditView(record({ seq: '7' as unknown as number }));
    assert.equal(v.seq, 7);
    assert.deepEqual(v.summary, { name: { from: 'a', to: 'b' } });
    assert.deepEqual(v.target, { type: 'user', id: 'u2' });
    assert.equal(toAuditView(record({ target_type: null, target_id: null })).target, null);
  });
});
