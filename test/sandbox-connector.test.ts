// The sandbox connector against the REAL Sandbox network: a test app listening on 127.0.0.1, reached with the
// global fetch exactly as the connector reaches any platform. The account is created through the main API
// and its token read back from the vault, as the accounts module would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CredentialsExpiredError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from '../src/connectors/errors.js';
import { getConnector } from '../src/connectors/registry.js';
import type { Connector, ConnectorAccount } from '../src/connectors/types.js';
import { revealAccount } from '../src/modules/accounts/credentials.js';
import { createSandboxOfficialAccount } from '../src/sandbox/accounts.js';
import { createSandboxUser } from '../src/sandbox/service.js';
import { as, createOrg, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions.
type Json = Record<string, any>;

for (const kind of testDbKinds) {
  describe(`sandbox connector against the real sandbox (${kind})`, () => {
    let t: TestApp;
    let baseUrl: string;
    let connector: Connector;
    let account: ConnectorAccount;
    let persona: { id: string; token: string };
    let published: string;
    let firstReply: string;

    /** Calls the sandbox API directly, as a member of the public (or anyone holding a token) would. */
    const direct = async (token: string | null, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${baseUrl}/sandbox/api/v1${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
    };
    const publicView = async () => (await fetch(`${baseUrl}/sandbox`)).text();

    before(async () => {
      t = await startTestApp(kind);
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
      // As startParapet does for PORT=0: the public URL (stored as the account's base URL) carries the real port.
      t.ctx.config.publicUrl = baseUrl;
      connector = await getConnector('sandbox', { fetch: globalThis.fetch, now: () => Date.now() });
      const org = await createOrg(t, 'Sandbox Police');
      const admin = await signIn(t, org.adminEmail);
      const res = await as(t, admin)('POST', '/api/v1/sandbox/accounts', {
        handle: 'Force_HQ',
        displayName: 'Force HQ',
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(!res.body.includes('sbx_'), 'the API never returns the sandbox token');
      const row = await t.ctx.db
        .selectFrom('social_account')
        .selectAll()
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      assert.equal(row.platform, 'sandbox');
      assert.equal(row.base_url, baseUrl);
      account = await revealAccount(t.ctx, t.ctx.db, row);
      const { user, token } = await createSandboxUser(t.ctx.db, { handle: 'jo_public', kind: 'public' });
      persona = { id: user.id, token };
    });
    after(() => t?.close());

    test('the account is an official sandbox user whose token (from the vault) works and is stored only hashed', async () => {
      assert.match(account.credentials.token ?? '', /^sbx_/);
      const me = await direct(account.credentials.token!, 'GET', '/me');
      assert.equal(me.status, 200);
      assert.deepEqual(
        [me.json.handle, me.json.kind, me.json.id],
        ['force_hq', 'official', account.platformAccountId],
      );
      const stored = await t.ctx.db.selectFrom('sandbox_token').select('token_hash').execute();
      assert.ok(stored.every((r) => r.token_hash !== account.credentials.token));
    });

    test('publish, a public persona replies, fetchReplies sees it once and the cursor moves on', async () => {
      const post = await connector.publish(account, { text: 'Road closed on Mill Lane until 6pm.' });
      published = post.ref.id;
      assert.equal(post.url, `${baseUrl}/sandbox#post-${published}`);
      const reply = await direct(persona.token, 'POST', '/posts', {
        text: 'Thanks for letting us know',
        reply_to_id: published,
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.json));
      firstReply = reply.json.id;

      const first = await connector.fetchReplies(account, null);
      assert.deepEqual(
        first.items.map((i) => i.ref.id),
        [firstReply],
      );
      const item = first.items[0]!;
      assert.equal(item.kind, 'reply');
      assert.equal(item.text, 'Thanks for letting us know');
      assert.deepEqual(item.author, { id: persona.id, handle: 'jo_public', name: 'jo_public' });
      assert.deepEqual(item.inReplyTo, { id: published });
      assert.equal(first.cursor, firstReply);

      const again = await connector.fetchReplies(account, first.cursor);
      assert.deepEqual(again.items, [], 'nothing new: no duplicates');
      assert.equal(again.cursor, first.cursor, 'an empty page keeps the cursor');

      await direct(persona.token, 'POST', '/posts', { text: 'Hello @force_hq2, not the same account' });
      const mention = await direct(persona.token, 'POST', '/posts', { text: 'Any news @force_hq?' });
      const next = await connector.fetchReplies(account, again.cursor);
      assert.deepEqual(
        next.items.map((i) => [i.ref.id, i.kind]),
        [[mention.json.id, 'mention']],
      );
      assert.equal(next.cursor, mention.json.id);
    });

    test('hide greys the reply in the public view as "hidden by the account"; unhide restores it', async () => {
      await connector.hideReply!(account, { id: firstReply });
      let html = await publicView();
      assert.match(html, new RegExp(`id="post-${firstReply}" data-id="${firstReply}" data-hidden="true"`));
      assert.match(html, /hidden by the account/);
      assert.match(html, /Thanks for letting us know/, 'a hidden reply is still shown, greyed');
      await connector.unhideReply!(account, { id: firstReply });
      html = await publicView();
      assert.match(html, new RegExp(`id="post-${firstReply}" data-id="${firstReply}">`));
      assert.doesNotMatch(html, /hidden by the account/);
    });

    test('the account cannot hide or delete a post that is not a reply to it (PermanentError)', async () => {
      const own = await direct(persona.token, 'POST', '/posts', { text: 'My own thoughts' });
      await assert.rejects(connector.hideReply!(account, { id: own.json.id }), PermanentError);
      await assert.rejects(connector.deletePost(account, { id: own.json.id }), PermanentError);
      assert.match(await publicView(), /My own thoughts/);
    });

    test('delete reply removes it from the public view and from fetchReplies', async () => {
      const doomed = await direct(persona.token, 'POST', '/posts', {
        text: 'Delete me please',
        reply_to_id: published,
      });
      assert.match(await publicView(), /Delete me please/);
      await connector.deleteReply!(account, { id: doomed.json.id });
      assert.doesNotMatch(await publicView(), /Delete me please/);
      const all = await connector.fetchReplies(account, null);
      assert.ok(!all.items.some((i) => i.ref.id === doomed.json.id));
      assert.ok(all.items.some((i) => i.ref.id === firstReply));
    });

    test("block: the blocked persona's next reply is refused; report is recorded", async () => {
      await connector.blockAuthor!(account, persona.id);
      const refused = await direct(persona.token, 'POST', '/posts', {
        text: 'You cannot block me',
        reply_to_id: published,
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'blocked');
      const other = await createSandboxUser(t.ctx.db, { handle: 'sam_public', kind: 'public' });
      const ok = await direct(other.token, 'POST', '/posts', {
        text: 'Still allowed',
        reply_to_id: published,
      });
      assert.equal(ok.status, 201, 'others can still reply');

      await connector.report!(account, { id: firstReply }, persona.id, 'harassment');
      const reports = await t.ctx.db.selectFrom('sandbox_report').selectAll().execute();
      assert.equal(reports.length, 1);
      assert.deepEqual(
        [reports[0]!.post_id, reports[0]!.reported_user_id, reports[0]!.reason],
        [firstReply, persona.id, 'harassment'],
      );
      await assert.rejects(
        connector.report!(account, { id: firstReply }, account.platformAccountId, 'x'),
        PermanentError,
      );
    });

    test('fetchOwnPosts includes a post made directly with the token (hijack-detection input); delete own post', async () => {
      const rogue = await direct(account.credentials.token!, 'POST', '/posts', {
        text: 'Not posted through Parapet',
      });
      assert.equal(rogue.status, 201);
      const own = await connector.fetchOwnPosts(account, null);
      assert.deepEqual(
        own.items.map((p) => p.ref.id),
        [published, rogue.json.id],
      );
      assert.equal(own.items[1]!.text, 'Not posted through Parapet');
      assert.equal(own.cursor, rogue.json.id);
      assert.deepEqual((await connector.fetchOwnPosts(account, own.cursor)).items, []);

      await connector.deletePost(account, { id: rogue.json.id });
      assert.deepEqual(
        (await connector.fetchOwnPosts(account, null)).items.map((p) => p.ref.id),
        [published],
      );
      assert.doesNotMatch(await publicView(), /Not posted through Parapet/);
      await assert.rejects(
        connector.deletePost(account, { id: rogue.json.id }),
        (err) => err instanceof Error && err.constructor.name === 'NotFoundError',
      );
    });

    test('a wrong token is CredentialsExpiredError, and the token is not in the error', async () => {
      const bad = { ...account, credentials: { token: 'sbx_not-a-real-token-0123456789' } };
      for (const call of [
        () => connector.fetchReplies(bad, null),
        () => connector.publish(bad, { text: 'hi' }),
      ]) {
        await assert.rejects(call(), (err: unknown) => {
          assert.ok(err instanceof CredentialsExpiredError, String(err));
          assert.equal(err.status, 401);
          const everything = `${err.message} ${err.stack} ${JSON.stringify(err)}`;
          assert.ok(!everything.includes('sbx_not-a-real-token'), everything);
          assert.ok(!everything.includes(account.credentials.token!));
          return true;
        });
      }
    });

    test('anonymous calls to the sandbox API get 401', async () => {
      for (const [method, path] of [
        ['GET', '/me/inbox'],
        ['POST', '/posts'],
        ['DELETE', `/posts/${published}`],
      ] as const) {
        const res = await direct(null, method, path, method === 'POST' ? { text: 'anon' } : undefined);
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal(res.json.error.code, 'invalid_token');
      }
      assert.match(
        (await fetch(`${baseUrl}/sandbox`)).headers.get('content-security-policy') ?? '',
        /script-src 'self'/,
      );
    });

    test('the per-token rate limit is a real 429 mapped to RateLimitedError with the reset time', async () => {
      const fresh = await createSandboxOfficialAccount(t.ctx, { handle: 'limited_force' });
      const limited = {
        ...account,
        platformAccountId: fresh.userId,
        handle: fresh.handle,
        credentials: { token: fresh.token },
      };
      const saved = t.ctx.config.sandbox.rateLimitPerMinute;
      t.ctx.config.sandbox.rateLimitPerMinute = 2;
      try {
        const startedAt = Date.now();
        await connector.fetchOwnPosts(limited, null);
        await connector.fetchOwnPosts(limited, null);
        const raw = await direct(fresh.token, 'GET', '/me/posts');
        assert.equal(raw.status, 429);
        const retryAfter = Number(raw.headers.get('retry-after'));
        assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
        await assert.rejects(connector.fetchOwnPosts(limited, null), (err: unknown) => {
          assert.ok(err instanceof RateLimitedError, String(err));
          assert.ok(err.resetAt > startedAt && err.resetAt <= startedAt + 61_000, `resetAt ${err.resetAt}`);
          assert.equal(err.resetAt, Number(raw.headers.get('x-ratelimit-reset')) * 1000);
          return true;
        });
        // Another token has its own window.
        const other = await createSandboxOfficialAccount(t.ctx, { handle: 'other_force' });
        const otherAccount = { ...limited, credentials: { token: other.token } };
        assert.deepEqual((await connector.fetchOwnPosts(otherAccount, null)).items, []);
      } finally {
        t.ctx.config.sandbox.rateLimitPerMinute = saved;
      }
    });

    test('5xx and network failures are TransientError', async () => {
      const failing = await getConnector('sandbox', {
        fetch: async () => new Response('{"error":{"code":"internal","message":"boom"}}', { status: 503 }),
        now: () => Date.now(),
      });
      await assert.rejects(
        failing.fetchReplies(account, null),
        (err: unknown) => err instanceof TransientError && err.status === 503,
      );
      const down = { ...account, baseUrl: 'http://127.0.0.1:1' };
      await assert.rejects(connector.fetchReplies(down, null), TransientError);
    });
  });
}
