// Claiming, assigning, deciding and signing off review items; precision counters; SLA breach alerts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '../src/ids.js';
import { checkSlaBreaches, SLA_CHECK_JOB } from '../src/modules/review/sla-job.js';
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
import { eventsOf, grant, insertAccount, insertItem, jobsFor } from './helpers/review-fixtures.js';

const MIN = 60_000;

for (const kind of testDbKinds) {
  describe(`review decisions (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let acc: string;
    let mod1: Session;
    let mod2: Session;
    let mod1Id: string;
    let mod1Email: string;
    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      acc = await insertAccount(t, org.orgId);
      const m1 = await addUser(t, org.orgId, ['moderator']);
      mod1Id = m1.id;
      mod1Email = m1.email;
      mod1 = await signIn(t, m1.email);
      mod2 = await signIn(t, (await addUser(t, org.orgId, ['moderator'])).email);
    });
    after(() => t.close());

    const post = (s: Session, itemId: string, action: string, body?: unknown) =>
      as(t, s)('POST', `/api/v1/review/items/${itemId}/${action}`, body);
    const statusOf = async (itemId: string) =>
      (
        await t.ctx.db
          .selectFrom('inbound_item')
          .select('status')
          .where('id', '=', itemId)
          .executeTakeFirstOrThrow()
      ).status;

    test('claim: one holder at a time, 409 names the holder; release by holder; events recorded', async () => {
      const item = await insertItem(t, org.orgId, acc);
      const first = await post(mod1, item, 'claim');
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().status, 'in_review');
      assert.equal(first.json().assignedTo.id, mod1Id);
      const second = await post(mod2, item, 'claim');
      assert.equal(second.statusCode, 409);
      assert.equal(second.json().error.code, 'already_claimed');
      assert.ok(second.json().error.message.includes(mod1Email), second.body);
      assert.equal((await post(mod1, item, 'claim')).statusCode, 200, 'claiming again is a no-op');
      assert.equal((await post(mod2, item, 'release')).statusCode, 403);
      const released = await post(mod1, item, 'release');
      assert.equal(released.statusCode, 200);
      assert.equal(released.json().status, 'queued');
      assert.equal(released.json().assignedTo, null);
      assert.equal((await post(mod1, item, 'release')).json().error.code, 'not_claimed');
      assert.equal((await post(mod2, item, 'claim')).statusCode, 200);
      const types = (await eventsOf(t, item)).map((e) => e.type);
      assert.deepEqual(types, ['classified', 'queued', 'claimed', 'released', 'claimed']);
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('target_id', '=', item)
        .execute();
      assert.equal(audited.filter((a) => a.action === 'moderation.claimed').length, 2);
    });

    test('concurrent claims: exactly one wins', async () => {
      const item = await insertItem(t, org.orgId, acc);
      const results = await Promise.all([post(mod1, item, 'claim'), post(mod2, item, 'claim')]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
      assert.equal((await eventsOf(t, item)).filter((e) => e.type === 'claimed').length, 1);
    });

    test('assign: only to people who may moderate the account; reassigning a held item is for leads', async () => {
      const item = await insertItem(t, org.orgId, acc);
      const writer = await addUser(t, org.orgId, ['author']);
      await grant(t, org.orgId, writer.id, acc, ['view', 'reply']);
      const granted = await addUser(t, org.orgId, ['author']);
      await grant(t, org.orgId, granted.id, acc, ['view', 'moderate']);
      const outsider = await createOrg(t);
      for (const userId of [writer.id, outsider.adminId, newId()]) {
        const res = await post(mod1, item, 'assign', { userId });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().error.code, 'assignee_cannot_moderate');
      }
      const ok = await post(mod1, item, 'assign', { userId: granted.id });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().assignedTo.id, granted.id);
      const taken = await post(mod2, item, 'assign', { userId: mod1Id });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().error.code, 'already_claimed');
      const lead = await post(admin, item, 'assign', { userId: mod1Id });
      assert.equal(lead.statusCode, 200);
      assert.equal(lead.json().assignedTo.id, mod1Id);
      const assigned = (await eventsOf(t, item)).filter((e) => e.type === 'assigned');
      assert.equal(assigned.length, 2);
      // The granted author now works the item: they may decide on it.
      const g = await signIn(t, granted.email);
      const d = await post(g, item, 'decide', { decision: 'allow' });
      assert.equal(d.statusCode, 409, 'someone else (mod1) holds it now');
    });

    test('each decision appends a decision event and requests the platform action through the job table', async () => {
      for (const decision of ['hide', 'delete', 'block'] as const) {
        const item = await insertItem(t, org.orgId, acc);
        const res = await post(mod1, item, 'decide', { decision, note: `looks bad (${decision})` });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().decision, decision);
        assert.equal(res.json().status, 'action_pending');
        const events = await eventsOf(t, item);
        const d = events.find((e) => e.type === 'decision');
        assert.equal(d?.action, decision);
        assert.equal(d?.actor_id, mod1Id);
        assert.equal(d?.note, `looks bad (${decision})`);
        assert.ok(events.some((e) => e.type === 'action_requested' && e.action === decision));
        assert.deepEqual(
          (await jobsFor(t, item)).map((j) => j.action),
          [decision],
        );
        assert.ok(!(await as(t, mod1)('GET', '/api/v1/review/queue')).body.includes(item), 'left the queue');
        const again = await post(mod2, item, 'decide', { decision: 'allow' });
        assert.equal(again.statusCode, 409);
        assert.equal(again.json().error.code, 'not_in_queue');
      }
      const allowed = await insertItem(t, org.orgId, acc);
      const res = await post(mod1, allowed, 'decide', { decision: 'allow' });
      assert.equal(res.json().status, 'allowed');
      assert.deepEqual(await jobsFor(t, allowed), []);
      const escalated = await insertItem(t, org.orgId, acc);
      const esc = await post(mod1, escalated, 'decide', {
        decision: 'escalate',
        note: 'for the duty inspector',
      });
      assert.equal(esc.json().status, 'escalated');
      assert.deepEqual(await jobsFor(t, escalated), []);
      assert.ok((await as(t, mod2)('GET', '/api/v1/review/queue?status=escalated')).body.includes(escalated));
      // Nobody holds it (the escalating reviewer never claimed it): the senior decides directly.
      const senior = await post(admin, escalated, 'decide', { decision: 'hide' });
      assert.equal(senior.statusCode, 200, senior.body);
      assert.equal(senior.json().status, 'action_pending');
    });

    test('allowing an item that policy hid requests unhide', async () => {
      const item = await insertItem(t, org.orgId, acc);
      const { appendModerationEvent } = await import('../src/modules/moderation/api.js');
      const { systemContext } = await import('../src/modules/audit/actor.js');
      await t.ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('inbound_item')
          .selectAll()
          .where('id', '=', item)
          .executeTakeFirstOrThrow();
        const reqId = await appendModerationEvent(t.ctx, trx, row, systemContext('policy'), {
          type: 'action_requested',
          action: 'hide',
          detail: { bySystem: true },
        });
        await appendModerationEvent(t.ctx, trx, row, systemContext('worker'), {
          type: 'action_succeeded',
          action: 'hide',
          detail: { requestEventId: reqId, bySystem: true },
        });
      });
      const res = await post(mod1, item, 'decide', { decision: 'allow', note: 'banter' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        (await jobsFor(t, item)).map((j) => j.action),
        ['unhide'],
      );
    });

    test('sign-off: the decider cannot approve their own; another person approves → action; refusal → back to queue', async () => {
      const o = await createOrg(t);
      const a = await signIn(t, o.adminEmail);
      const account = await insertAccount(t, o.orgId);
      const m1 = await signIn(t, (await addUser(t, o.orgId, ['moderator'])).email);
      const m2 = await signIn(t, (await addUser(t, o.orgId, ['moderator'])).email);
      assert.equal(
        (await as(t, a)('PUT', '/api/v1/review/settings', { signoffFor: ['delete', 'block'] })).statusCode,
        200,
      );
      const item = await insertItem(t, o.orgId, account);
      const decided = await post(m1, item, 'decide', { decision: 'delete', note: 'threatening' });
      assert.equal(decided.statusCode, 200, decided.body);
      assert.equal(decided.json().status, 'awaiting_signoff');
      assert.equal(decided.json().signoffAction, 'delete');
      assert.deepEqual(await jobsFor(t, item), [], 'nothing happens on the platform before sign-off');
      const own = await post(m1, item, 'signoff', { approve: true });
      assert.equal(own.statusCode, 403);
      assert.equal(own.json().error.code, 'own_decision');
      assert.equal(
        (await post(m2, item, 'decide', { decision: 'allow' })).json().error.code,
        'awaiting_signoff',
      );
      assert.equal((await post(m2, item, 'claim')).statusCode, 409);
      const approved = await post(m2, item, 'signoff', { approve: true, note: 'agreed' });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().status, 'action_pending');
      assert.deepEqual(
        (await jobsFor(t, item)).map((j) => j.action),
        ['delete'],
      );
      assert.equal(
        (await post(m2, item, 'signoff', { approve: true })).json().error.code,
        'not_awaiting_signoff',
      );

      const other = await insertItem(t, o.orgId, account);
      assert.equal(
        (await post(m1, other, 'decide', { decision: 'block' })).json().status,
        'awaiting_signoff',
      );
      const noNote = await post(m2, other, 'signoff', { approve: false });
      assert.equal(noNote.statusCode, 400);
      assert.equal(noNote.json().error.code, 'note_required');
      const refused = await post(m2, other, 'signoff', { approve: false, note: 'not serious enough' });
      assert.equal(refused.statusCode, 200, refused.body);
      assert.equal(refused.json().status, 'queued', refused.body);
      assert.equal(refused.json().assignedTo, null);
      assert.deepEqual(await jobsFor(t, other), []);
      assert.ok((await as(t, m1)('GET', '/api/v1/review/queue')).body.includes(other), 'back in the queue');
      const types = (await eventsOf(t, other)).map((e) => e.type);
      assert.deepEqual(types.slice(-4), ['decision', 'signoff_requested', 'signoff_refused', 'released']);
      // Hide needs no sign-off.
      assert.equal((await post(m1, other, 'decide', { decision: 'hide' })).json().status, 'action_pending');
    });

    test('precision counters: allow rejects, hide confirms, once per item and term; sign-off counts on approval', async () => {
      const o = await createOrg(t);
      const a = await signIn(t, o.adminEmail);
      const account = await insertAccount(t, o.orgId);
      const m1 = await signIn(t, (await addUser(t, o.orgId, ['moderator'])).email);
      const dictId = newId();
      await t.ctx.db
        .insertInto('dictionary')
        .values({
          id: dictId,
          org_id: o.orgId,
          name: 'abuse',
          active_version: 1,
          latest_version: 1,
          archived_at: null,
          created_at: 1,
          updated_at: 1,
        })
        .execute();
      const stats = async () => {
        const rows = await t.ctx.db
          .selectFrom('dictionary_term_stat')
          .selectAll()
          .where('dictionary_id', '=', dictId)
          .execute();
        return Object.fromEntries(
          rows.map((r) => [r.term, [Number(r.decisions_confirmed), Number(r.decisions_rejected)]]),
        );
      };
      const matches = [
        { dictionary: 'abuse', category: 'abuse', term: 'scumbag', start: 0, end: 7 },
        { dictionary: 'abuse', category: 'abuse', term: 'scumbag', start: 12, end: 19 },
        { dictionary: 'abuse', category: 'abuse', term: 'idiot', start: 24, end: 29 },
        { dictionary: 'gone', category: 'abuse', term: 'x', start: 0, end: 1 },
      ];
      const i1 = await insertItem(t, o.orgId, account, { matches });
      await post(m1, i1, 'decide', { decision: 'allow' });
      assert.deepEqual(await stats(), { scumbag: [0, 1], idiot: [0, 1] });
      const i2 = await insertItem(t, o.orgId, account, { matches });
      await post(m1, i2, 'decide', { decision: 'escalate' });
      assert.deepEqual(await stats(), { scumbag: [1, 1], idiot: [1, 1] });
      await post(m1, i2, 'decide', { decision: 'hide' });
      assert.deepEqual(
        await stats(),
        { scumbag: [1, 1], idiot: [1, 1] },
        'an escalated item is not counted twice',
      );
      await as(t, a)('PUT', '/api/v1/review/settings', { signoffFor: ['delete'] });
      const i3 = await insertItem(t, o.orgId, account, { matches });
      await post(m1, i3, 'decide', { decision: 'delete' });
      assert.deepEqual(await stats(), { scumbag: [1, 1], idiot: [1, 1] }, 'not before sign-off');
      await post(a, i3, 'signoff', { approve: true });
      assert.deepEqual(await stats(), { scumbag: [2, 1], idiot: [2, 1] });
    });

    test('decide: bad input and unknown items', async () => {
      const item = await insertItem(t, org.orgId, acc);
      for (const body of [
        { decision: 'nuke' },
        {},
        { decision: 'hide', colour: 'red' },
        { decision: 'hide', note: '' },
        { decision: 'hide', note: 5 },
      ]) {
        const res = await post(mod1, item, 'decide', body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        assert.ok(res.json().error.code);
      }
      for (const body of [{ approve: 'yes' }, {}])
        assert.equal((await post(mod1, item, 'signoff', body)).statusCode, 400);
      assert.equal((await post(mod1, item, 'assign', {})).statusCode, 400);
      assert.equal(
        (await post(mod1, item, 'signoff', { approve: true })).json().error.code,
        'not_awaiting_signoff',
      );
      assert.equal((await post(mod1, newId(), 'decide', { decision: 'hide' })).statusCode, 404);
      assert.equal(await statusOf(item), 'queued', 'nothing changed');
    });

    test('SLA breach: one alert per overdue open item (urgent for safeguarding), never twice', async () => {
      assert.ok(t.ctx.jobHandlers.has(SLA_CHECK_JOB) && t.ctx.periodicJobs.get(SLA_CHECK_JOB) === 60_000);
      const o = await createOrg(t);
      const account = await insertAccount(t, o.orgId);
      const now = Date.now();
      const text = 'nobody would miss me';
      const urgent = await insertItem(t, o.orgId, account, {
        text,
        matches: [
          {
            dictionary: 'welfare',
            category: 'welfare',
            term: 'nobody would miss me',
            start: 0,
            end: text.length,
          },
        ],
        dueAt: now - MIN,
      });
      const late = await insertItem(t, o.orgId, account, { dueAt: now - 5 * MIN });
      // Queued without a deadline: received + the standard lane's 240 minutes.
      const noDue = await insertItem(t, o.orgId, account, { dueAt: null, receivedAt: now - 300 * MIN });
      await insertItem(t, o.orgId, account, { dueAt: null, receivedAt: now - 200 * MIN });
      await insertItem(t, o.orgId, account, { dueAt: now + 10 * MIN });
      const decided = await insertItem(t, o.orgId, account, { dueAt: now - MIN });
      const s = await signIn(t, o.adminEmail);
      await post(s, decided, 'decide', { decision: 'allow' });
      await checkSlaBreaches(t.ctx, now);
      const alerts = async () =>
        t.ctx.db
          .selectFrom('alert_event')
          .selectAll()
          .where('org_id', '=', o.orgId)
          .where('kind', '=', 'review.sla_breach')
          .execute();
      const first = await alerts();
      assert.deepEqual(
        first.map((x) => [x.subject_id, x.severity]).sort(),
        [
          [urgent, 'urgent'],
          [late, 'warning'],
          [noDue, 'warning'],
        ].sort(),
      );
      assert.ok(first.every((x) => x.account_id === account && x.subject_type === 'inbound_item'));
      await checkSlaBreaches(t.ctx, now + MIN);
      const handler = t.ctx.jobHandlers.get(SLA_CHECK_JOB)!;
      await handler({ id: 'x', type: SLA_CHECK_JOB, payload: {}, attempts: 1 } as never);
      assert.equal((await alerts()).length, 3, 'alerted once per item');
      const counts = (await as(t, s)('GET', '/api/v1/review/queue')).json().counts;
      assert.deepEqual(counts, {
        safeguarding: 1,
        standard: 4,
        total: 5,
        overdue: 3,
        overdueSafeguarding: 1,
      });
    });
  });
}
