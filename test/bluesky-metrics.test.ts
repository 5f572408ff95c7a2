// Bluesky engagement on the REAL local network: another account likes, reposts and replies to our post, and
// fetchPostMetrics (app.bsky.feed.getPosts through the PDS to the AppView) reports the counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createBlueskyConnector } from '../src/connectors/bluesky/index.js';
import type { ConnectorAccount, PostRef } from '../src/connectors/types.js';
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from './helpers/bluesky-network.js';

describe('Bluesky engagement metrics on a real local network', { timeout: 120_000 }, () => {
  let net: BlueskyNetwork;
  let org: BlueskyTestAccount;
  let pub: BlueskyTestAccount;
  let account: ConnectorAccount;
  const bluesky = createBlueskyConnector({ fetch, now: () => Date.now() });

  before(async () => {
    net = await startBlueskyNetwork();
    [org, pub] = await Promise.all([net.createAccount('org'), net.createAccount('pub')]);
    account = {
      platformAccountId: org.did,
      handle: org.handle,
      baseUrl: net.pdsUrl,
      credentials: { appPassword: org.appPassword },
    };
  });
  after(async () => {
    await net?.stop();
  });

  test('a like, a repost and a reply by another account show up as counts', async () => {
    const { ref } = await bluesky.publish(account, { text: 'Missing dog found, thank you all' });
    const quiet = (await bluesky.publish(account, { text: 'Nothing to see' })).ref;
    await net.waitForAppView();
    const before = await bluesky.fetchPostMetrics!(account, [ref]);
    assert.deepEqual(before, [{ id: ref.id, likes: 0, replies: 0, reposts: 0, views: null }]);

    await pub.agent.like(ref.uri!, ref.cid!);
    await pub.agent.repost(ref.uri!, ref.cid!);
    const root = { uri: ref.uri!, cid: ref.cid! };
    await pub.agent.post({ text: 'Great news!', reply: { root, parent: root } });
    await net.waitForAppView();

    const refs: PostRef[] = [ref, quiet];
    const after = await bluesky.fetchPostMetrics!(account, refs);
    assert.deepEqual(after, [
      { id: ref.id, likes: 1, replies: 1, reposts: 1, views: null },
      { id: quiet.id, likes: 0, replies: 0, reposts: 0, views: null },
    ]);
  });
});
