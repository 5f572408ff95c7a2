// Mastodon connector against recorded fixtures that follow platform-apis.md §1, §5. Each fixture file in
// test/fixtures/mastodon/ carries a "note" naming its source section and any [U] assumption it pins.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  RateLimitedError,
  TransientError,
  UnsupportedError,
} from '../src/connectors/errors.js';
import { createMastodonConnector } from '../src/connectors/mastodon/index.js';
import type { ConnectorAccount, WebhookRequest } from '../src/connectors/types.js';
import { assertNoSecrets, type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const NOW = Date.parse('2026-05-01T10:01:00.000Z');
const TOKEN = 'mastodon-access-token-EXAMPLE';
const fixture = (name: string): RecordedExchange[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/mastodon/${name}`, import.meta.url), 'utf8')).exchanges;

const account = (baseUrl: string | null = 'https://social.example/'): ConnectorAccount => ({
  platformAccountId: '14715',
  handle: 'acme',
  baseUrl,
  credentials: { accessToken: TOKEN },
});

function setup(exchanges: RecordedExchange[]) {
  const rec = recordedFetch(exchanges);
  return { rec, m: createMastodonConnector({ fetch: rec.fetch, now: () => NOW }) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Mastodon connector', () => {
  test('declares block, mute and report but no hide, reply delete or refresh (§0, §5.5)', () => {
    const { m } = setup([]);
    assert.deepEqual([...m.capabilities].sort(), [
      'block_author',
      'delete_own_post',
      'mute_author',
      'poll',
      'publish',
      'read_own_posts',
      'read_replies',
      'report',
    ]);
    for (const missing of ['hideReply', 'unhideReply', 'deleteReply', 'refreshCredentials'] as const)
      assert.equal(m[missing], undefined, missing);
  });

  test('publish replies on the account’s instance and a retry after 503 re-sends the same Idempotency-Key', async () => {
    const { rec, m } = setup(fixture('publish.json'));
    const input = { text: 'Hello', replyTo: { id: '103186126728896492' } };
    await assert.rejects(m.publish(account(), input), TransientError);
    const post = await m.publish(account(), input);
    assert.deepEqual(post, {
      ref: { id: '103254962155278888', uri: 'https://social.example/users/acme/statuses/103254962155278888' },
      url: 'https://social.example/@acme/103254962155278888',
      createdAt: Date.parse('2026-05-01T10:00:00.000Z'),
    });
    const [first, retry] = rec.seen.map((r) => r.headers['idempotency-key']);
    assert.match(first ?? '', UUID);
    assert.equal(retry, first);
    rec.assertDone();
  });

  test('the Idempotency-Key follows the caller’s key, and differs for different posts', async () => {
    const ok = { status: 200, body: { id: '1', created_at: '2026-05-01T10:00:00.000Z' } };
    const req = (status: string) => ({
      request: { method: 'POST', url: 'https://social.example/api/v1/statuses', body: { status } },
      response: ok,
    });
    const { rec, m } = setup([req('a'), req('a'), req('b'), req('a')]);
    await m.publish(account(), { text: 'a', idempotencyKey: 'job-1' });
    await m.publish(account(), { text: 'a', idempotencyKey: 'job-2' });
    await m.publish(account(), { text: 'b', idempotencyKey: 'job-1' });
    await m.publish(account(), { text: 'a' });
    const keys = rec.seen.map((r) => r.headers['idempotency-key']);
    assert.equal(keys[0], keys[2], 'same caller key, same Idempotency-Key');
    assert.notEqual(keys[0], keys[1]);
    assert.notEqual(keys[3], keys[0]);
    rec.assertDone();
  });

  test('publish refuses media, a missing instance URL and unsafe ids before any request', async () => {
    const { rec, m } = setup([]);
    await assert.rejects(
      m.publish(account(), { text: 'a', mediaUrls: ['https://e.test/a.png'] }),
      UnsupportedError,
    );
    await assert.rejects(m.publish(account(null), { text: 'a' }), /no instance URL/);
    await assert.rejects(
      m.publish(account(), { text: 'a', replyTo: { id: '1/../../admin' } }),
      PermanentError,
    );
    await assert.rejects(m.blockAuthor!(account(), '1?x=y'), PermanentError);
    assert.equal(rec.seen.length, 0);
    rec.assertDone();
  });

  test('deletePost deletes our status; someone else’s answers 404 → NotFoundError', async () => {
    const { rec, m } = setup(fixture('delete.json'));
    await m.deletePost(account(), { id: '103254962155278888' });
    await assert.rejects(m.deletePost(account(), { id: '103186126728896492' }), NotFoundError);
    rec.assertDone();
  });

  test('fetchReplies reads mention notifications, tells replies from mentions, then polls with min_id', async () => {
    const { rec, m } = setup(fixture('notifications.json'));
    const first = await m.fetchReplies(account(), null);
    assert.equal(first.cursor, '34975861');
    assert.equal(first.items.length, 2);
    const [reply, mention] = first.items;
    assert.deepEqual(
      { ...reply!, raw: undefined },
      {
        ref: {
          id: '103186126728896492',
          uri: 'https://other.social/users/troll/statuses/103186126728896492',
        },
        kind: 'reply',
        text: '@acme you are awful & you know it',
        author: { id: '971724', handle: 'troll@other.social', name: 'Troll' },
        inReplyTo: { id: '103186038209478945' },
        createdAt: Date.parse('2026-05-01T10:00:02.000Z'),
        url: 'https://other.social/@troll/103186126728896492',
        raw: undefined,
      },
    );
    assert.equal((reply!.raw as { id: string }).id, '34975861');
    assert.equal(mention!.kind, 'mention');
    assert.equal(mention!.inReplyTo, null);
    assert.equal(mention!.url, null);

    const second = await m.fetchReplies(account(), first.cursor);
    assert.deepEqual(second, { items: [], cursor: '34975861' });
    rec.assertDone();
  });

  test('fetchOwnPosts reads the account’s statuses as plain text', async () => {
    const { rec, m } = setup(fixture('own-statuses.json'));
    const page = await m.fetchOwnPosts(account(), null);
    assert.deepEqual(page, {
      items: [
        {
          ref: {
            id: '103186038209478945',
            uri: 'https://social.example/users/acme/statuses/103186038209478945',
          },
          text: 'Library hours change on Monday',
          createdAt: Date.parse('2026-05-01T09:30:00.000Z'),
          url: 'https://social.example/@acme/103186038209478945',
        },
      ],
      cursor: '103186038209478945',
    });
    rec.assertDone();
  });

  test('blockAuthor and muteAuthor act on the author account and check the returned Relationship', async () => {
    const { rec, m } = setup(fixture('block-mute.json'));
    await m.blockAuthor!(account(), '971724');
    await m.muteAuthor!(account(), '971724');
    rec.assertDone();

    const { rec: rec2, m: m2 } = setup([
      {
        ...fixture('block-mute.json')[0]!,
        response: { status: 200, body: { id: '971724', blocking: false } },
      },
    ]);
    await assert.rejects(m2.blockAuthor!(account(), '971724'), PermanentError);
    rec2.assertDone();
  });

  test('report sends the status, forwards to the remote admins, and maps the reason to a category', async () => {
    const { rec, m } = setup(fixture('report.json'));
    await m.report!(account(), { id: '103186126728896492' }, '971724', 'harassment of staff');
    await m.report!(account(), { id: '103186126728896492' }, '971724', 'spam');
    rec.assertDone();
  });

  test('errors: 429 → resetAt from the ISO X-RateLimit-Reset; 503 → transient; 401 → expired; 422 → permanent', async () => {
    const { rec, m } = setup(fixture('errors.json'));
    const poll = () => m.fetchReplies(account(), null).catch((e) => e);

    const limited = await poll();
    assert.ok(limited instanceof RateLimitedError, String(limited));
    assert.equal(limited.resetAt, Date.parse('2026-05-01T10:05:00.123Z'));

    const unavailable = await poll();
    assert.ok(unavailable instanceof TransientError, String(unavailable));

    const expired = await poll();
    assert.ok(expired instanceof CredentialsExpiredError, String(expired));
    assertNoSecrets(expired, [TOKEN]);

    const invalid = await m.publish(account(), { text: '' }).catch((e) => e);
    assert.ok(invalid instanceof PermanentError, String(invalid));
    assert.match(invalid.message, /Text can't be blank/);
    assertNoSecrets(invalid, [TOKEN]);
    rec.assertDone();
  });

  test('a 429 without a parsable reset waits one 5-minute window', async () => {
    const { rec, m } = setup([
      {
        request: { method: 'DELETE', url: 'https://social.example/api/v1/statuses/1' },
        response: {
          status: 429,
          headers: { 'x-ratelimit-reset': 'soon' },
          body: { error: 'Too many requests' },
        },
      },
    ]);
    const err = await m.deletePost(account(), { id: '1' }).catch((e) => e);
    assert.ok(err instanceof RateLimitedError);
    assert.equal(err.resetAt, NOW + 5 * 60_000);
    rec.assertDone();
  });
});

describe('Mastodon admin webhooks (§1 test vector)', () => {
  const { m } = setup([]);
  const hook = m.webhook!;
  const SECRET = { webhookSecret: 'mastodon-webhook-secret-EXAMPLE' };
  const BODY = '{"event":"status.created","created_at":"2026-01-01T00:00:00.000Z","object":{"id":"1"}}';
  const SIG = 'sha256=6952d7c5f8279f6003d1909747bed2864c2db1a4f4cde87bc5117d7e36513a06';
  const req = (body: string, headers: WebhookRequest['headers'] = {}): WebhookRequest => ({
    method: 'POST',
    query: {},
    headers,
    rawBody: Buffer.from(body, 'utf8'),
  });

  test('the vector verifies; tampered body, wrong secret, missing header or upper-case hex fail', () => {
    assert.equal(hook.verifySignature(req(BODY, { 'x-hub-signature': SIG }), SECRET), true);
    assert.equal(hook.verifySignature(req(BODY, { 'X-Hub-Signature': SIG }), SECRET), true);
    assert.equal(
      hook.verifySignature(req(BODY.replace('"1"', '"2"'), { 'x-hub-signature': SIG }), SECRET),
      false,
    );
    assert.equal(
      hook.verifySignature(req(BODY, { 'x-hub-signature': SIG }), { webhookSecret: 'other-secret' }),
      false,
    );
    assert.equal(hook.verifySignature(req(BODY), SECRET), false);
    assert.equal(hook.verifySignature(req(BODY, { 'x-hub-signature': SIG.toUpperCase() }), SECRET), false);
    assert.equal(hook.handshake(req(BODY), SECRET), null);
    assert.throws(() => hook.verifySignature(req(BODY, { 'x-hub-signature': SIG }), {}), /not configured/);
  });

  test('parse keeps status.created replies and mentions, ignores other events', () => {
    const reply = {
      event: 'status.created',
      created_at: '2026-05-01T10:00:03.000Z',
      object: {
        id: '103186126728896492',
        created_at: '2026-05-01T10:00:02.000Z',
        in_reply_to_id: '103186038209478945',
        in_reply_to_account_id: '14715',
        content: '<p>you are awful</p>',
        account: { id: '971724', acct: 'troll@other.social' },
        mentions: [{ id: '14715', acct: 'acme' }],
      },
    };
    const [item] = hook.parse(req(JSON.stringify(reply)));
    assert.equal(item!.kind, 'reply');
    assert.equal(item!.text, 'you are awful');
    assert.deepEqual(item!.inReplyTo, { id: '103186038209478945' });
    // The §1 vector's status neither replies nor mentions: nothing to moderate.
    assert.deepEqual(hook.parse(req(BODY)), []);
    assert.deepEqual(hook.parse(req('{"event":"report.created","object":{"id":"5"}}')), []);
    assert.throws(() => hook.parse(req('{')), PermanentError);
  });
});
