// Polling ingestion: the Sandbox over real HTTP, Mastodon against recorded fixtures (429 then 200), the periodic
// scheduler with a broken account next to a healthy one, and the on-demand poll route.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { POLL_ACCOUNT_JOB, pollAccount, schedulePolls } from '../src/modules/inbound/poller.js';
import { createSandboxOfficialAccount } from '../src/sandbox/accounts.js';
import { createPost, createSandboxUser } from '../src/sandbox/service.js';
import { addUser, as, createOrg, type Org, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect, itemsOf } from './helpers/inbound.js';
import { makeWorker } from './helpers/jobs.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const cursorOf = (t: TestApp, accountId: string) =>
  t.ctx.db.selectFrom('inbound_cursor').selectAll().where('account_id', '=', accountId).executeTakeFirst();

for (const kind of testDbKinds) {
  describe(`inbound pollers (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let baseUrl: string;

    /** A connected official sandbox account with one post, and a member of the public. */
    async function sandboxScene(label: string) {
      const created = await createSandboxOfficialAccount(t.ctx, {
        handle: `${label}_${Date.now() % 100000}`,
      });
      const accountId = await connectDirect(t, org, 'sandbox', created.userId, {
        baseUrl,
        handle: created.handle,
        credentials: { token: created.token },
      });
      const official = await t.ctx.db
        .selectFrom('sandbox_user')
        .selectAll()
        .where('id', '=', created.userId)
        .executeTakeFirstOrThrow();
      const post = await createPost(t.ctx.db, official, { text: 'Road closed on the high street' });
      const { user: member } = await createSandboxUser(t.ctx.db, {
        handle: `pub_${label}_${Date.now() % 100000}`,
        kind: 'public',
      });
      const reply = (text: string) => createPost(t.ctx.db, member, { text, replyToId: post.id });
      return { accountId, reply, member };
    }

    before(async () => {
      t = await startTestApp(kind);
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
      t.ctx.config.publicUrl = baseUrl;
      org = await createOrg(t, 'Polling Police');
    });
    after(() => t?.close());

    test('Sandbox: replies are stored, the cursor advances with them, and a repeat poll stores nothing', async () => {
      const s = await sandboxScene('poll');
      const r1 = await s.reply('first reply from the public');
      const one = await pollAccount(t.ctx, s.accountId);
      assert.deepEqual(one, { stored: 1, pages: 2, error: null });
      const c1 = await cursorOf(t, s.accountId);
      assert.equal(c1?.cursor, r1.id);
      assert.equal(c1?.last_error, null);

      const r2 = await s.reply('second reply');
      const r3 = await s.reply('@someone else and a third');
      const two = await pollAccount(t.ctx, s.accountId);
      assert.equal(two.stored, 2);
      assert.equal((await cursorOf(t, s.accountId))?.cursor, r3.id);
      const again = await pollAccount(t.ctx, s.accountId);
      assert.equal(again.stored, 0);
      const items = await itemsOf(t, s.accountId);
      assert.deepEqual(items.map((i) => i.platform_item_id).sort(), [r1.id, r2.id, r3.id].sort());
      const first = items.find((i) => i.platform_item_id === r1.id)!;
      assert.equal(first.kind, 'reply');
      assert.equal(first.text, 'first reply from the public');
      assert.equal(first.author_handle, s.member.handle);
      assert.equal(JSON.parse(first.raw).id, r1.id, 'the platform payload is kept');
      assert.notEqual(first.classified_at, null);
    });

    test('Mastodon (recorded): 429 waits for the reset with nothing lost; then 200 stores both and the cursor advances once', async () => {
      const exchanges: RecordedExchange[] = JSON.parse(
        readFileSync(new URL('./fixtures/inbound/mastodon-429-then-200.json', import.meta.url), 'utf8'),
      ).exchanges;
      const rec = recordedFetch(exchanges);
      const realFetch = t.ctx.connectorDeps.fetch;
      t.ctx.connectorDeps.fetch = rec.fetch;
      try {
        const accountId = await connectDirect(t, org, 'mastodon', '14715', {
          baseUrl: 'https://social.example',
          handle: 'acme',
          credentials: { accessToken: 'mastodon-access-token-EXAMPLE' },
        });
        const limited = await pollAccount(t.ctx, accountId);
        assert.equal(limited.stored, 0);
        assert.match(limited.error ?? '', /rate limit/);
        const c1 = await cursorOf(t, accountId);
        assert.equal(c1?.cursor, null, 'no cursor yet');
        assert.equal(
          Number(c1?.next_poll_after),
          Date.parse('2099-05-01T10:05:00.123Z'),
          'waits for the reset',
        );
        assert.equal(c1?.failures, 1);

        // The scheduler leaves it alone until the reset has passed.
        const queued = await t.ctx.db
          .selectFrom('job')
          .select('payload')
          .where('type', '=', POLL_ACCOUNT_JOB)
          .execute();
        await schedulePolls(t.ctx);
        const after = await t.ctx.db
          .selectFrom('job')
          .select('payload')
          .where('type', '=', POLL_ACCOUNT_JOB)
          .execute();
        const mine = (rows: Array<{ payload: string }>) =>
          rows.filter((r) => JSON.parse(r.payload).accountId === accountId).length;
        assert.equal(mine(after), mine(queued), 'no poll queued before the reset');

        await t.ctx.db
          .updateTable('inbound_cursor')
          .set({ next_poll_after: Date.now() - 1 })
          .where('account_id', '=', accountId)
          .execute();
        const ok = await pollAccount(t.ctx, accountId);
        assert.equal(ok.stored, 2);
        assert.equal(ok.error, null);
        const c2 = await cursorOf(t, accountId);
        assert.equal(c2?.cursor, '34975861');
        assert.equal(c2?.failures, 0);
        assert.equal(c2?.last_error, null);
        const items = await itemsOf(t, accountId);
        assert.deepEqual(
          items.map((i) => i.platform_item_id),
          ['103186000000000001', '103186126728896492'],
        );
        assert.equal(items.find((i) => i.platform_item_id === '103186126728896492')?.kind, 'reply');
        rec.assertDone();
      } finally {
        t.ctx.connectorDeps.fetch = realFetch;
      }
    });

    test('the periodic run polls every due account; a broken one is recorded and does not stop the others', async () => {
      const good = await sandboxScene('good');
      const broken = await sandboxScene('broken');
      // Nothing listens on port 9: every call from the broken account fails at the network.
      await t.ctx.db
        .updateTable('social_account')
        .set({ base_url: 'http://127.0.0.1:9' })
        .where('id', '=', broken.accountId)
        .execute();
      await good.reply('good account reply');
      await broken.reply('unreachable reply');
      await t.ctx.db
        .updateTable('inbound_cursor')
        .set({ next_poll_after: Date.now() + 3_600_000 })
        .execute();
      await t.ctx.db
        .deleteFrom('inbound_cursor')
        .where('account_id', 'in', [good.accountId, broken.accountId])
        .execute();
      const queued = await schedulePolls(t.ctx);
      assert.ok(queued >= 2, `queued ${queued}`);
      const worker = makeWorker(t, Object.fromEntries(t.ctx.jobHandlers));
      await worker.drain();
      assert.equal((await itemsOf(t, good.accountId)).length, 1);
      assert.equal((await itemsOf(t, broken.accountId)).length, 0);
      const bad = await cursorOf(t, broken.accountId);
      assert.ok(bad?.last_error, 'the failure is recorded');
      assert.equal(bad?.failures, 1);
      assert.ok(Number(bad?.next_poll_after) > Date.now(), 'backs off');
      assert.equal((await cursorOf(t, good.accountId))?.last_error, null);
      // The same slot is not queued twice.
      assert.equal(await schedulePolls(t.ctx), 0);
    });

    test('POST /api/v1/accounts/:id/poll queues a poll for admin/comms/moderator, refuses authors, is audited', async () => {
      const s = await sandboxScene('ondemand');
      await s.reply('please look at this now');
      const moderator = await addUser(t, org.orgId, ['moderator']);
      const author = await addUser(t, org.orgId, ['author']);
      const res = await as(t, await signIn(t, moderator.email))(
        'POST',
        `/api/v1/accounts/${s.accountId}/poll`,
      );
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.json().accountId, s.accountId);
      assert.ok(res.json().jobId);
      const refused = await as(t, await signIn(t, author.email))(
        'POST',
        `/api/v1/accounts/${s.accountId}/poll`,
      );
      assert.equal(refused.statusCode, 403);
      const missing = await as(t, await signIn(t, org.adminEmail))(
        'POST',
        '/api/v1/accounts/00000000-0000-4000-8000-000000000000/poll',
      );
      assert.equal(missing.statusCode, 404);
      const worker = makeWorker(t, Object.fromEntries(t.ctx.jobHandlers));
      await worker.drain();
      assert.equal((await itemsOf(t, s.accountId)).length, 1);
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select(['action', 'target_id'])
        .where('org_id', '=', org.orgId)
        .where('action', '=', 'inbound.poll_requested')
        .execute();
      assert.deepEqual(audit, [{ action: 'inbound.poll_requested', target_id: s.accountId }]);
    });

    test('accounts whose platform pushes by a configured webhook are not polled (409 poll_unsupported on demand)', async () => {
      const other = await startTestApp(kind, { PARAPET_X_CONSUMER_SECRET: 'x-consumer-secret-EXAMPLE' });
      try {
        const o = await createOrg(other, 'Webhook only');
        const id = await connectDirect(other, o, 'x', '1500000000000000000');
        const res = await as(other, await signIn(other, o.adminEmail))('POST', `/api/v1/accounts/${id}/poll`);
        assert.equal(res.statusCode, 409);
        assert.equal(res.json().error.code, 'poll_unsupported');
        assert.equal(await schedulePolls(other.ctx), 0);
      } finally {
        await other.close();
      }
    });
  });
}
