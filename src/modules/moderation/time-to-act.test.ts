import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentile, summarise } from './time-to-act.js';

test('nearest-rank percentiles', () => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(v, 50), 50);
  assert.equal(percentile(v, 95), 95);
  assert.equal(percentile([7], 95), 7);
  assert.equal(percentile([], 50), null);
});

test('grouped per account and category, each stage from platform time and from receipt; missing stages not counted', () => {
  const row = (account: string, cats: string[], received: number, confirmed: number | null) => ({
    account_id: account,
    categories: JSON.stringify(cats),
    platform_created_at: 1000,
    received_at: 1000 + received,
    classified_at: 1000 + received + 5,
    action_issued_at: confirmed === null ? null : 1000 + received + 6,
    action_confirmed_at: confirmed === null ? null : 1000 + received + confirmed,
    decided_at: null,
  });
  const groups = summarise([
    row('a', ['abuse'], 100, 50),
    row('a', ['abuse', 'spam'], 300, 150),
    row('b', [], 10, null),
  ]);
  const abuse = groups.find((g) => g.accountId === 'a' && g.category === 'abuse')!;
  assert.equal(abuse.items, 2);
  assert.deepEqual(abuse.fromPlatform.received, { count: 2, p50: 100, p95: 300 });
  assert.deepEqual(abuse.fromReceived.actionConfirmed, { count: 2, p50: 50, p95: 150 });
  assert.deepEqual(abuse.fromReceived.humanDecision, { count: 0, p50: null, p95: null });
  const none = groups.find((g) => g.accountId === 'b')!;
  assert.equal(none.category, '(none)');
  assert.equal(none.fromReceived.actionIssued?.count, 0);
  assert.deepEqual(
    summarise([row('a', ['abuse', 'spam'], 1, 1)], 'spam').map((g) => g.category),
    ['spam'],
  );
});
