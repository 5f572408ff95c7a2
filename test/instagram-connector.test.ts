// Instagram connector against recorded Graph API exchanges (test/fixtures/instagram, platform-apis.md §4).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  CredentialsExpiredError,
  PermanentError,
  RateLimitedError,
  TransientError,
  UnsupportedError,
} from '../src/connectors/errors.js';
import { createInstagramConnector } from '../src/connectors/instagram/index.js';
import type { ConnectorAccount } from '../src/connectors/types.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const TOKEN = 'EAABigPageTOKENsecret222';
const IG = '17841400000000001';
const NOW = Date.parse('2026-05-01T12:00:00Z');
const account: ConnectorAccount = {
  platformAccountId: IG,
  handle: '@acme',
  baseUrl: null,
  credentials: { accessToken: TOKEN },
};

const load = (dir: string, name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${dir}/${name}.json`, import.meta.url), 'utf8'));
const exchanges = (name: string): RecordedExchange[] => load('instagram', name).exchanges;
// §4: "Errors use the same shape as §3.4", so the Facebook error fixtures serve both.
const errors: Record<string, RecordedExchange['response']> = load('facebook', 'errors').responses;

function setup(recorded: RecordedExchange[]) {
  const rec = recordedFetch(recorded);
  return { rec, ig: createInstagramConnector({ fetch: rec.fetch, now: () => NOW }) };
}

describe('instagram connector: operations', () => {
  it('declares hide/unhide/delete of comments but no post delete, block, mute or report', () => {
    const { ig } = setup([]);
    assert.deepEqual([...ig.capabilities].sort(), [
      'delete_reply',
      'hide_reply',
      'poll',
      'publish',
      'read_own_posts',
      'read_replies',
      'unhide_reply',
      'webhooks',
    ]);
    for (const missing of ['blockAuthor', 'muteAuthor', 'report'] as const)
      assert.equal(ig[missing], undefined);
  });

  it('publishes in two steps: media container, then media_publish', async () => {
    const { rec, ig } = setup(exchanges('publish'));
    const post = await ig.publish(account, {
      text: 'Road closed #HighStreet',
      mediaUrls: ['https://cdn.example.org/road.jpg'],
    });
    assert.deepEqual(post, { ref: { id: '17900000000000001' }, url: null, createdAt: NOW });
    rec.assertDone();
  });

  it('refuses a text-only post, a carousel, and an image on a comment, before any request', async () => {
    const { rec, ig } = setup([]);
    const err = await ig.publish(account, { text: 'Road closed' }).catch((e: Error) => e);
    assert.ok(err instanceof PermanentError);
    assert.match(err.message, /text-only/);
    await assert.rejects(ig.publish(account, { text: 'x', mediaUrls: [] }), PermanentError);
    await assert.rejects(
      ig.publish(account, { text: 'x', mediaUrls: ['https://a/1.jpg', 'https://a/2.jpg'] }),
      PermanentError,
    );
    await assert.rejects(
      ig.publish(account, {
        text: 'x',
        mediaUrls: ['https://a/1.jpg'],
        replyTo: { id: '1', root: { id: '2' } },
      }),
      PermanentError,
    );
    assert.equal(rec.seen.length, 0);
  });

  it('replies to a comment via /replies and to its own media via /comments [U fixtures]', async () => {
    const a = setup(exchanges('reply-comment'));
    const reply = await a.ig.publish(account, {
      text: 'Please DM us.',
      replyTo: { id: '17873440459141021', root: { id: '17900000000000001' } },
    });
    assert.deepEqual(reply.ref, { id: '17873440459141099', root: { id: '17900000000000001' } });
    a.rec.assertDone();
    const b = setup(exchanges('reply-media'));
    const comment = await b.ig.publish(account, {
      text: 'Update: reopened.',
      replyTo: { id: '17900000000000001' },
    });
    assert.deepEqual(comment.ref, { id: '17873440459141100', root: { id: '17900000000000001' } });
    b.rec.assertDone();
  });

  it('cannot delete its own media: UnsupportedError, no request', async () => {
    const { rec, ig } = setup([]);
    await assert.rejects(ig.deletePost(account, { id: '17900000000000001' }), UnsupportedError);
    assert.equal(rec.seen.length, 0);
  });

  it('polls comments and nested replies of recent media, skips its own, then resumes from the cursor', async () => {
    const { rec, ig } = setup(exchanges('fetch-replies'));
    const first = await ig.fetchReplies(account, null);
    assert.deepEqual(
      first.items.map((i) => i.ref.id),
      ['17873440459141020', '17873440459141021', '17873440459141022'],
    );
    const [, troll, reply] = first.items;
    assert.deepEqual(troll!.author, { id: '6001', handle: 'troll' });
    assert.deepEqual(troll!.inReplyTo, { id: '17900000000000001' });
    assert.equal(troll!.createdAt, Date.parse('2026-05-01T10:00:00Z'));
    assert.deepEqual(reply!.ref, { id: '17873440459141022', root: { id: '17900000000000001' } });
    assert.deepEqual(reply!.inReplyTo, { id: '17873440459141021', root: { id: '17900000000000001' } });
    assert.deepEqual(
      reply!.author,
      { id: 'helper', handle: 'helper' },
      'nested replies carry only a username',
    );

    const second = await ig.fetchReplies(account, first.cursor);
    assert.deepEqual(
      second.items.map((i) => i.ref.id),
      ['17873440459141030'],
    );
    rec.assertDone();
  });

  it('lists its own media [U fixture]', async () => {
    const { rec, ig } = setup(exchanges('own-posts'));
    const p1 = await ig.fetchOwnPosts(account, null);
    assert.deepEqual(p1.items, [
      {
        ref: { id: '17900000000000001' },
        text: 'Road closed #HighStreet',
        createdAt: Date.parse('2026-05-01T09:00:00Z'),
        url: 'https://www.instagram.com/p/C0dEfGh/',
      },
    ]);
    assert.equal(p1.cursor, 'QVFIo1');
    const p2 = await ig.fetchOwnPosts(account, p1.cursor);
    assert.deepEqual(p2, { items: [], cursor: null });
    rec.assertDone();
  });

  it('hides, unhides and deletes a comment', async () => {
    const { rec, ig } = setup(exchanges('moderate'));
    await ig.hideReply!(account, { id: '17873440459141021' });
    await ig.unhideReply!(account, { id: '17873440459141021' });
    await ig.deleteReply!(account, { id: '17873440459141021' });
    rec.assertDone();
  });

  it('talks to graph.instagram.com when the account says so [U fixture]', async () => {
    const { rec, ig } = setup(exchanges('instagram-login-host'));
    await ig.hideReply!(
      { ...account, baseUrl: 'https://graph.instagram.com/v25.0' },
      { id: '17873440459141021' },
    );
    rec.assertDone();
  });

  it('maps Graph errors: 190, throttling with BUC reset, 500', async () => {
    const hideFails = (response: RecordedExchange['response']) =>
      setup([{ ...exchanges('moderate')[0]!, response }]);
    const run = async (response: RecordedExchange['response']) => {
      const { rec, ig } = hideFails(response);
      const err = await ig.hideReply!(account, { id: '17873440459141021' }).catch((e: Error) => e);
      rec.assertDone();
      assert.ok(err instanceof Error);
      for (const text of [err.message, String(err.stack), JSON.stringify(err)])
        assert.ok(!text.includes(TOKEN));
      return err;
    };
    assert.ok((await run(errors.expiredToken!)) instanceof CredentialsExpiredError);
    const limited = await run(errors.bucThrottled!);
    assert.ok(limited instanceof RateLimitedError);
    assert.equal(limited.resetAt, NOW + 45 * 60_000);
    assert.ok((await run(errors.serverError!)) instanceof TransientError);
  });
});

describe('instagram webhooks (§4)', () => {
  const hook = setup([]).ig.webhook!;
  const secrets = { appSecret: 'ig-app-secret-EXAMPLE', verifyToken: 'ig-verify' };
  const req = (raw: string, signature?: string) => ({
    method: 'POST',
    query: {},
    headers: signature ? { 'X-Hub-Signature-256': signature } : {},
    rawBody: Buffer.from(raw, 'utf8'),
  });
  const value = {
    id: '17873440459141021',
    text: 'you are awful',
    from: { id: '6001', username: 'troll' },
    media: { id: '17900000000000001', media_product_type: 'FEED' },
  };

  it('verifies X-Hub-Signature-256 over the raw bytes with the app secret', () => {
    const raw = `{"object":"instagram","entry":[{"id":"${IG}","time":1777629600,"changes":[{"field":"comments","value":{"id":"1","text":"caf\\u00e9","from":{"id":"6001","username":"troll"},"media":{"id":"2"}}}]}]}`;
    const sig = `sha256=${createHmac('sha256', secrets.appSecret).update(raw).digest('hex')}`;
    assert.equal(hook.verifySignature(req(raw, sig), secrets), true);
    assert.equal(hook.verifySignature(req(JSON.stringify(JSON.parse(raw)), sig), secrets), false);
    assert.equal(
      hook.verifySignature(req(raw, sig), { ...secrets, appSecret: 'fb-app-secret-EXAMPLE' }),
      false,
    );
    assert.equal(hook.verifySignature(req(raw), secrets), false);
  });

  it('answers the same verify-token handshake', () => {
    const get = (token: string) => ({
      method: 'GET',
      query: { 'hub.mode': 'subscribe', 'hub.challenge': 'abc', 'hub.verify_token': token },
      headers: {},
      rawBody: Buffer.alloc(0),
    });
    assert.equal(hook.handshake(get('ig-verify'), secrets)!.body, 'abc');
    assert.equal(hook.handshake(get('wrong'), secrets)!.status, 403);
  });

  it('parses `comments` changes in both envelopes, skipping its own and other fields', () => {
    const raw = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: IG,
          time: 1777629600,
          changes: [
            { field: 'comments', value },
            { field: 'comments', value: { ...value, id: 'own', from: { id: IG, username: 'acme' } } },
            { field: 'mentions', value: { ...value, id: 'mention' } },
          ],
        },
        // Instagram Login shape: field/value directly on the entry.
        {
          id: IG,
          time: 1777629700,
          field: 'comments',
          value: { ...value, id: 'reply1', parent_id: value.id },
        },
      ],
    });
    const items = hook.parse(req(raw));
    assert.deepEqual(
      items.map((i) => i.ref.id),
      ['17873440459141021', 'reply1'],
    );
    assert.deepEqual(items[0]!.ref, { id: value.id, root: { id: '17900000000000001' } });
    assert.deepEqual(items[0]!.author, { id: '6001', handle: 'troll' });
    assert.equal(items[0]!.createdAt, 1_777_629_600_000);
    assert.deepEqual(items[1]!.inReplyTo, { id: value.id, root: { id: '17900000000000001' } });
    assert.equal(items[1]!.createdAt, 1_777_629_700_000);
    assert.deepEqual(
      hook.parse(req(JSON.stringify({ object: 'page', entry: [{ id: '1', changes: [] }] }))),
      [],
    );
  });
});
