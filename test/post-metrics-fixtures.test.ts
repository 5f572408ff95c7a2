// Engagement metrics from X, Mastodon, Facebook and Instagram against recorded fixtures (unexpected requests
// fail). Each fixture's "note" names its source or the [U] assumption it pins.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { RateLimitedError } from '../src/connectors/errors.js';
import { createFacebookConnector } from '../src/connectors/facebook/index.js';
import { createInstagramConnector } from '../src/connectors/instagram/index.js';
import { createMastodonConnector } from '../src/connectors/mastodon/index.js';
import type { ConnectorAccount, ConnectorDeps } from '../src/connectors/types.js';
import { createXConnector } from '../src/connectors/x/index.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const fixture = (platform: string): RecordedExchange[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${platform}/post-metrics.json`, import.meta.url), 'utf8'))
    .exchanges;
const account = (credentials: Record<string, string>, baseUrl: string | null = null): ConnectorAccount => ({
  platformAccountId: '111',
  handle: 'force',
  baseUrl,
  credentials,
});
const deps = (rec: ReturnType<typeof recordedFetch>): ConnectorDeps => ({
  fetch: rec.fetch,
  now: () => 1_770_000_000_000,
});

describe('engagement metrics per platform (recorded)', () => {
  test('X: public_metrics; reposts include quotes; views only where X gives impressions; 429 → RateLimitedError', async () => {
    const rec = recordedFetch(fixture('x'));
    const x = createXConnector(deps(rec));
    const acc = account({ accessToken: 'x-access-token-EXAMPLE' });
    const metrics = await x.fetchPostMetrics!(acc, [
      { id: '1800000000000000001' },
      { id: '1800000000000000002' },
    ]);
    assert.deepEqual(metrics, [
      { id: '1800000000000000001', likes: 10, replies: 2, reposts: 4, views: 450 },
      { id: '1800000000000000002', likes: 4, replies: 1, reposts: 0, views: null },
    ]);
    await assert.rejects(x.fetchPostMetrics!(acc, [{ id: '1800000000000000003' }]), (err) => {
      assert.ok(err instanceof RateLimitedError);
      assert.equal(err.resetAt, 1_780_000_000_000);
      return true;
    });
    rec.assertDone();
  });

  test('Mastodon: favourites, replies, reblogs from GET /api/v1/statuses?id[]=', async () => {
    const rec = recordedFetch(fixture('mastodon'));
    const m = createMastodonConnector(deps(rec));
    const metrics = await m.fetchPostMetrics!(
      account({ accessToken: 'mastodon-token-EXAMPLE' }, 'https://social.example'),
      [{ id: '110000000000000001' }, { id: '110000000000000002' }],
    );
    assert.deepEqual(metrics, [
      { id: '110000000000000001', likes: 7, replies: 1, reposts: 2, views: null },
      { id: '110000000000000002', likes: 0, replies: 0, reposts: 0, views: null },
    ]);
    rec.assertDone();
  });

  test('Facebook: reactions, comments and shares totals [U, pinned]', async () => {
    const rec = recordedFetch(fixture('facebook'));
    const fb = createFacebookConnector(deps(rec));
    const metrics = await fb.fetchPostMetrics!(account({ pageAccessToken: 'EAABpageTOKENsecret111' }), [
      { id: '111_222' },
      { id: '111_333' },
    ]);
    assert.deepEqual(metrics, [
      { id: '111_222', likes: 12, replies: 4, reposts: 3, views: null },
      { id: '111_333', likes: 0, replies: 0, reposts: 0, views: null },
    ]);
    rec.assertDone();
  });

  test('Instagram: like_count and comments_count [U, pinned]', async () => {
    const rec = recordedFetch(fixture('instagram'));
    const ig = createInstagramConnector(deps(rec));
    const metrics = await ig.fetchPostMetrics!(account({ accessToken: 'IGQWRtokenEXAMPLE' }), [
      { id: '17900000000000001' },
      { id: '17900000000000002' },
    ]);
    assert.deepEqual(metrics, [
      { id: '17900000000000001', likes: 25, replies: 6, reposts: null, views: null },
      { id: '17900000000000002', likes: 1, replies: 0, reposts: null, views: null },
    ]);
    rec.assertDone();
  });

  test('ids that are not the platform’s shape are never sent', async () => {
    const rec = recordedFetch([]);
    const m = createMastodonConnector(deps(rec));
    assert.deepEqual(
      await m.fetchPostMetrics!(account({ accessToken: 't' }, 'https://social.example'), [
        { id: '../admin' },
      ]),
      [],
    );
    rec.assertDone();
  });
});
