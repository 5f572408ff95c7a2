// Facebook Pages connector against recorded Graph API exchanges (test/fixtures/facebook, platform-apis.md §3).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  CredentialsExpiredError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from '../src/connectors/errors.js';
import { createFacebookConnector } from '../src/connectors/facebook/index.js';
import type { ConnectorAccount } from '../src/connectors/types.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const TOKEN = 'EAABpageTOKENsecret111';
const NOW = Date.parse('2026-05-01T12:00:00Z');
const MIN = 60_000;
const account: ConnectorAccount = {
  platformAccountId: '111',
  handle: 'Acme',
  baseUrl: null,
  credentials: { pageAccessToken: TOKEN },
};

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/facebook/${name}.json`, import.meta.url), 'utf8'));
const exchanges = (name: string): RecordedExchange[] => load(name).exchanges;
const errors: Record<string, RecordedExchange['response']> = load('errors').responses;

function setup(recorded: RecordedExchange[]) {
  const rec = recordedFetch(recorded);
  return { rec, fb: createFacebookConnector({ fetch: rec.fetch, now: () => NOW }) };
}

describe('facebook connector: operations', () => {
  it('declares what a Page can do: no report, no mute', () => {
    const { fb } = setup([]);
    assert.deepEqual([...fb.capabilities].sort(), [
      'block_author',
      'delete_own_post',
      'delete_reply',
      'hide_reply',
      'poll',
      'publish',
      'read_own_posts',
      'read_replies',
      'unhide_reply',
      'webhooks',
    ]);
    assert.equal(fb.report, undefined);
    assert.equal(fb.muteAuthor, undefined);
  });

  it('publishes to /{page}/feed with the token in the form body, and adds appsecret_proof when configured', async () => {
    const { rec, fb } = setup(exchanges('publish'));
    const post = await fb.publish(account, { text: 'Road closed on High St. Café open — 9am!' });
    assert.deepEqual(post, {
      ref: { id: '111_222' },
      url: 'https://www.facebook.com/111_222',
      createdAt: NOW,
    });
    const withProof = {
      ...account,
      credentials: { pageAccessToken: TOKEN, appSecret: 'fb-app-secret-EXAMPLE' },
    };
    assert.equal((await fb.publish(withProof, { text: 'Second post' })).ref.id, '111_223');
    rec.assertDone();
    assert.ok(!rec.seen.some((r) => r.url.includes(TOKEN)), 'POSTs keep the token out of the URL');
  });

  it('refuses media on a Page post before calling Graph', async () => {
    const { rec, fb } = setup([]);
    await assert.rejects(
      fb.publish(account, { text: 'x', mediaUrls: ['https://example.org/a.jpg'] }),
      PermanentError,
    );
    assert.equal(rec.seen.length, 0);
  });

  it('replies by commenting on the post [U fixture]', async () => {
    const { rec, fb } = setup(exchanges('reply'));
    const reply = await fb.publish(account, {
      text: 'Thanks, we are looking into it.',
      replyTo: { id: '111_222' },
    });
    assert.deepEqual(reply, { ref: { id: '222_444', root: { id: '111_222' } }, url: null, createdAt: NOW });
    rec.assertDone();
  });

  it('deletes a post, and treats {"success":false} as a refusal', async () => {
    const { rec, fb } = setup(exchanges('delete-post'));
    await fb.deletePost(account, { id: '111_222' });
    await assert.rejects(fb.deletePost(account, { id: '111_223' }), PermanentError);
    rec.assertDone();
  });

  it('polls comments of recent posts, follows paging, skips the Page, and resumes from its cursor', async () => {
    const first = setup(exchanges('fetch-replies-first'));
    const page1 = await first.fb.fetchReplies(account, null);
    first.rec.assertDone();
    assert.deepEqual(
      page1.items.map((i) => i.ref.id),
      ['333_401', '222_333', '222_335'],
      'oldest first, the Page’s own comment 222_334 left out',
    );
    const troll = page1.items[1]!;
    assert.deepEqual(troll.ref, { id: '222_333', root: { id: '111_222' } });
    assert.deepEqual(troll.inReplyTo, { id: '111_222' });
    assert.deepEqual(troll.author, { id: '999', handle: 'Troll', name: 'Troll' });
    assert.equal(troll.text, 'you are awful');
    assert.equal(troll.kind, 'comment');
    assert.equal(troll.createdAt, Date.parse('2026-05-01T10:00:00Z'));
    assert.deepEqual(page1.items[2]!.inReplyTo, { id: '222_333', root: { id: '111_222' } });
    assert.ok(page1.cursor);

    const second = setup(exchanges('fetch-replies-second'));
    const page2 = await second.fb.fetchReplies(account, page1.cursor);
    // assertDone also proves paging stopped at the first comment older than the cursor.
    second.rec.assertDone();
    assert.deepEqual(
      page2.items.map((i) => i.ref.id),
      ['222_336', '333_402'],
    );
    assert.notEqual(page2.cursor, page1.cursor);
  });

  it('lists its own posts with Graph paging as the cursor [U fixture]', async () => {
    const { rec, fb } = setup(exchanges('own-posts'));
    const p1 = await fb.fetchOwnPosts(account, null);
    assert.deepEqual(p1, {
      items: [
        {
          ref: { id: '111_222' },
          text: 'Road closed',
          createdAt: Date.parse('2026-05-01T09:00:00Z'),
          url: 'https://www.facebook.com/111/posts/222',
        },
      ],
      cursor: 'QVFIp1',
    });
    const p2 = await fb.fetchOwnPosts(account, p1.cursor);
    assert.equal(p2.items[0]!.ref.id, '111_200');
    assert.equal(p2.cursor, null, 'no paging.next: nothing further');
    rec.assertDone();
  });

  it('hides, unhides and deletes a comment', async () => {
    const { rec, fb } = setup(exchanges('moderate'));
    await fb.hideReply!(account, { id: '222_333' });
    await fb.unhideReply!(account, { id: '222_333' });
    await fb.deleteReply!(account, { id: '222_333' });
    rec.assertDone();
  });

  it('bans an author from the Page [U fixture]', async () => {
    const { rec, fb } = setup(exchanges('block-author'));
    await fb.blockAuthor!(account, '999');
    rec.assertDone();
  });

  it('fails on a request the fixtures do not expect', async () => {
    const { rec, fb } = setup(exchanges('moderate').slice(0, 1));
    await assert.rejects(fb.unhideReply!(account, { id: '222_333' }), TransientError);
    assert.throws(() => rec.assertDone(), /unexpected requests/);
  });
});

describe('facebook connector: Graph errors (§3.4)', () => {
  // Every failure is provoked on one and the same request: deleting comment 222_333.
  const failing = (response: RecordedExchange['response']) =>
    setup([
      {
        request: { method: 'DELETE', url: `https://graph.facebook.com/v25.0/222_333?access_token=${TOKEN}` },
        response,
      },
    ]);
  const failure = async (response: RecordedExchange['response']) => {
    const { rec, fb } = failing(response);
    const err = await fb.deleteReply!(account, { id: '222_333' }).then(
      () => assert.fail('expected a failure'),
      (e: Error) => e,
    );
    rec.assertDone();
    return err;
  };
  const assertNoSecret = (err: Error) => {
    for (const text of [err.message, String(err.stack), JSON.stringify(err)])
      assert.ok(!text.includes(TOKEN), text);
  };

  it('code 190 → credentials expired, with neither the token nor Graph’s message in the error', async () => {
    const err = await failure(errors.expiredToken!);
    assert.ok(err instanceof CredentialsExpiredError);
    assert.match(err.message, /463/);
    assert.doesNotMatch(err.message, /Session has expired/);
    assertNoSecret(err);
  });

  it('throttling codes → rate limited, reset computed from the usage headers', async () => {
    const cases: Array<[string, number]> = [
      ['pageThrottledWithBuc', 12 * MIN], // largest estimated_time_to_regain_access over the BUC entries
      ['bucThrottled', 45 * MIN],
      ['appThrottled', 60 * MIN], // X-App-Usage at 100 with no time given: one full window
      ['userThrottled', 5 * MIN], // code 17 while the headers show headroom: default backoff
      ['customThrottled', 5 * MIN], // code 613, no usage headers
    ];
    for (const [name, wait] of cases) {
      const err = await failure(errors[name]!);
      assert.ok(err instanceof RateLimitedError, name);
      assert.equal(err.resetAt, NOW + wait, name);
      assertNoSecret(err);
    }
  });

  it('an HTTP 429 without a Graph body still honours X-Business-Use-Case-Usage', async () => {
    const err = await failure({
      status: 429,
      headers: {
        'x-business-use-case-usage':
          '{"111":[{"type":"pages","call_count":95,"total_cputime":5,"total_time":7,"estimated_time_to_regain_access":7}]}',
      },
      body: '',
    });
    assert.ok(err instanceof RateLimitedError);
    assert.equal(err.resetAt, NOW + 7 * MIN);
  });

  it('500 and code 2 → transient; 100, 200 and 506 → permanent', async () => {
    assert.ok((await failure(errors.serverError!)) instanceof TransientError);
    assert.ok((await failure(errors.transientCode2!)) instanceof TransientError);
    for (const name of ['invalidParameter', 'permission', 'duplicate']) {
      const err = await failure(errors[name]!);
      assert.ok(err instanceof PermanentError, name);
      assertNoSecret(err);
    }
  });

  it('a network failure that quotes the URL does not leak the token', async () => {
    const fb = createFacebookConnector({
      now: () => NOW,
      fetch: (async (url: string) => {
        throw new Error(`connect ECONNREFUSED while fetching ${url}`);
      }) as unknown as typeof fetch,
    });
    const err = await fb.fetchOwnPosts(account, null).catch((e: Error) => e);
    assert.ok(err instanceof TransientError);
    assert.match(err.message, /\[redacted\]/);
    assertNoSecret(err);
  });
});

