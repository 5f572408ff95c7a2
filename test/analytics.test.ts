// Analytics on a small hand-built dataset whose answers are known: totals, team subtrees, officers, period
// boundaries (UTC, "to" exclusive), trends, moderation counts, top posts, CSV, permissions, org isolation, bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  insertAccount,
  insertEvent,
  insertItem,
  insertPost,
  insertTeam,
  ms,
} from './helpers/analytics-data.js';
import { addUser, as, createOrg, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

const FROM = ms('2026-10-01T00:00:00Z');
const TO = ms('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
const period = `from=${FROM}&to=${TO}`;

for (const kind of testDbKinds) {
  describe(`analytics (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    let officer1: Session;
    let moderatorD: Session;
    let otherAdmin: Session;
    const id: Record<string, string> = {};

    before(async () => {
      t = await startTestApp(kind);
      const org = await createOrg(t, 'Northshire');
      admin = await signIn(t, org.adminEmail);
      const o = org.orgId;
      id.F = await insertTeam(t, o, 'Force', null);
      id.D = await insertTeam(t, o, 'District D', id.F);
      id.T = await insertTeam(t, o, 'Team T', id.D);
      id.O = await insertTeam(t, o, 'District O', id.F);
      id.A1 = await insertAccount(t, o, 'team_t', id.T);
      id.A2 = await insertAccount(t, o, 'district_d', id.D);
      id.A3 = await insertAccount(t, o, 'district_o', id.O);
      const u1 = await addUser(t, o, ['author']);
      const u2 = await addUser(t, o, ['author']);
      const mod = await addUser(t, o, ['moderator']);
      id.u1 = u1.id;
      id.u2 = u2.id;
      id.mod = mod.id;
      await t.ctx.db.updateTable('app_user').set({ team_id: id.T }).where('id', '=', u1.id).execute();
      await t.ctx.db.updateTable('app_user').set({ team_id: id.O }).where('id', '=', u2.id).execute();
      await t.ctx.db.updateTable('app_user').set({ team_id: id.D }).where('id', '=', mod.id).execute();
      officer1 = await signIn(t, u1.email);
      moderatorD = await signIn(t, mod.email);

      const post = (accountId: string, authorId: string, at: string | null, extra = {}) =>
        insertPost(t, { orgId: o, accountId, authorId, publishedAt: at === null ? null : ms(at), ...extra });
      id.p1 = await post(id.A1, u1.id, '2026-10-02T10:00:00Z', { metrics: [5, 2, 1] });
      id.p2 = await post(id.A1, u1.id, '2026-10-03T12:00:00Z', { metrics: [1, 0, 0], replyTo: 'q1' });
      id.p3 = await post(id.A2, u1.id, '2026-10-10T09:00:00Z', {
        metrics: [10, 0, 2],
        views: 400, // the only one whose platform reports views
        text: '=HYPERLINK("x"), "quoted"',
      });
      id.p4 = await post(id.A3, u2.id, '2026-10-20T09:00:00Z', { metrics: [0, 0, 0] });
      id.p5 = await post(id.A3, u2.id, '2026-10-31T23:59:59.999Z');
      await post(id.A3, u2.id, '2026-11-01T00:00:00Z', { metrics: [100, 0, 0] }); // just after the period
      await post(id.A3, u2.id, '2026-09-30T23:59:59.999Z', { metrics: [100, 0, 0] }); // just before
      await post(id.A1, u1.id, null); // a draft

      const item = (accountId: string, text: string, at: string, extra = {}) =>
        insertItem(t, { orgId: o, accountId, text, receivedAt: ms(at), ...extra });
      await item(id.A1, 'When is the meeting?', '2026-10-03T11:00:00Z', {
        platformItemId: 'q1',
        decidedAt: ms('2026-10-03T11:30:00Z'),
      });
      id.i2 = await item(id.A1, 'you scumbag', '2026-10-04T08:00:00Z', {
        categories: ['abuse'],
        actionIssuedAt: ms('2026-10-04T08:00:01Z'),
      });
      await item(id.A2, 'thanks', '2026-10-05T08:00:00Z');
      await item(id.A3, 'Is the road closed?', '2026-10-06T08:00:00Z');
      await item(id.A3, 'late?', '2026-11-01T00:00:00Z');
      for (const [type, action, actorId] of [
        ['action_requested', 'hide', undefined],
        ['action_succeeded', 'hide', undefined],
        ['decision', 'hide', mod.id],
      ] as const)
        await insertEvent(t, {
          orgId: o,
          itemId: id.i2,
          type,
          action,
          actorId,
          at: ms('2026-10-04T08:00:02Z'),
        });

      const other = await createOrg(t, 'Elsewhere');
      otherAdmin = await signIn(t, other.adminEmail);
    });
    after(() => t.close());

    const get = async (s: Session, url: string) => {
      const res = await as(t, s)('GET', url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };

    test('organisation overview: posts, engagement, replies, questions and response time', async () => {
      const o = await get(admin, `/api/v1/analytics/overview?${period}`);
      assert.equal(o.postsPublished, 5, 'p1-p5; not the ones either side of the period, not the draft');
      assert.deepEqual(
        { ...o.engagement },
        {
          likes: 16,
          replies: 2,
          reposts: 3,
          views: 400,
          postsWithViews: 1,
          total: 21,
          postsMeasured: 4,
          perPost: 5.25,
        },
      );
      assert.deepEqual(o.inbound, {
        received: 4,
        handled: 2,
        questions: 2,
        questionsAnswered: 1,
        responseTimeP50Ms: HOUR,
        responseTimeP95Ms: HOUR,
      });
      assert.equal(o.trend.length, 31);
      assert.equal(
        o.trend.reduce((a: number, p: { posts: number }) => a + p.posts, 0),
        5,
      );
      assert.equal(o.trend.at(-1).posts, 1, 'the last millisecond of the period is in its last day');
    });

    test('weekly and monthly buckets start on Mondays and month starts (UTC)', async () => {
      const w = await get(admin, `/api/v1/analytics/overview?${period}&bucket=week`);
      assert.equal(w.trend[0].start, ms('2026-09-28T00:00:00Z'));
      assert.ok(w.trend.every((p: { start: number }) => new Date(p.start).getUTCDay() === 1));
      assert.equal(
        w.trend.reduce((a: number, p: { posts: number }) => a + p.posts, 0),
        5,
      );
      const m = await get(admin, `/api/v1/analytics/overview?${period}&bucket=month`);
      assert.deepEqual(
        m.trend.map((p: { start: number; posts: number }) => [p.start, p.posts]),
        [[FROM, 5]],
      );
    });

    test('team scope includes sub-teams; account and officer scopes', async () => {
      const team = async (teamId: string) =>
        get(admin, `/api/v1/analytics/overview?${period}&teamId=${teamId}`);
      const t1 = await team(id.T!);
      assert.deepEqual([t1.postsPublished, t1.engagement.total, t1.inbound.received], [2, 9, 2]);
      const d = await team(id.D!);
      assert.deepEqual([d.postsPublished, d.engagement.total, d.inbound.received], [3, 21, 3]);
      const f = await team(id.F!);
      assert.deepEqual([f.postsPublished, f.inbound.received], [5, 4]);
      const a3 = await get(admin, `/api/v1/analytics/overview?${period}&accountId=${id.A3}`);
      assert.deepEqual(
        [a3.postsPublished, a3.inbound.received, a3.inbound.questions, a3.inbound.questionsAnswered],
        [2, 1, 1, 0],
      );
      const officer = await get(admin, `/api/v1/analytics/overview?${period}&authorId=${id.u1}`);
      assert.deepEqual(
        [
          officer.postsPublished,
          officer.engagement.total,
          officer.inbound.received,
          officer.inbound.questionsAnswered,
        ],
        [3, 21, 0, 1],
      );
    });

    test('breakdowns per account, officer and team (team rows roll up their subtree)', async () => {
      const rows = async (by: string) =>
        Object.fromEntries(
          (await get(admin, `/api/v1/analytics/breakdown?${period}&by=${by}`)).rows.map(
            (r: { id: string }) => [r.id, r],
          ),
        );
      const acc = await rows('account');
      assert.deepEqual(
        [acc[id.A1!].posts, acc[id.A1!].engagement, acc[id.A1!].received, acc[id.A1!].handled],
        [2, 9, 2, 2],
      );
      assert.equal(acc[id.A2!].engagementPerPost, 12);
      const off = await rows('officer');
      assert.deepEqual([off[id.u1!].posts, off[id.u2!].posts], [3, 2]);
      const teams = await rows('team');
      assert.deepEqual(
        [teams[id.F!].posts, teams[id.D!].posts, teams[id.T!].posts, teams[id.O!].posts],
        [5, 3, 2, 2],
      );
    });

    test('moderation by category and action; time to act (reused) narrowed to the scope', async () => {
      const m = await get(admin, `/api/v1/analytics/moderation?${period}`);
      assert.deepEqual(
        m.rows
          .map((r: { kind: string; category: string; action: string; count: number }) => [
            r.kind,
            r.category,
            r.action,
            r.count,
          ])
          .sort(),
        [
          ['action', 'abuse', 'hide', 1],
          ['decision', 'abuse', 'hide', 1],
        ],
      );
      const byMod = await get(admin, `/api/v1/analytics/moderation?${period}&authorId=${id.mod}`);
      assert.deepEqual(
        byMod.rows.map((r: { kind: string }) => r.kind),
        ['decision'],
      );
      const tta = await get(admin, `/api/v1/analytics/time-to-act?${period}&teamId=${id.O}`);
      assert.ok(tta.groups.length > 0);
      assert.ok(tta.groups.every((g: { accountId: string }) => g.accountId === id.A3));
    });

    test('top posts by engagement', async () => {
      const top = await get(admin, `/api/v1/analytics/top-posts?${period}&limit=3`);
      assert.deepEqual(
        top.posts.map((p: { postId: string }) => p.postId),
        [id.p3, id.p1, id.p2],
      );
      assert.equal(top.posts[0].engagement, 12);
    });

    test('CSV exports: header, rows, quoting and formula neutralising', async () => {
      const res = await as(t, admin)('GET', `/api/v1/analytics/top-posts?${period}&format=csv`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      const lines = res.body.trim().split('\r\n');
      assert.equal(
        lines[0],
        'post_id,account_id,author_id,published_at,likes,replies,reposts,views,engagement,url,text',
      );
      assert.equal(lines.length, 5);
      assert.ok(lines[1]!.startsWith(`${id.p3},${id.A2},`));
      assert.ok(lines[1]!.endsWith(`,"'=HYPERLINK(""x""), ""quoted"""`), lines[1]);
      const ov = await as(t, admin)('GET', `/api/v1/analytics/overview?${period}&bucket=month&format=csv`);
      assert.equal(ov.body, 'bucket_start,posts,engagement,received,handled\r\n2026-10-01,5,21,4,2\r\n');
      for (const path of ['breakdown?by=team', 'moderation', 'time-to-act']) {
        const r = await as(t, admin)(
          'GET',
          `/api/v1/analytics/${path}${path.includes('?') ? '&' : '?'}${period}&format=csv`,
        );
        assert.equal(r.statusCode, 200, path);
        assert.ok(r.body.split('\r\n').length >= 2, path);
      }
    });

    test('views are "not reported" (null), not 0, when no measured post reports them', async () => {
      const o = await get(admin, `/api/v1/analytics/overview?${period}&authorId=${id.u2}`);
      assert.equal(o.engagement.postsMeasured, 1, 'p4 (p5 has no metrics yet)');
      assert.equal(o.engagement.views, null);
      assert.equal(o.engagement.postsWithViews, 0);
    });

    test("an author sees their own team's accounts and themselves only", async () => {
      const o = await get(officer1, `/api/v1/analytics/overview?${period}`);
      assert.deepEqual([o.postsPublished, o.inbound.received], [2, 2], 'only A1, owned by their team T');
      const self = await get(officer1, `/api/v1/analytics/overview?${period}&authorId=${id.u1}`);
      assert.equal(self.postsPublished, 2);
      for (const url of [`accountId=${id.A3}`, `teamId=${id.D}`, `authorId=${id.u2}`]) {
        const res = await as(t, officer1)('GET', `/api/v1/analytics/overview?${period}&${url}`);
        assert.equal(res.statusCode, 403, url);
        assert.equal(res.json().error.code, 'forbidden');
      }
      const mod = await get(moderatorD, `/api/v1/analytics/overview?${period}`);
      assert.equal(mod.postsPublished, 3, "a moderator in district D sees D's and T's accounts");
      const acc = await get(officer1, `/api/v1/analytics/breakdown?${period}`);
      assert.deepEqual(
        acc.rows.map((r: { id: string }) => r.id),
        [id.A1],
      );
    });

    test("another organisation sees nothing of this one's", async () => {
      const o = await get(otherAdmin, `/api/v1/analytics/overview?${period}`);
      assert.deepEqual([o.postsPublished, o.inbound.received, o.engagement.total], [0, 0, 0]);
      for (const q of [`accountId=${id.A1}`, `teamId=${id.T}`, `authorId=${id.u1}`]) {
        const res = await as(t, otherAdmin)('GET', `/api/v1/analytics/overview?${period}&${q}`);
        assert.equal(res.statusCode, 404, q);
      }
      const top = await get(otherAdmin, `/api/v1/analytics/top-posts?${period}`);
      assert.deepEqual(top.posts, []);
    });

    test('bad input: clear 400s with codes', async () => {
      const cases: Array<[string, string]> = [
        [`from=${TO}&to=${FROM}`, 'bad_period'],
        [`from=0&to=${TO}`, 'period_too_long'],
        ['bucket=year', ''],
        ['from=yesterday', ''],
        ['colour=blue', ''],
        ['format=xml', ''],
      ];
      for (const [q, code] of cases) {
        const res = await as(t, admin)('GET', `/api/v1/analytics/overview?${q}`);
        assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
        if (code) assert.equal(res.json().error.code, code, q);
      }
      const limit = await as(t, admin)('GET', '/api/v1/analytics/top-posts?limit=1000');
      assert.equal(limit.statusCode, 400);
    });
  });
}
