// Moderation policy through the API and the ingestion path: organisation settings (overrides, SLAs, flood
// thresholds) with validation and permissions, escalation alerts, floods and spam with deduplicated alerts,
// per-term match counters, and retries that run out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../src/modules/audit/actor.js';
import { appendModerationEvent, type NewModerationEvent } from '../src/modules/moderation/api.js';
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
import { makeWorker, readJob } from './helpers/jobs.js';
import { actionJobsOf, activeDictionary, eventsOf, inbound, ingest, itemById } from './helpers/moderation.js';

const SETTINGS = {
  safeguardingCategories: ['missing_person'],
  safeguardingSlaMinutes: 10,
  escalationSlaMinutes: 30,
  reviewSlaMinutes: 120,
  categoryActions: { insult: 'review' },
  flood: {
    authorWindowMinutes: 10,
    authorMaxMessages: 2,
    duplicateWindowMinutes: 30,
    duplicateMinAuthors: 3,
    maxLinks: 1,
    action: 'review',
    alert: true,
  },
};

for (const kind of testDbKinds) {
  describe(`moderation policy (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let acct: { id: string; org_id: string; platform: string };
    const alertsOf = (kindName: string) =>
      t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('org_id', '=', org.orgId)
        .where('kind', '=', kindName)
        .execute();

    before(async () => {
      t = await startTestApp(kind);
      await createOrg(t, 'First');
      org = await createOrg(t, 'Policy Police');
      admin = await signIn(t, org.adminEmail);
      await activeDictionary(t, admin, {
        name: 'insults',
        category: 'insult',
        action: 'hide',
        severity: 'high',
        terms: ['zorblax'],
      });
      await activeDictionary(t, admin, {
        name: 'bribes',
        category: 'corruption',
        action: 'escalate',
        severity: 'high',
        terms: ['brown envelope'],
      });
      await activeDictionary(t, admin, {
        name: 'missing',
        category: 'missing_person',
        action: 'record',
        severity: 'high',
        terms: ['has gone missing'],
      });
      acct = { id: await connectDirect(t, org, 'x', '990001'), org_id: org.orgId, platform: 'x' };
    });
    after(() => t?.close());

    test('settings: defaults, admin-only replace with validation, audited', async () => {
      const defaults = (await as(t, admin)('GET', '/api/v1/moderation/settings')).json();
      assert.equal(defaults.safeguardingSlaMinutes, 15);
      assert.deepEqual(defaults.safeguardingCategories, ['welfare', 'threat']);
      const moderator = await signIn(t, (await addUser(t, org.orgId, ['moderator'])).email);
      assert.equal((await as(t, moderator)('GET', '/api/v1/moderation/settings')).statusCode, 200);
      assert.equal((await as(t, moderator)('PUT', '/api/v1/moderation/settings', SETTINGS)).statusCode, 403);
      const bad = await as(t, admin)('PUT', '/api/v1/moderation/settings', {
        ...SETTINGS,
        categoryActions: { insult: 'obliterate' },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      const zero = await as(t, admin)('PUT', '/api/v1/moderation/settings', {
        ...SETTINGS,
        safeguardingSlaMinutes: 0,
      });
      assert.equal(zero.statusCode, 400);
      const ok = await as(t, admin)('PUT', '/api/v1/moderation/settings', SETTINGS);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json().safeguardingCategories, ['welfare', 'threat', 'missing_person']);
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('org_id', '=', org.orgId)
        .where('action', '=', 'moderation.settings_changed')
        .execute();
      assert.equal(audited.length, 1);
    });

    test('a category override replaces the dictionary action: insult is queued, not hidden', async () => {
      const [row] = await ingest(t, acct, [inbound('zorblax', { authorId: 'o1' })]);
      assert.ok(row);
      const item = await itemById(t, row.id);
      assert.equal(item.status, 'queued');
      assert.deepEqual(await actionJobsOf(t, row.id), []);
      assert.ok(Number(item.due_at) - Number(item.received_at) >= 120 * 60_000 - 5_000);
      const stat = await t.ctx.db
        .selectFrom('dictionary_term_stat')
        .select(['term', 'matches'])
        .where('org_id', '=', org.orgId)
        .where('term', '=', 'zorblax')
        .executeTakeFirst();
      assert.equal(Number(stat?.matches), 1, 'per-term counter');
    });

    test('an org-configured safeguarding category takes the safeguarding lane with its SLA', async () => {
      const [row] = await ingest(t, acct, [inbound('my dad has gone missing', { authorId: 'o2' })]);
      const item = await itemById(t, row!.id);
      assert.equal(Number(item.safeguarding), 1);
      assert.equal(item.status, 'queued');
      assert.ok(Number(item.due_at) - Number(item.received_at) <= 10 * 60_000);
      assert.equal((await alertsOf('safeguarding.item')).length, 1);
    });

    test('escalate: queued high with an alert', async () => {
      const [row] = await ingest(t, acct, [inbound('there is a brown envelope for you', { authorId: 'o3' })]);
      const item = await itemById(t, row!.id);
      assert.equal(item.status, 'queued');
      assert.ok(Number(item.priority) >= 60);
      assert.equal((await alertsOf('moderation.escalated')).length, 1);
    });

    test('one author flooding: queued as flood, one alert per window', async () => {
      const burst = [1, 2, 3, 4].map((n) =>
        inbound(`message number ${n} from the flooder`, { authorId: 'flooder' }),
      );
      for (const item of burst) await ingest(t, acct, [item]);
      const rows = await t.ctx.db
        .selectFrom('inbound_item')
        .selectAll()
        .where('author_platform_id', '=', 'flooder')
        .orderBy('received_at')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.status),
        ['clear', 'clear', 'queued', 'queued'],
      );
      assert.deepEqual(JSON.parse(rows[2]!.categories), ['flood']);
      const floods = (await alertsOf('inbound.flood')).filter((a) => JSON.parse(a.detail).signal === 'flood');
      assert.equal(floods.length, 1, 'deduplicated per window');
    });

    test('the same text from many authors, and link-heavy messages', async () => {
      const text = 'Resign now! Everyone knows the truth about this force.';
      const copies = ['c1', 'c2', 'c3'].map((a) =>
        inbound(a === 'c2' ? text.toUpperCase() : text, { authorId: a }),
      );
      for (const item of copies) await ingest(t, acct, [item]);
      const rows = await t.ctx.db
        .selectFrom('inbound_item')
        .selectAll()
        .where('author_platform_id', 'in', ['c1', 'c2', 'c3'])
        .orderBy('received_at')
        .execute();
      assert.deepEqual(
        rows.map((r) => JSON.parse(r.categories)),
        [[], [], ['duplicate_text']],
      );
      assert.equal(
        (await alertsOf('inbound.flood')).filter((a) => JSON.parse(a.detail).signal === 'duplicate_text')
          .length,
        1,
      );
      const [spam] = await ingest(t, acct, [
        inbound('win https://a.example/1 and https://b.example/2', { authorId: 'l1' }),
      ]);
      assert.deepEqual(JSON.parse((await itemById(t, spam!.id)).categories), ['link_spam']);
      const listed = (await as(t, admin)('GET', '/api/v1/inbound?category=link_spam')).json().items;
      assert.deepEqual(
        listed.map((i: { id: string }) => i.id),
        [spam!.id],
        'the underscore is not a wildcard',
      );
      assert.deepEqual((await as(t, admin)('GET', '/api/v1/inbound?category=link%25spam')).json().items, []);
    });

    test('the event log: status cache, assignment and decided_at only on the first human decision', async () => {
      const [row] = await ingest(t, acct, [inbound('a perfectly polite question', { authorId: 'e1' })]);
      const item = await itemById(t, row!.id);
      assert.equal(item.status, 'clear');
      const person = {
        actor: { type: 'user' as const, id: org.adminId, label: org.adminEmail },
        ip: null,
        requestId: null,
      };
      const append = (actx: typeof person | ReturnType<typeof systemContext>, e: NewModerationEvent) =>
        t.ctx.db.transaction().execute((trx) => appendModerationEvent(t.ctx, trx, item, actx, e));
      await append(systemContext('test'), { type: 'queued', detail: { dueAt: 123 } });
      await append(systemContext('test'), { type: 'decision', action: 'allow' });
      assert.equal((await itemById(t, item.id)).decided_at, null, 'a system decision is not a human one');
      await append(systemContext('test'), { type: 'queued' });
      await append(person, { type: 'claimed' });
      let now = await itemById(t, item.id);
      assert.deepEqual([now.status, now.assigned_to], ['in_review', org.adminId]);
      await append(person, { type: 'decision', action: 'allow', note: 'fine' });
      now = await itemById(t, item.id);
      assert.equal(now.status, 'allowed');
      assert.equal(now.assigned_to, null);
      const decidedAt = Number(now.decided_at);
      assert.ok(decidedAt > 0);
      await append(person, { type: 'queued' });
      await append(person, { type: 'decision', action: 'allow' });
      assert.equal(Number((await itemById(t, item.id)).decided_at), decidedAt, 'first decision only');
      const events = await eventsOf(t, item.id);
      const times = events.map((e) => Number(e.created_at));
      assert.deepEqual(
        [...times].sort((a, b) => a - b),
        times,
        'strictly ordered',
      );
      assert.equal(new Set(times).size, times.length);
    });

    test('never delete what was not archived: policy hides instead and says so; a person gets a 400', async () => {
      await activeDictionary(t, admin, {
        name: 'slurs',
        category: 'slur',
        action: 'delete',
        severity: 'critical',
        terms: ['grobnitz'],
      });
      const sb = {
        id: await connectDirect(t, org, 'sandbox', 'sb-unarchived', { credentials: { token: 'x' } }),
        org_id: org.orgId,
        platform: 'sandbox',
      };
      const [kept] = await ingest(t, sb, [inbound('grobnitz', { authorId: 'd1' })]);
      assert.deepEqual(
        (await eventsOf(t, kept!.id)).filter((e) => e.type === 'action_requested').map((e) => e.action),
        ['delete'],
      );
      const [bare] = await ingest(t, sb, [inbound('grobnitz', { authorId: 'd2', raw: undefined })]);
      assert.equal((await itemById(t, bare!.id)).raw, 'null');
      const events = await eventsOf(t, bare!.id);
      assert.deepEqual(
        events.filter((e) => e.type === 'action_requested').map((e) => e.action),
        ['hide'],
      );
      assert.match(events.find((e) => e.type === 'action_fallback')?.note ?? '', /not archived/);
      const res = await as(t, admin)('POST', `/api/v1/inbound/${bare!.id}/actions`, {
        action: 'delete',
        reason: 'slur',
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'not_archived');
    });

    test('a platform that keeps failing: after the last attempt the action fails, is queued and alerted', async () => {
      await as(t, admin)('PUT', '/api/v1/moderation/settings', { ...SETTINGS, categoryActions: {} });
      const failing: typeof fetch = async () =>
        new Response('{"title":"Service Unavailable"}', { status: 503 });
      const realFetch = t.ctx.connectorDeps.fetch;
      t.ctx.connectorDeps.fetch = failing;
      try {
        const [row] = await ingest(t, acct, [
          inbound('zorblax', { id: '1800000000000000077', authorId: 'f1' }),
        ]);
        const [job] = await actionJobsOf(t, row!.id);
        const worker = makeWorker(t, Object.fromEntries(t.ctx.jobHandlers), { concurrency: 1 });
        for (let i = 0; i < 6; i++) {
          await t.ctx.db
            .updateTable('job')
            .set({ run_after: Date.now() - 1 })
            .where('id', '=', job!.id)
            .execute();
          await worker.drain();
        }
        assert.equal((await readJob(t, job!.id)).attempts, 6);
        const item = await itemById(t, row!.id);
        assert.equal(item.status, 'action_failed');
        assert.deepEqual((await eventsOf(t, row!.id)).map((e) => e.type).slice(-2), [
          'action_failed',
          'queued',
        ]);
        assert.equal(
          (await alertsOf('moderation.action_failed')).filter((a) => a.subject_id === row!.id).length,
          1,
        );
      } finally {
        t.ctx.connectorDeps.fetch = realFetch;
      }
    });
  });
}