describe('facebook webhooks (§1, §3.3)', () => {
  const { fb } = setup([]);
  const hook = fb.webhook!;
  const secrets = { appSecret: 'fb-app-secret-EXAMPLE', verifyToken: 'verify-me-123' };
  const post = (raw: string | Buffer, signature?: string) => ({
    method: 'POST',
    query: {},
    headers: signature === undefined ? {} : { 'x-hub-signature-256': signature },
    rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8'),
  });
  // §1 Meta test vector, byte for byte (one line, no trailing newline).
  const VECTOR =
    '{"object":"page","entry":[{"id":"111","time":1700000000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"111_222_333","post_id":"111_222","parent_id":"111_222","from":{"id":"999","name":"Troll"},"message":"you are awful","created_time":1700000000}}]}]}';
  const VECTOR_SIG = 'sha256=1b1135fd991ed59ac4917df1367a40fd2f333ada11a6a0c5d6de97fe1ea95fb4';
  const sign = (secret: string, raw: string) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

  it('verifies the §1 Meta test vector exactly, and parses it', () => {
    assert.equal(hook.verifySignature(post(VECTOR, VECTOR_SIG), secrets), true);
    const items = hook.parse(post(VECTOR, VECTOR_SIG));
    assert.equal(items.length, 1);
    assert.deepEqual(items[0]!.ref, { id: '111_222_333', root: { id: '111_222' } });
    assert.deepEqual(items[0]!.inReplyTo, { id: '111_222' });
    assert.deepEqual(items[0]!.author, { id: '999', handle: 'Troll', name: 'Troll' });
    assert.equal(items[0]!.text, 'you are awful');
    assert.equal(items[0]!.createdAt, 1_700_000_000_000);
  });

  it('rejects a wrong app secret, a tampered body, a missing, truncated, upper-case or sha1 signature', () => {
    assert.equal(
      hook.verifySignature(post(VECTOR, VECTOR_SIG), { ...secrets, appSecret: 'other-secret' }),
      false,
    );
    assert.equal(hook.verifySignature(post(VECTOR.replace('awful', 'great'), VECTOR_SIG), secrets), false);
    assert.equal(hook.verifySignature(post(VECTOR), secrets), false);
    assert.equal(hook.verifySignature(post(VECTOR, VECTOR_SIG.slice(0, -2)), secrets), false);
    assert.equal(hook.verifySignature(post(VECTOR, VECTOR_SIG.toUpperCase()), secrets), false);
    assert.equal(hook.verifySignature(post(VECTOR, VECTOR_SIG.replace('sha256=', 'sha1=')), secrets), false);
    assert.equal(hook.verifySignature(post(VECTOR, VECTOR_SIG), { verifyToken: 'x' }), false);
  });

  it('hashes the raw bytes: the same payload re-serialised (\\u00e9 unescaped) fails', () => {
    const raw =
      '{"object":"page","entry":[{"id":"111","time":1777629600,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","post_id":"111_222","comment_id":"222_333","parent_id":"111_222","from":{"id":"999","name":"Ren\\u00e9"},"message":"caf\\u00e9 closed?","created_time":1777629600}}]}]}';
    const signature = sign(secrets.appSecret, raw);
    assert.equal(hook.verifySignature(post(raw, signature), secrets), true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    assert.ok(reserialised.includes('café'));
    assert.equal(hook.verifySignature(post(reserialised, signature), secrets), false);
    assert.equal(hook.parse(post(raw, signature))[0]!.author.name, 'René');
  });

  it('answers the verify-token handshake with the bare challenge, and 403 otherwise', () => {
    const get = (query: Record<string, string>) => ({
      method: 'GET',
      query,
      headers: {},
      rawBody: Buffer.alloc(0),
    });
    const ok = {
      'hub.mode': 'subscribe',
      'hub.challenge': '1158201444',
      'hub.verify_token': 'verify-me-123',
    };
    assert.deepEqual(hook.handshake(get(ok), secrets), {
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: '1158201444',
    });
    assert.equal(hook.handshake(get({ ...ok, 'hub.verify_token': 'verify-me-124' }), secrets)!.status, 403);
    assert.equal(hook.handshake(get({ ...ok, 'hub.verify_token': 'verify' }), secrets)!.status, 403);
    assert.equal(hook.handshake(get({ ...ok, 'hub.mode': 'unsubscribe' }), secrets)!.status, 403);
    assert.equal(hook.handshake(get(ok), { appSecret: 'x' })!.status, 403, 'no verify token configured');
    assert.ok(
      !hook.handshake(get({ ...ok, 'hub.verify_token': 'nope' }), secrets)!.body.includes('verify-me'),
    );
    assert.equal(hook.handshake(get({}), secrets), null);
    assert.equal(hook.handshake(post(VECTOR, VECTOR_SIG), secrets), null);
  });

  it('keeps only added comments from others, across batched entries', () => {
    const change = (value: Record<string, unknown>, field = 'feed') => ({ field, value });
    const comment = (id: string, extra: Record<string, unknown> = {}) => ({
      item: 'comment',
      verb: 'add',
      post_id: '111_222',
      comment_id: id,
      parent_id: '111_222',
      from: { id: '999', name: 'Troll' },
      message: `text ${id}`,
      created_time: 1777629600,
      ...extra,
    });
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: '111',
          time: 1777629600,
          changes: [
            change(comment('222_333')),
            change(comment('222_334', { verb: 'edited' })),
            change(comment('222_335', { item: 'reaction' })),
            change(comment('222_336', { from: { id: '111', name: 'Acme' } })),
            change(comment('222_337', { parent_id: '222_333' })),
            change(comment('222_338'), 'mention'),
          ],
        },
        { id: '111', time: 1777629700, changes: [change(comment('222_339', { created_time: 1777629700 }))] },
      ],
    });
    const items = hook.parse(post(body));
    assert.deepEqual(
      items.map((i) => i.ref.id),
      ['222_333', '222_337', '222_339'],
    );
    assert.deepEqual(items[1]!.inReplyTo, { id: '222_333', root: { id: '111_222' } });
    assert.equal(items[2]!.createdAt, 1_777_629_700_000);
    assert.deepEqual(hook.parse(post(JSON.stringify({ object: 'instagram', entry: [] }))), []);
    assert.throws(() => hook.parse(post('not json')), PermanentError);
  });
});
