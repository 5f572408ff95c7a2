// The Bluesky connector against a REAL local network (PLC + PDS + AppView on PostgreSQL, started by
// test/helpers/bluesky-network.ts). Fault injection (429, 5xx, network errors, expired tokens) wraps the
// real fetch: the injected answer replaces one request, everything else reaches the real PDS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RichText } from '@atproto/api';
import { createBlueskyConnector } from '../src/connectors/bluesky/index.js';
import {
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from '../src/connectors/errors.js';
import type { Connector, ConnectorAccount, InboundItem, PostRef } from '../src/connectors/types.js';
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from './helpers/bluesky-network.js';

const POST = 'app.bsky.feed.post';
const rkeyOf = (uri: string) => uri.split('/').pop() as string;

describe('Bluesky connector on a real local network', { timeout: 90_000 }, () => {
  let net: BlueskyNetwork;
  let org: BlueskyTestAccount;
  let pub: BlueskyTestAccount;
  let viewer: BlueskyTestAccount;
  let account: ConnectorAccount;
  let bluesky: Connector;
  const urls: string[] = [];
  // One-shot fault answers for the next request whose URL matches.
  const faults: Array<{ match: RegExp; respond: () => Response }> = [];
  const testFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    const i = faults.findIndex((f) => f.match.test(url));
    if (i >= 0) return (faults.splice(i, 1)[0] as { respond: () => Response }).respond();
    return fetch(input, init);
  };
  const xrpcError =
    (status: number, error: string, headers: Record<string, string> = {}) =>
    () =>
      new Response(JSON.stringify({ error, message: `${error} (injected)` }), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });
  const record = async (uri: string) => {
    const [, , did, collection, rkey] = uri.split('/') as string[];
    return (await org.agent.com.atproto.repo.getRecord({ repo: did!, collection: collection!, rkey: rkey! }))
      .data;
  };

  let ourPost: PostRef;
  let publicReply: InboundItem;
  let cursor: string | null;

  before(async () => {
    net = await startBlueskyNetwork();
    console.log(`# bluesky network ready in ${net.startMs} ms`);
    [org, pub, viewer] = await Promise.all([
      net.createAccount('org'),
      net.createAccount('pub'),
      net.createAccount('viewer'),
    ]);
    account = {
      platformAccountId: org.did,
      handle: org.handle,
      baseUrl: net.pdsUrl,
      credentials: { appPassword: org.appPassword },
    };
    bluesky = createBlueskyConnector({ fetch: testFetch, now: () => Date.now() });
  });
  after(async () => {
    await net?.stop();
  });

  test('declares the Bluesky capabilities: polling, no webhooks, no deleting replies', () => {
    assert.deepEqual([...bluesky.capabilities].sort(), [
      'block_author',
      'delete_own_post',
      'hide_reply',
      'mute_author',
      'poll',
      'publish',
      'read_own_posts',
      'read_replies',
      'report',
      'unhide_reply',
    ]);
    assert.equal(bluesky.deleteReply, undefined);
    assert.equal(bluesky.webhook, undefined);
  });

  test('publishes a post with link facets (UTF-8 byte offsets) through the injected fetch', async () => {
    const text = 'Café update: https://example.com/x #launch';
    const published = await bluesky.publish(account, { text });
    ourPost = published.ref;
    assert.match(ourPost.uri!, new RegExp(`^at://${org.did}/${POST}/`));
    assert.equal(ourPost.id, ourPost.uri);
    assert.ok(ourPost.cid);
    assert.equal(published.url, `https://bsky.app/profile/${org.did}/post/${rkeyOf(ourPost.uri!)}`);
    assert.ok(
      urls.some((u) => u.includes('com.atproto.repo.createRecord')),
      'went through deps.fetch',
    );
    const stored = (await record(ourPost.uri!)).value as {
      text: string;
      facets: Array<{ index: { byteStart: number }; features: Array<{ uri?: string; tag?: string }> }>;
    };
    assert.equal(stored.text, text);
    const link = stored.facets.find((f) => f.features[0]?.uri);
    assert.equal(link?.features[0]?.uri, 'https://example.com/x');
    assert.equal(link?.index.byteStart, 14, 'é is two bytes: the link starts at byte 14, string index 13');
    assert.ok(stored.facets.some((f) => f.features[0]?.tag === 'launch'));
  });

  test('a public reply shows up in fetchReplies with author, text, refs and the raw notification', async () => {
    await net.waitForAppView();
    const reply = await pub.agent.post({
      text: 'Is the café open on Sunday?',
      reply: {
        root: { uri: ourPost.uri!, cid: ourPost.cid! },
        parent: { uri: ourPost.uri!, cid: ourPost.cid! },
      },
    });
    await net.waitForAppView();
    const page = await bluesky.fetchReplies(account, null);
    const item = page.items.find((i) => i.ref.uri === reply.uri);
    assert.ok(item, `reply ${reply.uri} not in ${JSON.stringify(page.items.map((i) => i.ref.uri))}`);
    assert.equal(item.kind, 'reply');
    assert.equal(item.text, 'Is the café open on Sunday?');
    assert.deepEqual(item.author, { id: pub.did, handle: pub.handle });
    assert.equal(item.ref.cid, reply.cid);
    assert.equal(item.ref.root?.uri, ourPost.uri);
    assert.equal(item.inReplyTo?.uri, ourPost.uri);
    assert.equal(item.inReplyTo?.cid, ourPost.cid);
    assert.equal((item.raw as { reason: string }).reason, 'reply');
    assert.equal((item.raw as { reasonSubject: string }).reasonSubject, ourPost.uri);
    assert.ok(Math.abs(item.createdAt - Date.now()) < 60_000);
    assert.ok(page.cursor);
    publicReply = item;
    cursor = page.cursor;
  });

  test('the cursor returns only what came after it, including mentions', async () => {
    const again = await bluesky.fetchReplies(account, cursor);
    assert.deepEqual(again.items, [], 'nothing new since the cursor');
    assert.equal(again.cursor, cursor);
    const rt = new RichText({ text: `@${org.handle} the bin on Elm St is overflowing` });
    await rt.detectFacets(pub.agent);
    const mention = await pub.agent.post({ text: rt.text, facets: rt.facets });
    await net.waitForAppView();
    const next = await bluesky.fetchReplies(account, cursor);
    assert.deepEqual(
      next.items.map((i) => [i.kind, i.ref.uri, i.inReplyTo]),
      [['mention', mention.uri, null]],
    );
    assert.ok(next.cursor && next.cursor > cursor!);
    await assert.rejects(bluesky.fetchReplies(account, 'not-a-cursor'), PermanentError);
  });

  test('replies to a reply with root + parent refs, with or without the root in the PostRef', async () => {
    const withRoot = await bluesky.publish(account, { text: 'Yes, 10 to 4.', replyTo: publicReply.ref });
    const withoutRoot = await bluesky.publish(account, {
      text: 'And on holidays.',
      replyTo: { id: publicReply.ref.id, uri: publicReply.ref.uri!, cid: publicReply.ref.cid! },
    });
    for (const p of [withRoot, withoutRoot]) {
      const value = (await record(p.ref.uri!)).value as {
        reply: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
      };
      assert.deepEqual(value.reply.root, { uri: ourPost.uri, cid: ourPost.cid });
      assert.deepEqual(value.reply.parent, { uri: publicReply.ref.uri, cid: publicReply.ref.cid });
      assert.equal(p.ref.root?.uri, ourPost.uri);
    }
  });

  test("hides the reply with the root post's threadgate, keeps replies open, and the AppView hides it", async () => {
    await bluesky.hideReply!(account, publicReply.ref);
    const gate = await org.agent.com.atproto.repo.getRecord({
      repo: org.did,
      collection: 'app.bsky.feed.threadgate',
      rkey: rkeyOf(ourPost.uri!),
    });
    const value = gate.data.value as Record<string, unknown>;
    assert.equal(value.post, ourPost.uri);
    assert.deepEqual(value.hiddenReplies, [publicReply.ref.uri]);
    assert.equal('allow' in value, false, 'no allow field: replies stay open');
    // Hiding twice writes nothing (idempotent for job retries).
    await bluesky.hideReply!(account, publicReply.ref);
    const again = await org.agent.com.atproto.repo.getRecord({
      repo: org.did,
      collection: 'app.bsky.feed.threadgate',
      rkey: rkeyOf(ourPost.uri!),
    });
    assert.equal(again.data.cid, gate.data.cid);

    // As seen by a third account (the reply's own author still sees it inline, as on bsky.app).
    await net.waitForAppView();
    const thread = await viewer.agent.app.bsky.unspecced.getPostThreadV2({ anchor: ourPost.uri! });
    assert.ok(thread.data.thread.some((t) => t.uri === ourPost.uri));
    assert.ok(!thread.data.thread.some((t) => t.uri === publicReply.ref.uri), 'not in the main thread view');
    const other = await viewer.agent.app.bsky.unspecced.getPostThreadOtherV2({ anchor: ourPost.uri! });
    const hidden = other.data.thread.find((t) => t.uri === publicReply.ref.uri);
    assert.equal((hidden?.value as { hiddenByThreadgate?: boolean } | undefined)?.hiddenByThreadgate, true);
  });

  test('unhides: the reply leaves hiddenReplies and is back in the thread view', async () => {
    await bluesky.unhideReply!(account, publicReply.ref);
    const gate = await org.agent.com.atproto.repo.getRecord({
      repo: org.did,
      collection: 'app.bsky.feed.threadgate',
      rkey: rkeyOf(ourPost.uri!),
    });
    assert.deepEqual((gate.data.value as { hiddenReplies: string[] }).hiddenReplies, []);
    await net.waitForAppView();
    const thread = await viewer.agent.app.bsky.unspecced.getPostThreadV2({ anchor: ourPost.uri! });
    assert.ok(thread.data.thread.some((t) => t.uri === publicReply.ref.uri));
    const other = await viewer.agent.app.bsky.unspecced.getPostThreadOtherV2({ anchor: ourPost.uri! });
    assert.deepEqual(other.data.thread, []);
  });

  test('hiding keeps existing allow rules, refuses the 301st hidden reply and foreign threads', async () => {
    const post = await bluesky.publish(account, { text: 'Gated thread' });
    const rkey = rkeyOf(post.ref.uri!);
    const full = Array.from({ length: 300 }, (_, i) => `at://${pub.did}/${POST}/fake${i}`);
    const allow = [{ $type: 'app.bsky.feed.threadgate#mentionRule' }];
    await org.agent.com.atproto.repo.putRecord({
      repo: org.did,
      collection: 'app.bsky.feed.threadgate',
      rkey,
      record: {
        $type: 'app.bsky.feed.threadgate',
        post: post.ref.uri,
        createdAt: new Date().toISOString(),
        allow,
        hiddenReplies: full.slice(1),
      },
    });
    const reply = (uri: string): PostRef => ({
      id: uri,
      uri,
      root: { id: post.ref.uri!, uri: post.ref.uri! },
    });
    await bluesky.hideReply!(account, reply(full[0]!));
    const gate = await org.agent.com.atproto.repo.getRecord({
      repo: org.did,
      collection: 'app.bsky.feed.threadgate',
      rkey,
    });
    const value = gate.data.value as { allow: unknown; hiddenReplies: string[] };
    assert.deepEqual(value.allow, allow);
    assert.equal(value.hiddenReplies.length, 300);
    const mark = urls.length;
    await assert.rejects(bluesky.hideReply!(account, reply(`at://${pub.did}/${POST}/onemore`)), (err) => {
      assert.ok(err instanceof PermanentError);
      assert.match(err.message, /300/);
      return true;
    });
    assert.ok(!urls.slice(mark).some((u) => u.includes('putRecord')), 'refused before writing');
    const foreign = await pub.agent.post({ text: 'my own thread' });
    await assert.rejects(
      bluesky.hideReply!(account, {
        id: 'x',
        uri: `at://${pub.did}/${POST}/r1`,
        root: { id: foreign.uri, uri: foreign.uri },
      }),
      PermanentError,
    );
  });

  test('reports a reply: the PDS forwards it to the moderation service with service auth', async () => {
    await bluesky.report!(account, publicReply.ref, pub.did, 'harassment of staff');
    await bluesky.report!(account, { id: 'account-only' }, pub.did, 'spam flood');
    const reports = await net.reports();
    assert.equal(reports.length, 2);
    assert.deepEqual(reports[0]!.body, {
      reasonType: 'com.atproto.moderation.defs#reasonRude',
      reason: 'harassment of staff',
      subject: { $type: 'com.atproto.repo.strongRef', uri: publicReply.ref.uri, cid: publicReply.ref.cid },
    });
    assert.deepEqual(reports[1]!.body.subject, { $type: 'com.atproto.admin.defs#repoRef', did: pub.did });
    assert.equal(reports[1]!.body.reasonType, 'com.atproto.moderation.defs#reasonSpam');
    const jwt = JSON.parse(Buffer.from(reports[0]!.authorization!.split('.')[1]!, 'base64url').toString());
    assert.equal(jwt.iss, org.did);
    assert.equal(jwt.aud, net.modDid);
    assert.equal(jwt.lxm, 'com.atproto.moderation.createReport');
  });

  test('mutes the author (AppView) and blocks them with a public block record, once', async () => {
    await bluesky.muteAuthor!(account, pub.did);
    await bluesky.blockAuthor!(account, pub.did);
    await net.waitForAppView();
    await bluesky.blockAuthor!(account, pub.did); // retried job: the AppView already shows the block
    const blocks = await org.agent.com.atproto.repo.listRecords({
      repo: org.did,
      collection: 'app.bsky.graph.block',
    });
    assert.deepEqual(
      blocks.data.records.map((r) => (r.value as { subject: string }).subject),
      [pub.did],
    );
    const profile = await org.agent.app.bsky.actor.getProfile({ actor: pub.did });
    assert.equal(profile.data.viewer?.muted, true);
    assert.ok(profile.data.viewer?.blocking);
  });

  test('fetchOwnPosts lists our posts from the repo, including one written straight to the PDS', async () => {
    const direct = await org.agent.post({ text: 'posted by another client' });
    const page = await bluesky.fetchOwnPosts(account, null);
    const uris = page.items.map((p) => p.ref.uri);
    assert.ok(uris.includes(ourPost.uri), 'our post');
    const found = page.items.find((p) => p.ref.uri === direct.uri);
    assert.equal(found?.text, 'posted by another client');
    assert.equal(found?.ref.cid, direct.cid);
    assert.ok(page.items.every((p) => p.ref.uri!.startsWith(`at://${org.did}/${POST}/`)));
  });

  test('deletes our post (gone from the repo; deleting again is fine) but never a foreign one', async () => {
    await bluesky.deletePost(account, ourPost);
    await assert.rejects(record(ourPost.uri!), /Could not locate record/);
    const page = await bluesky.fetchOwnPosts(account, null);
    assert.ok(!page.items.some((p) => p.ref.uri === ourPost.uri));
    await bluesky.deletePost(account, ourPost);
    const gateUri = `at://${org.did}/app.bsky.feed.threadgate/${rkeyOf(ourPost.uri!)}`;
    await assert.rejects(bluesky.deletePost(account, { id: gateUri, uri: gateUri }), PermanentError);
    const foreign = await pub.agent.post({ text: 'not yours' });
    await assert.rejects(bluesky.deletePost(account, { id: foreign.uri, uri: foreign.uri }), PermanentError);
    assert.equal((await record(foreign.uri)).uri, foreign.uri);
  });

  test("the PDS's record validation (over 300 graphemes) is a PermanentError", async () => {
    await assert.rejects(bluesky.publish(account, { text: 'é'.repeat(301) }), (err) => {
      assert.ok(err instanceof PermanentError);
      assert.match(err.message, /InvalidRequest/);
      return true;
    });
  });

  test('a wrong app password is CredentialsExpiredError and the password is nowhere in the error', async () => {
    const secret = 'wrng-pass-word-abcd';
    const bad = { ...account, credentials: { appPassword: secret } };
    const err = await bluesky.fetchOwnPosts(bad, null).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof CredentialsExpiredError, String(err));
    assert.equal(err.status, 401);
    for (const text of [err.message, String(err.stack), JSON.stringify(err), String(err.cause ?? '')]) {
      assert.ok(!text.includes(secret));
    }
  });

  test('an expired session is refreshed, and if that fails too, the connector logs in again', async () => {
    const fresh = createBlueskyConnector({ fetch: testFetch, now: () => Date.now() });
    await fresh.fetchOwnPosts(account, null);
    const count = (part: string) => urls.filter((u) => u.includes(part)).length;
    const logins = count('createSession');
    // Access JWTs have 1 s resolution: a refresh within the login's second returns the same token, which
    // the library treats as "not refreshed".
    await new Promise((r) => setTimeout(r, 1100));
    faults.push({ match: /listRecords/, respond: xrpcError(400, 'ExpiredToken') });
    const refreshed = await fresh.fetchOwnPosts(account, null);
    assert.ok(refreshed.items.length > 0);
    assert.equal(count('refreshSession'), 1, 'the library refreshed with the real refresh token');
    assert.equal(count('createSession'), logins, 'no new login needed');
    faults.push({ match: /listRecords/, respond: xrpcError(400, 'ExpiredToken') });
    faults.push({ match: /refreshSession/, respond: xrpcError(400, 'ExpiredToken') });
    const page = await fresh.fetchOwnPosts(account, null);
    assert.ok(page.items.length > 0);
    assert.equal(count('createSession'), logins + 1, 'one new login with the app password');
  });

  test('a revoked app password ends in CredentialsExpiredError once the session must be renewed', async () => {
    const other = await net.createAccount('revoked');
    const acct = {
      platformAccountId: other.did,
      handle: other.handle,
      baseUrl: net.pdsUrl,
      credentials: { appPassword: other.appPassword },
    };
    await bluesky.fetchOwnPosts(acct, null);
    await other.agent.com.atproto.server.revokeAppPassword({ name: 'parapet' });
    // The PDS keeps accepting an already-issued access token until it expires (observed), so the failure
    // shows when the session is renewed: the revoked refresh token fails, then the login does.
    faults.push({ match: /listRecords/, respond: xrpcError(400, 'ExpiredToken') });
    await assert.rejects(bluesky.fetchOwnPosts(acct, null), (err) => {
      assert.ok(err instanceof CredentialsExpiredError);
      assert.ok(!err.message.includes(other.appPassword));
      return true;
    });
    const restarted = createBlueskyConnector({ fetch: testFetch, now: () => Date.now() });
    await assert.rejects(restarted.fetchOwnPosts(acct, null), CredentialsExpiredError);
  });

  test('429 → RateLimitedError at RateLimit-Reset; 5xx and network failures → TransientError; 404 → NotFound', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    faults.push({
      match: /listRecords/,
      respond: xrpcError(429, 'RateLimitExceeded', {
        'ratelimit-reset': String(reset),
        'ratelimit-limit': '3000',
        'ratelimit-remaining': '0',
        'ratelimit-policy': '3000;w=300',
      }),
    });
    await assert.rejects(bluesky.fetchOwnPosts(account, null), (err) => {
      assert.ok(err instanceof RateLimitedError);
      assert.equal(err.resetAt, reset * 1000);
      return true;
    });
    faults.push({ match: /listNotifications/, respond: xrpcError(502, 'UpstreamFailure') });
    await assert.rejects(bluesky.fetchReplies(account, null), TransientError);
    faults.push({
      match: /muteActor/,
      respond: () => {
        throw new TypeError('fetch failed');
      },
    });
    await assert.rejects(bluesky.muteAuthor!(account, pub.did), TransientError);
    await assert.rejects(
      bluesky.hideReply!(account, { id: 'x', uri: `at://${org.did}/${POST}/nosuchpost` }),
      NotFoundError,
    );
  });

  test('a PDS that does not answer at all is a TransientError', async () => {
    const down = { ...account, baseUrl: 'http://127.0.0.1:9' };
    await assert.rejects(bluesky.fetchOwnPosts(down, null), TransientError);
  });
});
