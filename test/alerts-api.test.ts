// The caller's alerts: what each role sees, personal alerts, filters, pagination, acknowledging (audited),
// and organisation isolation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AlertSeverity } from '../src/db/schema/alerts.js';
import { raiseAlert } from '../src/modules/alerts/raise.js';
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

interface AlertBody {
  id: string;
  kind: string;
  severity: string;
  acknowledgedAt: number | null;
  acknowledgedBy: { id: string; name: string | null } | null;
  link: string;
}

for (const kind of testDbKinds) {
  describe(`alerts API (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let orgB: Org;
    const s: Record<string, Session> = {};
    const ids: Record<string, string> = {};
    let authorId: string;

    const raise = async (
      orgId: string,
      kind: string,
      severity: AlertSeverity,
      extra: { recipientUserId?: string; at?: number } = {},
    ) => {
      const id = await raiseAlert(
        t.ctx.db,
        {
          orgId,
          kind,
          severity,
          summary: `About ${kind}`,
          recipientUserId: extra.recipientUserId ?? null,
          detail: { n: 1 },
        },
        extra.at,
      );
      assert.ok(id);
      return id;
    };
    const list = async (who: string, query = '') => {
      const res = await as(t, s[who]!)('GET', `/api/v1/alerts${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { alerts: AlertBody[]; nextCursor: string | null };
    };
    const kindsSeen = async (who: string) => (await list(who, '?limit=200')).alerts.map((a) => a.kind).sort();

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      orgB = await createOrg(t);
      s.admin = await signIn(t, org.adminEmail);
      s.adminB = await signIn(t, orgB.adminEmail);
      for (const role of ['moderator', 'comms', 'author', 'auditor'] as const) {
        const u = await addUser(t, org.orgId, [role]);
        if (role === 'author') authorId = u.id;
        s[role] = await signIn(t, u.email);
      }
      const base = Date.now() - 60_000;
      ids.safeguarding = await raise(org.orgId, 'safeguarding.item', 'urgent', { at: base });
      ids.hijack = await raise(org.orgId, 'publishing.hijack', 'urgent', { at: base + 1 });
      ids.sla = await raise(org.orgId, 'review.sla_breach', 'warning', { at: base + 2 });
      ids.other = await raise(org.orgId, 'system.unknown_kind', 'info', { at: base + 3 });
      ids.personal = await raise(org.orgId, 'publishing.decision', 'info', {
        recipientUserId: authorId,
        at: base + 4,
      });
      ids.orgB = await raise(orgB.orgId, 'safeguarding.item', 'urgent', { at: base + 5 });
    });
    after(() => t.close());

    test('each role sees the organisation alerts it receives; personal alerts only their recipient', async () => {
      assert.deepEqual(await kindsSeen('admin'), [
        'publishing.hijack',
        'review.sla_breach',
        'safeguarding.item',
        'system.unknown_kind',
      ]);
      assert.deepEqual(await kindsSeen('comms'), [
        'publishing.hijack',
        'review.sla_breach',
        'safeguarding.item',
      ]);
      assert.deepEqual(await kindsSeen('moderator'), ['review.sla_breach', 'safeguarding.item']);
      assert.deepEqual(await kindsSeen('author'), ['publishing.decision']);
      assert.deepEqual(await kindsSeen('auditor'), []);
      const ack = await as(t, s.admin!)('POST', `/api/v1/alerts/${ids.personal}/acknowledge`);
      assert.equal(ack.statusCode, 404, 'not even an admin acts on someone else’s personal alert');
    });

    test('newest first, filters (kind prefix, severity, since, unacknowledged) and pagination', async () => {
      const all = await list('admin');
      assert.deepEqual(
        all.alerts.map((a) => a.id),
        [ids.other, ids.sla, ids.hijack, ids.safeguarding],
      );
      assert.deepEqual(
        (await list('admin', '?kind=publishing')).alerts.map((a) => a.id),
        [ids.hijack],
      );
      assert.deepEqual(
        (await list('admin', '?kind=review.sla_breach')).alerts.map((a) => a.id),
        [ids.sla],
      );
      assert.deepEqual(
        (await list('admin', '?kind=review.sla')).alerts,
        [],
        'a prefix matches whole segments',
      );
      assert.deepEqual(
        (await list('admin', '?severity=urgent')).alerts.map((a) => a.id),
        [ids.hijack, ids.safeguarding],
      );
      const since = all.alerts.find((a) => a.id === ids.sla)! as unknown as { createdAt: number };
      assert.deepEqual(
        (await list('admin', `?since=${since.createdAt}`)).alerts.map((a) => a.id),
        [ids.other, ids.sla],
      );
      const page1 = await list('admin', '?limit=3');
      assert.equal(page1.alerts.length, 3);
      assert.ok(page1.nextCursor);
      const page2 = await list('admin', `?limit=3&cursor=${encodeURIComponent(page1.nextCursor!)}`);
      assert.deepEqual(
        page2.alerts.map((a) => a.id),
        [ids.safeguarding],
      );
      assert.equal(page2.nextCursor, null);
      const bad = await as(t, s.admin!)('GET', '/api/v1/alerts?cursor=nonsense');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'bad_cursor');
      assert.equal((await as(t, s.admin!)('GET', '/api/v1/alerts?severity=severe')).statusCode, 400);
      assert.equal((await as(t, s.admin!)('GET', '/api/v1/alerts?limit=0')).statusCode, 400);
    });

    test('acknowledging is audited, shows who did it, and is idempotent', async () => {
      const res = await as(t, s.moderator!)('POST', `/api/v1/alerts/${ids.safeguarding}/acknowledge`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as AlertBody;
      assert.ok(body.acknowledgedAt);
      const moderatorId = (await as(t, s.moderator!)('GET', '/api/v1/me')).json().user.id;
      assert.equal(body.acknowledgedBy?.id, moderatorId);
      assert.ok(body.acknowledgedBy?.name);
      const seenByComms = (await list('comms')).alerts.find((a) => a.id === ids.safeguarding)!;
      assert.equal(seenByComms.acknowledgedBy?.id, moderatorId, 'everyone sees who acknowledged');
      const again = await as(t, s.admin!)('POST', `/api/v1/alerts/${ids.safeguarding}/acknowledge`);
      assert.equal(again.json().acknowledgedBy.id, moderatorId, 'the first acknowledgement stands');
      const audits = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('action', '=', 'alert.acknowledge')
        .where('target_id', '=', ids.safeguarding!)
        .execute();
      assert.equal(audits.length, 1);
      assert.equal(audits[0]!.actor_id, moderatorId);
      assert.ok(!(await list('admin', '?unacknowledged=true')).alerts.some((a) => a.id === ids.safeguarding));
      // A moderator does not receive hijack alerts, so cannot acknowledge one either.
      assert.equal(
        (await as(t, s.moderator!)('POST', `/api/v1/alerts/${ids.hijack}/acknowledge`)).statusCode,
        404,
      );
      const personal = await as(t, s.author!)('POST', `/api/v1/alerts/${ids.personal}/acknowledge`);
      assert.equal(personal.statusCode, 200);
    });

    test('organisations are isolated', async () => {
      const b = await as(t, s.adminB!)('GET', '/api/v1/alerts');
      assert.deepEqual(
        b.json().alerts.map((a: AlertBody) => a.id),
        [ids.orgB],
      );
      for (const id of Object.values(ids).filter((i) => i !== ids.orgB)) assert.ok(!b.body.includes(id));
      const ack = await as(t, s.adminB!)('POST', `/api/v1/alerts/${ids.hijack}/acknowledge`);
      assert.equal(ack.statusCode, 404);
      assert.equal(ack.json().error.code, 'not_found');
      const batch = await as(t, s.adminB!)('GET', '/api/v1/alerts/stream');
      assert.equal(batch.statusCode, 200);
      assert.deepEqual(
        batch.json().events.map((e: { alert: AlertBody }) => e.alert.id),
        [ids.orgB],
      );
    });

    test('subscriptions show the role defaults; a suspended user is signed out of everything', async () => {
      const res = await as(t, s.moderator!)('GET', '/api/v1/me/alert-subscriptions');
      assert.equal(res.statusCode, 200);
      const prefixes = res.json().defaults.map((d: { kindPrefix: string }) => d.kindPrefix);
      assert.deepEqual(prefixes, ['personal', 'safeguarding', 'review', 'inbound']);
      const moderatorId = (await as(t, s.moderator!)('GET', '/api/v1/me')).json().user.id;
      await as(t, s.admin!)('POST', `/api/v1/users/${moderatorId}/suspend`, { reason: 'investigation' });
      assert.equal((await as(t, s.moderator!)('GET', '/api/v1/alerts')).statusCode, 401);
    });
  });
}
