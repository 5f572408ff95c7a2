// X (API v2) connector against recorded fixtures that follow platform-apis.md §1, §2. Each fixture file in
// test/fixtures/x/ carries a "note" naming its source section and any [U] assumption it pins.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  ConnectorError,
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  RateLimitedError,
  TransientError,
  UnsupportedError,
} from '../src/connectors/errors.js';
import type { ConnectorAccount, WebhookRequest } from '../src/connectors/types.js';
import { createXConnector } from '../src/connectors/x/index.js';
import { assertNoSecrets, type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const NOW = Date.parse('2026-05-01T10:05:00.000Z');
const fixture = (name: string): RecordedExchange[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/x/${name}`, import.meta.url), 'utf8')).exchanges;

const account = (credentials: Record<string, string> = {}): ConnectorAccount => ({
  platformAccountId: '1500000000000000000',
  handle: 'acme',
  baseUrl: null,
  credentials: { accessToken: 'x-access-token-EXAMPLE', ...credentials },
});

function setup(exchanges: RecordedExchange[]) {
  const rec = recordedFetch(exchanges);
  return { rec, x: createXConnector({ fetch: rec.fetch, now: () => NOW }) };
}

const webhookReq = (rawBody: string, headers: WebhookRequest['headers'] = {}): WebhookRequest => ({
  method: 'POST',
  query: {},
  headers,
  rawBody: Buffer.from(rawBody, 'utf8'),
});

describe('X connector', () => {
  test('declares what X API v2 can do: hide, unhide, mute, webhooks; no block, report or reply delete', () => {
    const { x } = setup([]);
    assert.deepEqual([...x.capabilities].sort(), [
      'delete_own_post',
      'hide_reply',
      'mute_author',
      'poll',
      'publish',
      'read_own_posts',
      'read_replies',
      'unhide_reply',
      'webhooks',
    ]);
    assert.equal(x.blockAuthor, undefined);
    assert.equal(x.report, undefined);
    assert.equal(x.deleteReply, undefined);
    assert.equal(typeof x.refreshCredentials, 'function');
  });

  test('publish sends POST /2/tweets with the reply id and returns the new tweet id as a string', async () => {
    const { rec, x } = setup(fixture('publish.json'));
    const post = await x.publish(account(), { text: 'Hello', replyTo: { id: '1800000000000000000' } });
    assert.deepEqual(post, {
      ref: { id: '1800000000000000002' },
      url: 'https://x.com/acme/status/1800000000000000002',
      createdAt: NOW,
    });
    rec.assertDone();
  });

  test('publish refuses media (not implemented) and malformed reply ids before any request', async () => {
    const { rec, x } = setup([]);
    await assert.rejects(
      x.publish(account(), { text: 'a', mediaUrls: ['https://e.test/a.png'] }),
      UnsupportedError,
    );
    await assert.rejects(
      x.publish(account(), { text: 'a', replyTo: { id: '../2/users/1' } }),
      PermanentError,
    );
    await assert.rejects(
      x.publish(account(), { text: 'a', replyTo: { id: '12345678901234567890' } }),
      PermanentError,
    );
    assert.equal(rec.seen.length, 0);
    rec.assertDone();
  });

  test('deletePost sends DELETE /2/tweets/:id', async () => {
    const { rec, x } = setup(fixture('delete.json'));
    await x.deletePost(account(), { id: '1800000000000000002' });
    rec.assertDone();
  });

  test('hideReply and unhideReply PUT /2/tweets/:id/hidden with true then false', async () => {
    const { rec, x } = setup(fixture('hide-unhide.json'));
    await x.hideReply!(account(), { id: '1800000000000000001' });
    await x.unhideReply!(account(), { id: '1800000000000000001' });
    rec.assertDone();
  });

  test('hideReply fails when X answers hidden:false', async () => {
    const { rec, x } = setup([
      { ...fixture('hide-unhide.json')[0]!, response: { status: 200, body: { data: { hidden: false } } } },
    ]);
    await assert.rejects(x.hideReply!(account(), { id: '1800000000000000001' }), PermanentError);
    rec.assertDone();
  });

  test('muteAuthor POSTs the author id to the account’s own muting list', async () => {
    const { rec, x } = setup(fixture('mute.json'));
    await x.muteAuthor!(account(), '42');
    rec.assertDone();
  });

  test('fetchReplies pages back with pagination_token, then polls with since_id = newest seen', async () => {
    const { rec, x } = setup(fixture('mentions.json'));
    const first = await x.fetchReplies(account(), null);
    assert.equal(first.items.length, 1);
    const reply = first.items[0]!;
    assert.deepEqual(
      { ...reply, raw: undefined },
      {
        ref: { id: '1800000000000000001', root: { id: '1800000000000000000' } },
        kind: 'reply',
        text: '@acme you are awful',
        author: { id: '42', handle: 'troll', name: 'Troll' },
        inReplyTo: { id: '1800000000000000000' },
        createdAt: Date.parse('2026-05-01T10:00:00.000Z'),
        url: 'https://x.com/troll/status/1800000000000000001',
        raw: undefined,
      },
    );
    assert.equal((reply.raw as { id: string }).id, '1800000000000000001');

    const second = await x.fetchReplies(account(), first.cursor);
    assert.equal(second.items.length, 1);
    // Not a reply to the account: a plain mention, with its author resolved from includes.users.
    assert.equal(second.items[0]!.kind, 'mention');
    assert.equal(second.items[0]!.inReplyTo, null);
    assert.equal(second.items[0]!.author.handle, 'resident');

    const third = await x.fetchReplies(account(), second.cursor);
    assert.deepEqual(third.items, []);
    // Nothing new: the next poll asks again from the same newest id.
    assert.equal(third.cursor, second.cursor);
    rec.assertDone();
  });

  test('fetchOwnPosts reads the user tweets timeline', async () => {
    const { rec, x } = setup(fixture('own-tweets.json'));
    const page = await x.fetchOwnPosts(account(), null);
    assert.deepEqual(page.items, [
      {
        ref: { id: '1800000000000000000', root: { id: '1800000000000000000' } },
        text: 'Library opening hours change on Monday',
        createdAt: Date.parse('2026-05-01T09:30:00.000Z'),
        url: 'https://x.com/acme/status/1800000000000000000',
      },
    ]);
    assert.ok(page.cursor?.includes('1800000000000000000'));
    rec.assertDone();
  });

  test('refreshCredentials exchanges the single-use refresh token and both tokens are replaced', async () => {
    const { rec, x } = setup(fixture('refresh.json'));
    const old = account({
      refreshToken: 'x-refresh-token-OLD',
      clientId: 'x-client-id-EXAMPLE',
      clientSecret: 'x-client-secret-EXAMPLE',
    });
    const { credentials, expiresAt } = await x.refreshCredentials!(old);
    assert.deepEqual(credentials, {
      accessToken: 'x-access-token-NEW',
      refreshToken: 'x-refresh-token-NEW',
      clientId: 'x-client-id-EXAMPLE',
      clientSecret: 'x-client-secret-EXAMPLE',
    });
    assert.equal(expiresAt, NOW + 7200 * 1000);
    // The fixture's next exchange only answers a request made with the NEW access token.
    await x.publish({ ...old, credentials }, { text: 'After refresh' });
    rec.assertDone();
  });

  test('a public client refreshes without Basic auth; a rejected refresh token means credentials expired', async () => {
    const { rec, x } = setup(fixture('refresh-rejected.json'));
    const creds = { refreshToken: 'x-refresh-token-OLD', clientId: 'x-client-id-EXAMPLE' };
    const err = await x.refreshCredentials!(account(creds)).catch((e) => e);
    assert.ok(err instanceof CredentialsExpiredError, String(err));
    assert.equal(rec.seen[0]!.headers.authorization, undefined);
    assertNoSecrets(err, ['x-refresh-token-OLD', 'x-access-token-EXAMPLE']);
    rec.assertDone();
  });

  test('refreshCredentials without a refresh token asks for re-authorisation without a request', async () => {
    const { rec, x } = setup([]);
    await assert.rejects(x.refreshCredentials!(account()), CredentialsExpiredError);
    rec.assertDone();
  });

  test('errors: 429 → reset from x-rate-limit-reset, or the 24-hour reset when that cap is spent; 503, 401, 403', async () => {
    const { rec, x } = setup(fixture('errors.json'));
    const publish = () => x.publish(account(), { text: 'Hello' }).catch((e) => e);

    const limited = await publish();
    assert.ok(limited instanceof RateLimitedError, String(limited));
    assert.equal(limited.resetAt, 1777630500 * 1000);

    const capped = await publish();
    assert.ok(capped instanceof RateLimitedError, String(capped));
    assert.equal(capped.resetAt, 1777712400 * 1000);

    const unavailable = await publish();
    assert.ok(unavailable instanceof TransientError, String(unavailable));
    assert.equal(unavailable.status, 503);

    const expired = await publish();
    assert.ok(expired instanceof CredentialsExpiredError, String(expired));
    assertNoSecrets(expired, ['x-access-token-EXAMPLE']);

    const duplicate = await publish();
    assert.ok(duplicate instanceof PermanentError, String(duplicate));
    assert.match(duplicate.message, /duplicate content/);

    const gone = await x.deletePost(account(), { id: '1800000000000000009' }).catch((e) => e);
    assert.ok(gone instanceof NotFoundError, String(gone));
    rec.assertDone();
  });

  test('a 429 without reset headers waits one 15-minute window', async () => {
    const { rec, x } = setup([
      {
        request: { method: 'DELETE', url: 'https://api.x.com/2/tweets/1' },
        response: { status: 429, body: { errors: [{ code: 88, message: 'Rate limit exceeded' }] } },
      },
    ]);
    const err = await x.deletePost(account(), { id: '1' }).catch((e) => e);
    assert.ok(err instanceof RateLimitedError);
    assert.equal(err.resetAt, NOW + 15 * 60_000);
    rec.assertDone();
  });

  test('an unexpected request fails the test harness rather than reaching the network', async () => {
    const { rec, x } = setup(fixture('delete.json'));
    const err = await x.deletePost(account(), { id: '1800000000000000003' }).catch((e) => e);
    assert.ok(err instanceof ConnectorError);
    assert.throws(() => rec.assertDone(), /unexpected requests/);
  });
});

describe('X webhooks (§1 test vectors)', () => {
  const { x } = setup([]);
  const hook = x.webhook!;
  const SECRET = { consumerSecret: 'x-consumer-secret-EXAMPLE' };
  const VECTOR_BODY =
    '{"for_user_id":"1500000000000000000","tweet_create_events":[{"id_str":"1800000000000000001","text":"@acme you are awful","in_reply_to_status_id_str":"1800000000000000000","user":{"id_str":"42","screen_name":"troll"}}]}';
  const VECTOR_SIG = 'sha256=fYqQia022h2xW9IDVkw0Ih1ewiooVNoj5XhdmxKb310=';

  test('CRC handshake answers both vectors exactly, as JSON', () => {
    const crc = (token: string, secrets: Record<string, string>) =>
      hook.handshake(
        { method: 'GET', query: { crc_token: token }, headers: {}, rawBody: Buffer.alloc(0) },
        secrets,
      );
    assert.deepEqual(crc('crc-9b4507b3-9040-4669-9ca3-6b94edb50553', SECRET), {
      status: 200,
      contentType: 'application/json',
      body: '{"response_token":"sha256=xDWJPoZM3buPriuPsNCc4v7GTUIDHV3mW4S/z5fXBXg="}',
    });
    const third = crc('test-crc-token', { consumerSecret: 'test-consumer-secret' });
    assert.equal(
      JSON.parse(third!.body).response_token,
      'sha256=1Fg22hsV/J0MPCeiX/iZqLqDkZ0S28yOOMIljrsAX9M=',
    );
    // Not a CRC request: no handshake answer.
    assert.equal(hook.handshake(webhookReq(VECTOR_BODY), SECRET), null);
  });

  test('the body signature vector verifies; tampered body, wrong secret, missing or doubled header fail', () => {
    const sig = { 'x-twitter-webhooks-signature': VECTOR_SIG };
    assert.equal(hook.verifySignature(webhookReq(VECTOR_BODY, sig), SECRET), true);
    // Header names are matched case-insensitively.
    assert.equal(
      hook.verifySignature(webhookReq(VECTOR_BODY, { 'X-Twitter-Webhooks-Signature': VECTOR_SIG }), SECRET),
      true,
    );
    assert.equal(hook.verifySignature(webhookReq(VECTOR_BODY.replace('awful', 'awfuL'), sig), SECRET), false);
    assert.equal(hook.verifySignature(webhookReq(`${VECTOR_BODY}\n`, sig), SECRET), false);
    assert.equal(
      hook.verifySignature(webhookReq(VECTOR_BODY, sig), { consumerSecret: 'wrong-secret' }),
      false,
    );
    assert.equal(hook.verifySignature(webhookReq(VECTOR_BODY), SECRET), false);
    assert.equal(
      hook.verifySignature(
        webhookReq(VECTOR_BODY, { 'x-twitter-webhooks-signature': [VECTOR_SIG, VECTOR_SIG] }),
        SECRET,
      ),
      false,
    );
    assert.equal(
      hook.verifySignature(
        webhookReq(VECTOR_BODY, { 'x-twitter-webhooks-signature': 'sha256=short' }),
        SECRET,
      ),
      false,
    );
    // Hashing a re-serialised object instead of the raw bytes would accept this; raw bytes must not.
    const reserialised = JSON.stringify(JSON.parse(VECTOR_BODY), null, 1);
    assert.equal(hook.verifySignature(webhookReq(reserialised, sig), SECRET), false);
    assert.throws(
      () => hook.verifySignature(webhookReq(VECTOR_BODY, sig), {}),
      /consumer secret is not configured/,
    );
  });

  test('parse turns tweet_create_events into items and drops the account’s own tweets', () => {
    const [item] = hook.parse(webhookReq(VECTOR_BODY));
    assert.equal(item!.ref.id, '1800000000000000001');
    assert.equal(item!.author.handle, 'troll');
    assert.deepEqual(item!.inReplyTo, { id: '1800000000000000000' });

    // The full §2.3 delivery, plus the account's own tweet in the same envelope.
    const payload = {
      for_user_id: '1500000000000000000',
      user_has_blocked: false,
      tweet_create_events: [
        {
          created_at: 'Fri May 01 10:00:00 +0000 2026',
          id_str: '1800000000000000001',
          text: '@acme you are awful',
          in_reply_to_status_id_str: '1800000000000000000',
          in_reply_to_user_id_str: '1500000000000000000',
          user: { id_str: '42', screen_name: 'troll' },
          entities: { user_mentions: [{ id_str: '1500000000000000000', screen_name: 'acme' }] },
          timestamp_ms: '1777629600000',
        },
        {
          id_str: '1800000000000000005',
          text: 'Our own post',
          user: { id_str: '1500000000000000000', screen_name: 'acme' },
        },
      ],
    };
    const items = hook.parse(webhookReq(JSON.stringify(payload)));
    assert.equal(items.length, 1);
    assert.deepEqual(
      { ...items[0]!, raw: undefined },
      {
        ref: { id: '1800000000000000001' },
        kind: 'reply',
        text: '@acme you are awful',
        author: { id: '42', handle: 'troll' },
        inReplyTo: { id: '1800000000000000000' },
        createdAt: 1777629600000,
        url: 'https://x.com/troll/status/1800000000000000001',
        raw: undefined,
      },
    );
    assert.deepEqual(hook.parse(webhookReq('{"for_user_id":"1","favorite_events":[]}')), []);
    assert.throws(() => hook.parse(webhookReq('not json')), PermanentError);
  });
});
