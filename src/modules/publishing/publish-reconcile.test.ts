import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connector, ConnectorAccount, OwnPost } from '../../connectors/types.js';
import type { Attempt } from './publish-attempt.js';
import { findPublishedEarlier } from './publish-reconcile.js';

const account: ConnectorAccount = { platformAccountId: '1', handle: 'force', baseUrl: null, credentials: {} };
const attempt = (tries: number): Attempt => ({
  id: 'a',
  org_id: 'o',
  post_id: 'p',
  revision: 1,
  account_id: 'acc',
  idempotency_key: 'parapet-p-1',
  job_id: 'j',
  started_at: 1_000_000_000,
  tries,
  finished_at: null,
  outcome: null,
  platform_post_id: null,
  error: null,
});
const fake = (platform: Connector['platform'], items: OwnPost[]) => {
  let calls = 0;
  const connector = {
    platform,
    fetchOwnPosts: async () => {
      calls++;
      return { items, cursor: null };
    },
  } as unknown as Connector;
  return { connector, calls: () => calls };
};
const own = (id: string, text: string, createdAt: number): OwnPost => ({
  ref: { id },
  text,
  createdAt,
  url: null,
});

test('X/Facebook/Instagram: a retried attempt finds the post the crashed try made (same text, after the start)', async () => {
  const { connector } = fake('x', [
    own('old', 'Road closed', 1_000_000_000 - 3_600_000), // same text, long before: an earlier post
    own('new', 'Road  closed ', 1_000_000_000 + 2_000),
  ]);
  const found = await findPublishedEarlier(connector, account, 'Road closed', attempt(2));
  assert.equal(found?.ref.id, 'new');
});

test('nothing matching: null, so the caller posts', async () => {
  const { connector } = fake('facebook', [own('1', 'Something else', 1_000_000_000 + 5)]);
  assert.equal(await findPublishedEarlier(connector, account, 'Road closed', attempt(2)), null);
});

test('first try, or a platform that dedupes on the key: the platform is not asked', async () => {
  const first = fake('x', []);
  assert.equal(await findPublishedEarlier(first.connector, account, 'Road closed', attempt(1)), null);
  assert.equal(first.calls(), 0);
  for (const platform of ['sandbox', 'mastodon', 'bluesky'] as const) {
    const f = fake(platform, []);
    assert.equal(await findPublishedEarlier(f.connector, account, 'Road closed', attempt(3)), null);
    assert.equal(f.calls(), 0, platform);
  }
});
