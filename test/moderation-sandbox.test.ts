// Moderation end to end on the built-in Sandbox, through the real poller: an abusive reply is hidden on the
// platform automatically (and unhidden again), a welfare message is queued with an urgent alert and NOT hidden,
// repeats are ignored; plus the item API (filters, visibility, raw payload, actions) and time-to-act.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pollAccount } from '../src/modules/inbound/poller.js';
import { createSandboxOfficialAccount } from '../src/sandbox/accounts.js';
import { createPost, createSandboxUser } from '../src/sandbox/service.js';
import {
  addUser,
  as,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect } from './helpers/inbound.js';
import { actionJobsOf, activeDictionary, drainActions, eventsOf, itemById } from './helpers/moderation.js';

for (const kind of testDbKinds) {
  describe(`moderation on the Sandbox (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let baseUrl: string;
    let accountId: string;
    let reply: (text: string) => Promise<{ id: string }>;

    const itemOf = async (platformItemId: string) =>
      t.ctx.db
        .selectFrom('inbound_item')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('platform_item_id', '=', platformItemId)
        .executeTakeFirstOrThrow();
    const sandboxPost = (id: string) =>
      t.ctx.db.selectFrom('sandbox_post').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp(kind);
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
      t.ctx.config.publicUrl = baseUrl;
      await createOrg(t, 'First'); // the first organisation gets the starter dictionaries; ours has only its own
      org = await createOrg(t, 'Moderation Police');
      admin = await signIn(t, org.adminEmail);
      await activeDictionary(t, admin, {
        name: 'insults',
        category: 'insult',
        action: 'hide',
        severity: 'high',
        terms: ['zorblax'],
      });
      await activeDictionary(t, admin, {
        name: 'welfare-signs',
        category: 'welfare',
        action: 'hide', // the safeguarding lane must override this
        severity: 'critical',
        terms: ['end it all tonight'],
      });
      const created = await createSandboxOfficialAccount(t.ctx, { handle: `mod_${Date.now() % 100000}` });
      accountId = await connectDirect(t, org, 'sandbox', created.userId, {
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
        handle: `pub_${Date.now() % 100000}`,
        kind: 'public',
      });
      reply = (text) => createPost(t.ctx.db, member, { text, replyToId: post.id });
    });
    after(() => t?.close());

    test('an abusive reply is hidden on the Sandbox automatically, then unhidden by a person', async () => {
      const r = await reply('you absolute ZORBLAX');
      assert.equal((await pollAccount(t.ctx, accountId)).stored, 1);
      const item = await itemOf(r.id);
      assert.equal(item.status, 'action_pending');
      assert.deepEqual(JSON.parse(item.categories), ['insult']);
      assert.notEqual(item.classified_at, null);
      assert.notEqual(item.action_issued_at, null);
      assert.equal((await sandboxPost(r.id)).hidden, 0, 'not before the job ran');

      assert.equal(await drainActions(t), 1);
      assert.equal((await sandboxPost(r.id)).hidden, 1, 'hidden on the platform');
      const hidden = await itemById(t, item.id);
      assert.equal(hidden.status, 'auto_hidden');
      assert.ok(Number(hidden.action_confirmed_at) >= Number(hidden.action_issued_at));
      assert.deepEqual(
        (await eventsOf(t, item.id)).map((e) => [e.type, e.action]),
        [
          ['classified', null],
          ['action_requested', 'hide'],
          ['action_succeeded', 'hide'],
        ],
      );

      const view = await as(t, admin)('GET', `/api/v1/inbound/${item.id}`);
      assert.equal(view.statusCode, 200, view.body);
      const body = view.json();
      assert.deepEqual(
        body.matches.map((m: { text: string; term: string }) => [m.term, m.text]),
        [['zorblax', 'ZORBLAX']],
      );
      assert.equal(body.derived.status, 'auto_hidden');
      assert.equal(body.derived.hidden, true);
      assert.equal(body.raw.id, r.id, 'admins see the raw payload');

      const unhide = await as(t, admin)('POST', `/api/v1/inbound/${item.id}/unhide`, {
        reason: 'not abuse in context',
      });
      assert.equal(unhide.statusCode, 202, unhide.body);
      assert.deepEqual(unhide.json().requested, ['unhide']);
      assert.equal(await drainActions(t), 1);
      assert.equal((await sandboxPost(r.id)).hidden, 0, 'visible again');
      assert.equal((await itemById(t, item.id)).status, 'restored');
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('target_id', '=', item.id)
        .execute();
      assert.ok(audited.some((a) => a.action === 'moderation.action_requested'));
    });

    test('a welfare message is queued first with an urgent alert and an SLA, and is not hidden', async () => {
      const before = Date.now();
      const r = await reply('i just want to end it all tonight');
      await pollAccount(t.ctx, accountId);
      const item = await itemOf(r.id);
      assert.equal(item.status, 'queued');
      assert.equal(Number(item.safeguarding), 1);
      assert.ok(Number(item.priority) >= 100);
      const due = Number(item.due_at);
      assert.ok(due >= before + 15 * 60_000 - 1000 && due <= Date.now() + 15 * 60_000, `due_at ${due}`);
      assert.deepEqual(await actionJobsOf(t, item.id), [], 'no hide was requested');
      assert.equal(await drainActions(t), 0);
      assert.equal((await sandboxPost(r.id)).hidden, 0);
      const alerts = await t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('subject_id', '=', item.id)
        .execute();
      assert.deepEqual(
        alerts.map((a) => [a.kind, a.severity]),
        [['safeguarding.item', 'urgent']],
      );
      const classified = (await eventsOf(t, item.id)).find((e) => e.type === 'classified')!;
      assert.deepEqual(JSON.parse(classified.detail).withheld, ['hide']);
      const list = await as(t, admin)('GET', '/api/v1/inbound?safeguarding=true');
      assert.deepEqual(
        list.json().items.map((i: { id: string }) => i.id),
        [item.id],
      );
    });

    test('the same reply polled again is ignored: one item, one action', async () => {
      const r = await reply('zorblax again');
      await pollAccount(t.ctx, accountId);
      // Make the poller read the same page again, as after a crash before the cursor moved.
      await t.ctx.db
        .updateTable('inbound_cursor')
        .set({ cursor: null })
        .where('account_id', '=', accountId)
        .execute();
      assert.equal((await pollAccount(t.ctx, accountId)).stored, 0);
      const item = await itemOf(r.id);
      assert.equal((await actionJobsOf(t, item.id)).length, 1);
      assert.equal((await eventsOf(t, item.id)).filter((e) => e.type === 'classified').length, 1);
      await drainActions(t);
      assert.equal((await sandboxPost(r.id)).hidden, 1);
    });

    test('item API: filters, pagination, who may see, raw only for admin/auditor, actions refused', async () => {
      const list = await as(t, admin)('GET', '/api/v1/inbound?category=insult&limit=1');
      assert.equal(list.statusCode, 200, list.body);
      const page1 = list.json();
      assert.equal(page1.items.length, 1);
      assert.ok(page1.nextCursor);
      const page2 = (
        await as(t, admin)('GET', `/api/v1/inbound?category=insult&limit=1&cursor=${page1.nextCursor}`)
      ).json();
      assert.equal(page2.items.length, 1);
      assert.notEqual(page2.items[0].id, page1.items[0].id);
      assert.equal(page2.nextCursor, null);
      const restored = (await as(t, admin)('GET', '/api/v1/inbound?status=restored')).json().items;
      assert.equal(restored.length, 1);
      const bad = await as(t, admin)('GET', '/api/v1/inbound?cursor=nonsense');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'bad_cursor');

      const itemId = page1.items[0].id as string;
      const moderator = await signIn(t, (await addUser(t, org.orgId, ['moderator'])).email);
      const modView = (await as(t, moderator)('GET', `/api/v1/inbound/${itemId}`)).json();
      assert.equal(modView.id, itemId);
      assert.equal('raw' in modView, false, 'moderators do not get the raw payload');
      const auditor = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
      assert.ok('raw' in (await as(t, auditor)('GET', `/api/v1/inbound/${itemId}`)).json());
      const auditorAct = await as(t, auditor)('POST', `/api/v1/inbound/${itemId}/actions`, {
        action: 'hide',
        reason: 'x',
      });
      assert.equal(auditorAct.statusCode, 403);

      const authorUser = await addUser(t, org.orgId, ['author']);
      const author = await signIn(t, authorUser.email);
      assert.deepEqual((await as(t, author)('GET', '/api/v1/inbound')).json().items, []);
      assert.equal((await as(t, author)('GET', `/api/v1/inbound/${itemId}`)).statusCode, 403);
      const grant = await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/${authorUser.id}`, {
        permissions: ['view', 'moderate'],
      });
      assert.equal(grant.statusCode, 200, grant.body);
      assert.ok((await as(t, author)('GET', '/api/v1/inbound')).json().items.length >= 3);
      assert.equal((await as(t, author)('GET', `/api/v1/inbound/${itemId}`)).statusCode, 200);

      const unknown = await as(t, admin)('POST', `/api/v1/inbound/${itemId}/actions`, {
        action: 'allow',
        reason: 'x',
      });
      assert.equal(unknown.statusCode, 400);
      const noReason = await as(t, admin)('POST', `/api/v1/inbound/${itemId}/actions`, { action: 'hide' });
      assert.equal(noReason.statusCode, 400);
      const missing = await as(t, admin)('GET', '/api/v1/inbound/00000000-0000-4000-8000-000000000000');
      assert.equal(missing.statusCode, 404);
    });

    test('a person deletes a reply: archived first, removed on the Sandbox, status deleted', async () => {
      const r = await reply('a reply to delete');
      await pollAccount(t.ctx, accountId);
      const item = await itemOf(r.id);
      assert.equal(item.status, 'clear');
      const res = await as(t, admin)('POST', `/api/v1/inbound/${item.id}/actions`, {
        action: 'delete',
        reason: 'doxxing',
      });
      assert.equal(res.statusCode, 202, res.body);
      await drainActions(t);
      assert.notEqual((await sandboxPost(r.id)).deleted_at, null);
      const after = await itemById(t, item.id);
      assert.equal(after.status, 'deleted');
      assert.equal(JSON.parse(after.raw).id, r.id, 'the archive keeps it');
    });

    test('time to act: p50/p95 per account and category, from platform time and from receipt', async () => {
      const res = await as(t, admin)(
        'GET',
        `/api/v1/inbound/time-to-act?accountId=${accountId}&category=insult`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const groups = res.json().groups as Array<{
        category: string;
        items: number;
        fromPlatform: Record<string, { count: number; p50: number | null }>;
        fromReceived: Record<string, { count: number; p50: number | null; p95: number | null }>;
      }>;
      assert.equal(groups.length, 1);
      const g = groups[0]!;
      assert.equal(g.category, 'insult');
      assert.equal(g.items, 2);
      assert.equal(g.fromReceived.actionConfirmed?.count, 2);
      assert.ok((g.fromReceived.actionConfirmed?.p50 ?? -1) >= 0);
      assert.ok((g.fromReceived.actionConfirmed?.p95 ?? -1) >= (g.fromReceived.actionConfirmed?.p50 ?? 0));
      assert.equal(g.fromReceived.humanDecision?.count, 0);
      assert.equal(g.fromPlatform.received?.count, 2);
    });
  });
}
