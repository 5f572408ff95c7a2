// Analytics rollups (src/modules/analytics/rollup-*.ts) on generated data: the answers read from the rollups
// equal those read from the raw tables (counts exactly, time-to-act percentiles within the histogram's bucket
// error of the exact nearest-rank figure), an old item changed later shows after the job runs, re-running the
// job changes nothing, scope rules hold, and time-to-act no longer stops at 50,000 items.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../src/ids.js';
import { BUCKET_ERROR, bucketOf, bucketSql, bucketValue } from '../src/modules/analytics/histogram.js';
import {
  ROLLED_LAG_MS,
  ROLLUP_INTERVAL_MS,
  ROLLUP_JOB,
  runRollups,
} from '../src/modules/analytics/rollup-job.js';
import { coverage, planRead } from '../src/modules/analytics/rollup-read.js';
import { summarise } from '../src/modules/moderation/time-to-act.js';
import { prng } from '../src/prng.js';
import { insertAccount, insertTeam, ms } from './helpers/analytics-data.js';
import { addUser, as, createOrg, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

const DAY = 86_400_000;
const NOW = ms('2026-11-20T15:30:00Z');
const START = ms('2026-10-20T00:00:00Z');
const CATS = [[], ['abuse'], ['spam'], ['welfare'], ['abuse', 'spam']];

interface Gen {
  orgId: string;
  accountId: string;
  receivedAt: number;
  categories: string[];
  question: boolean;
  platformLag: number;
  classified: number | null;
  issued: number | null;
  confirmed: number | null;
  decided: number | null;
}

/** Items with varied stage times (including a platform clock ahead of ours), inserted 250 rows a statement. */
async function insertItems(t: TestApp, items: Gen[]): Promise<string[]> {
  const ids: string[] = [];
  const batches: unknown[][] = [];
  for (let i = 0; i < items.length; i += 250) {
    const rows = items.slice(i, i + 250).map((g) => {
      const id = newId();
      ids.push(id);
      const at = (d: number | null) => (d === null ? null : g.receivedAt + d);
      return {
        id,
        org_id: g.orgId,
        account_id: g.accountId,
        platform: 'sandbox',
        platform_item_id: `it-${id}`,
        kind: 'reply',
        text: g.question ? 'Is it open?' : 'thanks',
        author_platform_id: 'someone',
        author_handle: 'someone',
        author_name: null,
        ref: '{}',
        in_reply_to_id: null,
        root_id: null,
        url: null,
        raw: '{}',
        matches: '[]',
        categories: JSON.stringify(g.categories),
        safeguarding: 0,
        priority: 0,
        status: 'new',
        assigned_to: null,
        due_at: null,
        platform_created_at: g.receivedAt - g.platformLag,
        received_at: g.receivedAt,
        classified_at: at(g.classified),
        action_issued_at: at(g.issued),
        action_confirmed_at: at(g.confirmed),
        decided_at: at(g.decided),
        created_at: g.receivedAt,
        updated_at: g.receivedAt,
      };
    });
    batches.push(rows);
  }
  // One transaction: a commit per statement would make the 60,000-item test slow on SQLite (fsync each).
  await t.ctx.db.transaction().execute(async (trx) => {
    for (const rows of batches)
      await trx
        .insertInto('inbound_item')
        .values(rows as never)
        .execute();
  });
  return ids;
}

function generate(
  orgId: string,
  accounts: string[],
  n: number,
  from: number,
  to: number,
  seed: number,
): Gen[] {
  const r = prng(seed);
  const maybe = (p: number, v: () => number) => (r() < p ? v() : null);
  return Array.from({ length: n }, () => {
    const issued = maybe(0.4, () => 100 + Math.floor(r() ** 3 * 600_000));
    return {
      orgId,
      accountId: accounts[Math.floor(r() * accounts.length)] as string,
      receivedAt: from + Math.floor(r() * (to - from)),
      categories: CATS[Math.floor(r() * CATS.length)] as string[],
      question: r() < 0.3,
      platformLag: Math.floor(r() * 300_000) - 20_000,
      classified: 5 + Math.floor(r() * 500),
      issued,
      confirmed: issued === null ? null : maybe(0.8, () => issued + Math.floor(r() * 60_000)),
      decided: maybe(0.2, () => Math.floor(r() ** 2 * 2 * DAY)),
    };
  });
}

/** Exact figures from the item rows, for comparison with the histogram figures. */
async function exactTimeToAct(t: TestApp, orgId: string, from: number, to: number, accountIds?: string[]) {
  let q = t.ctx.db
    .selectFrom('inbound_item')
    .select([
      'account_id',
      'categories',
      'platform_created_at',
      'received_at',
      'classified_at',
      'action_issued_at',
      'action_confirmed_at',
      'decided_at',
    ])
    .where('org_id', '=', orgId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to);
  if (accountIds) q = q.where('account_id', 'in', accountIds);
  return summarise(await q.execute());
}

type Pct = { count: number; p50: number | null; p95: number | null };
type Group = {
  accountId: string;
  category: string;
  items: number;
  fromPlatform: Record<string, Pct>;
  fromReceived: Record<string, Pct>;
};
const near = (approx: number | null, exact: number | null) =>
  approx === exact ||
  (approx !== null && exact !== null && Math.abs(approx - exact) <= BUCKET_ERROR * Math.abs(exact) + 1);

function assertWithinBucketError(got: Group[], exact: ReturnType<typeof summarise>) {
  const key = (g: { accountId: string; category: string }) => `${g.accountId}/${g.category}`;
  assert.deepEqual(got.map(key).sort(), exact.map(key).sort());
  for (const e of exact) {
    const g = got.find((x) => key(x) === key(e)) as Group;
    assert.equal(g.items, e.items, key(e));
    for (const side of ['fromPlatform', 'fromReceived'] as const)
      for (const [stage, ex] of Object.entries(e[side])) {
        const a = g[side][stage] as Pct;
        assert.equal(a.count, ex.count, `${key(e)} ${side}.${stage} count`);
        assert.ok(near(a.p50, ex.p50), `${key(e)} ${side}.${stage} p50 ${a.p50} vs exact ${ex.p50}`);
        assert.ok(near(a.p95, ex.p95), `${key(e)} ${side}.${stage} p95 ${a.p95} vs exact ${ex.p95}`);
      }
  }
}

test('coverage: whole days from the rollups, partial edges and the time after the last run raw', () => {
  const d = (iso: string) => ms(iso);
  const R = d('2026-11-20T15:29:00Z');
  // Non-aligned period ending before R: first partial day raw, last partial day raw.
  assert.deepEqual(coverage(d('2026-11-01T06:00:00Z'), d('2026-11-05T12:00:00Z'), R), {
    units: [d('2026-11-02T00:00:00Z') / DAY, d('2026-11-05T00:00:00Z') / DAY],
    raw: [
      [d('2026-11-01T06:00:00Z'), d('2026-11-02T00:00:00Z')],
      [d('2026-11-05T00:00:00Z'), d('2026-11-05T12:00:00Z')],
    ],
  });
  // Day-aligned period running past R: R's day row (up to R) is used; after R is raw.
  assert.deepEqual(coverage(d('2026-11-01T00:00:00Z'), d('2026-11-21T00:00:00Z'), R), {
    units: [d('2026-11-01T00:00:00Z') / DAY, d('2026-11-21T00:00:00Z') / DAY],
    raw: [[R, d('2026-11-21T00:00:00Z')]],
  });
  // Never rolled up, or a period inside one day: all raw.
  assert.deepEqual(coverage(1000, 5000, null), { units: null, raw: [[1000, 5000]] });
  const inDay = [d('2026-11-03T01:00:00Z'), d('2026-11-03T02:00:00Z')] as const;
  assert.deepEqual(coverage(inDay[0], inDay[1], R), { units: null, raw: [[inDay[0], inDay[1]]] });
  // A period entirely after R.
  assert.deepEqual(coverage(d('2026-11-22T00:00:00Z'), d('2026-11-24T00:00:00Z'), R).units, null);
  // The partial days' whole hours come from the hourly rollups; only partial hours are raw.
  const HOUR = 3_600_000;
  const plan = planRead(
    { orgId: 'o', from: d('2026-11-01T06:30:00Z'), to: d('2026-11-20T15:45:00Z'), accountIds: null },
    R,
  );
  assert.deepEqual(plan.days, [d('2026-11-02T00:00:00Z') / DAY, d('2026-11-20T00:00:00Z') / DAY]);
  assert.deepEqual(plan.hours, [
    [d('2026-11-01T07:00:00Z') / HOUR, d('2026-11-02T00:00:00Z') / HOUR],
    [d('2026-11-20T00:00:00Z') / HOUR, d('2026-11-20T16:00:00Z') / HOUR - 1],
  ]);
  assert.deepEqual(
    plan.raw.map((r) => [r.from, r.to]),
    [
      [d('2026-11-01T06:30:00Z'), d('2026-11-01T07:00:00Z')],
      [d('2026-11-20T15:00:00Z'), d('2026-11-20T15:45:00Z')], // hour 15's row stops at R: not usable here
    ],
  );
});

test('histogram buckets: every value is within BUCKET_ERROR (+1 ms) of its bucket value', () => {
  assert.ok(BUCKET_ERROR > 0.019 && BUCKET_ERROR < 0.02);
  const r = prng(7);
  for (let i = 0; i < 20_000; i++) {
    const v = Math.floor((r() - 0.1) * 10 ** Math.floor(r() * 10));
    const back = bucketValue(bucketOf(v));
    assert.ok(Math.abs(back - v) <= BUCKET_ERROR * Math.abs(v) + 1, `${v} → ${back}`);
  }
  assert.equal(bucketValue(bucketOf(0)), 0);
  assert.ok(bucketOf(-5000) < 0);
});

for (const kind of testDbKinds) {
  describe(`analytics rollups (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    let officer: Session;
    let moderatorD: Session;
    let orgId: string;
    let itemIds: string[];
    const id: Record<string, string> = {};
    const FROM = ms('2026-10-25T07:13:00Z');
    const TO = ms('2026-11-20T15:10:00Z');
    const period = `from=${FROM}&to=${TO}`;
    const ALIGNED = `from=${ms('2026-10-22T00:00:00Z')}&to=${ms('2026-11-21T00:00:00Z')}`;

    const get = async (s: Session, url: string) => {
      const res = await as(t, s)('GET', url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };
    /** Every dashboard answer (and the moderation module's time-to-act) for a query string. */
    const answers = async (s: Session, qs: string) => ({
      overview: await get(s, `/api/v1/analytics/overview?${qs}&bucket=week`),
      byAccount: await get(s, `/api/v1/analytics/breakdown?${qs}&by=account`),
      byTeam: await get(s, `/api/v1/analytics/breakdown?${qs}&by=team`),
      moderation: await get(s, `/api/v1/analytics/moderation?${qs}`),
      moderationByActor: await get(s, `/api/v1/analytics/moderation?${qs}&authorId=${id.u1}`),
      timeToAct: await get(s, `/api/v1/analytics/time-to-act?${qs}`),
      inboundTimeToAct: await get(s, `/api/v1/inbound/time-to-act?${qs}`),
    });
    const sorted = <T>(a: T[]) => [...a].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const comparable = (a: Awaited<ReturnType<typeof answers>>) => ({
      ...a,
      timeToAct: { ...a.timeToAct, groups: sorted(a.timeToAct.groups) },
      inboundTimeToAct: { ...a.inboundTimeToAct, groups: sorted(a.inboundTimeToAct.groups) },
    });

    before(async () => {
      t = await startTestApp(kind);
      const org = await createOrg(t, 'Rollshire');
      orgId = org.orgId;
      admin = await signIn(t, org.adminEmail);
      id.F = await insertTeam(t, orgId, 'Force', null);
      id.D = await insertTeam(t, orgId, 'District D', id.F);
      id.T = await insertTeam(t, orgId, 'Team T', id.D);
      id.O = await insertTeam(t, orgId, 'District O', id.F);
      id.A1 = await insertAccount(t, orgId, 'team_t', id.T);
      id.A2 = await insertAccount(t, orgId, 'district_d', id.D);
      id.A3 = await insertAccount(t, orgId, 'district_o', id.O);
      const u1 = await addUser(t, orgId, ['author']);
      const mod = await addUser(t, orgId, ['moderator']);
      id.u1 = u1.id;
      id.mod = mod.id;
      await t.ctx.db.updateTable('app_user').set({ team_id: id.T }).where('id', '=', u1.id).execute();
      await t.ctx.db.updateTable('app_user').set({ team_id: id.D }).where('id', '=', mod.id).execute();
      officer = await signIn(t, u1.email);
      moderatorD = await signIn(t, mod.email);
      const accounts = [id.A1, id.A2, id.A3] as string[];
      const items = generate(orgId, accounts, 3000, START, NOW, 42);
      // Some arrive after the job's cut-off (NOW - ROLLED_LAG_MS): only the raw tail can count them.
      items.push(...generate(orgId, accounts, 40, NOW - ROLLED_LAG_MS, NOW + 3_600_000, 43));
      itemIds = await insertItems(t, items);
      const r = prng(44);
      const events = itemIds.flatMap((itemId, i) => {
        const g = items[i] as Gen;
        if (r() > 0.35) return [];
        return [
          {
            id: newId(),
            org_id: orgId,
            item_id: itemId,
            type: r() < 0.5 ? 'decision' : 'action_succeeded',
            action: ['hide', 'delete', null][Math.floor(r() * 3)] ?? null,
            actor_type: 'user' as const,
            actor_id: [id.u1, id.mod, null][Math.floor(r() * 3)] ?? null,
            actor_label: 'someone',
            note: null,
            detail: '{}',
            created_at: g.receivedAt + Math.floor(r() * DAY),
          },
        ];
      });
      for (let i = 0; i < events.length; i += 250)
        await t.ctx.db
          .insertInto('moderation_event')
          .values(events.slice(i, i + 250))
          .execute();
    });
    after(() => t.close());

    test('answers from the rollups equal the raw answers; time to act within the bucket error of exact', async () => {
      const rawAnswers = [await answers(admin, period), await answers(admin, ALIGNED)];
      assert.equal(
        (await t.ctx.db.selectFrom('analytics_time_to_act_day').select('day').execute()).length,
        0,
        'nothing rolled up yet: these were raw',
      );
      const runs = await runRollups(t.ctx, NOW);
      const mine = runs.find((x) => x.orgId === orgId);
      assert.ok(mine && mine.days >= 31, `first run builds every day with data (${mine?.days})`);
      const rows = await t.ctx.db
        .selectFrom('analytics_time_to_act_day')
        .select('day')
        .where('org_id', '=', orgId)
        .execute();
      assert.ok(rows.length > 31);
      const rolled = [await answers(admin, period), await answers(admin, ALIGNED)];
      for (const i of [0, 1]) assert.deepEqual(comparable(rolled[i]!), comparable(rawAnswers[i]!));
      const ov = rolled[1]!.overview;
      assert.ok(ov.inbound.received > 3000 - 200, 'the aligned period holds nearly all items');
      assert.equal(
        ov.inbound.received,
        Number(
          (
            await t.ctx.db
              .selectFrom('inbound_item')
              .select((eb) => eb.fn.countAll().as('c'))
              .where('org_id', '=', orgId)
              .where('received_at', '>=', ms('2026-10-22T00:00:00Z'))
              .where('received_at', '<', ms('2026-11-21T00:00:00Z'))
              .executeTakeFirstOrThrow()
          ).c,
        ),
        'items after the cut-off are counted from the raw table',
      );
      assert.ok(rolled[0]!.moderation.rows.length > 3);
      assert.ok(Math.abs(rolled[0]!.timeToAct.percentileMaxRelativeError - 0.0198) < 0.0001);
      assertWithinBucketError(rolled[0]!.timeToAct.groups, await exactTimeToAct(t, orgId, FROM, TO));
      assertWithinBucketError(
        rolled[1]!.inboundTimeToAct.groups,
        await exactTimeToAct(t, orgId, ms('2026-10-22T00:00:00Z'), ms('2026-11-21T00:00:00Z')),
      );
    });

    test('re-running the job is idempotent', async () => {
      const snapshot = async () => ({
        inbound: sorted(await t.ctx.db.selectFrom('analytics_inbound_day').selectAll().execute()),
        moderation: sorted(await t.ctx.db.selectFrom('analytics_moderation_day').selectAll().execute()),
        tta: sorted(await t.ctx.db.selectFrom('analytics_time_to_act_day').selectAll().execute()),
      });
      assert.equal(t.ctx.periodicJobs.get(ROLLUP_JOB), ROLLUP_INTERVAL_MS, 'registered as a periodic job');
      assert.ok(t.ctx.jobHandlers.has(ROLLUP_JOB));
      await runRollups(t.ctx, NOW);
      const once = await snapshot();
      const a1 = await answers(admin, period);
      await runRollups(t.ctx, NOW);
      await runRollups(t.ctx, NOW);
      assert.deepEqual(await snapshot(), once);
      assert.deepEqual(comparable(await answers(admin, period)), comparable(a1));
      // A later run moves the cut-off past items the previous one left to the raw tail: still counted once.
      const aligned = await answers(admin, ALIGNED);
      await runRollups(t.ctx, NOW + 2 * 3_600_000);
      const moved = await answers(admin, ALIGNED);
      assert.equal(moved.overview.inbound.received, aligned.overview.inbound.received);
      assert.deepEqual(comparable(moved).timeToAct, comparable(aligned).timeToAct);
      assert.deepEqual(comparable(moved).byAccount, comparable(aligned).byAccount);
    });

    test('scope rules hold on rolled-up figures', async () => {
      const own = await answers(officer, period);
      const a1 = await answers(admin, `${period}&accountId=${id.A1}`);
      assert.equal(own.overview.inbound.received, a1.overview.inbound.received);
      assert.ok(own.overview.inbound.received > 0);
      assert.deepEqual(
        own.byAccount.rows.map((r: { id: string }) => r.id),
        [id.A1],
      );
      assert.ok(own.timeToAct.groups.every((g: Group) => g.accountId === id.A1));
      assert.ok(own.inboundTimeToAct.groups.every((g: Group) => g.accountId === id.A1));
      assert.deepEqual(comparable(own).moderation.rows, comparable(a1).moderation.rows);
      for (const q of [`accountId=${id.A3}`, `teamId=${id.D}`]) {
        const res = await as(t, officer)('GET', `/api/v1/analytics/time-to-act?${period}&${q}`);
        assert.equal(res.statusCode, 403, q);
        assert.equal(res.json().error.code, 'forbidden');
      }
      const mod = await get(moderatorD, `/api/v1/analytics/time-to-act?${period}`);
      const seen = new Set(mod.groups.map((g: Group) => g.accountId));
      assert.deepEqual([...seen].sort(), [id.A1, id.A2].sort(), "district D's and team T's accounts");
      const team = await get(admin, `/api/v1/analytics/overview?${period}&teamId=${id.D}`);
      const a2 = await get(admin, `/api/v1/analytics/overview?${period}&accountId=${id.A2}`);
      assert.equal(team.inbound.received, a1.overview.inbound.received + a2.inbound.received);
      const other = await createOrg(t, 'Elsewhere');
      const stranger = await signIn(t, other.adminEmail);
      const theirs = await get(stranger, `/api/v1/analytics/overview?${period}`);
      assert.equal(theirs.inbound.received, 0, "another organisation's rollups are not read");
      assert.deepEqual((await get(stranger, `/api/v1/inbound/time-to-act?${period}`)).groups, []);
    });

    test('a decision on an old item a day later shows once the job has run', async () => {
      const dayStart = ms('2026-11-02T00:00:00Z');
      const q = `from=${dayStart}&to=${dayStart + DAY}&accountId=${id.A2}`;
      const old = await t.ctx.db
        .selectFrom('inbound_item')
        .select(['id', 'categories'])
        .where('org_id', '=', orgId)
        .where('account_id', '=', id.A2 as string)
        .where('received_at', '>=', dayStart)
        .where('received_at', '<', dayStart + DAY)
        .where('decided_at', 'is', null)
        .where('action_issued_at', 'is', null)
        .executeTakeFirstOrThrow();
      const before = await answers(admin, q);
      const later = NOW + DAY;
      const eventDay = Math.floor(later / DAY) * DAY;
      const eventDayQs = `from=${eventDay}&to=${eventDay + DAY}&authorId=${id.mod}`;
      const hidesBefore = (await get(admin, `/api/v1/analytics/moderation?${eventDayQs}`)).rows
        .filter((r: { kind: string; action: string }) => r.kind === 'decision' && r.action === 'hide')
        .reduce((a: number, r: { count: number }) => a + r.count, 0);
      await t.ctx.db
        .updateTable('inbound_item')
        .set({ decided_at: later, updated_at: later })
        .where('id', '=', old.id)
        .execute();
      await t.ctx.db
        .insertInto('moderation_event')
        .values({
          id: newId(),
          org_id: orgId,
          item_id: old.id,
          type: 'decision',
          action: 'hide',
          actor_type: 'user',
          actor_id: id.mod as string,
          actor_label: 'mod',
          note: null,
          detail: '{}',
          created_at: later,
        })
        .execute();
      const stale = await answers(admin, q);
      assert.equal(
        stale.overview.inbound.handled,
        before.overview.inbound.handled,
        'whole days: as of the last run',
      );
      await runRollups(t.ctx, later + ROLLED_LAG_MS + 1000);
      const fresh = await answers(admin, q);
      assert.equal(fresh.overview.inbound.handled, before.overview.inbound.handled + 1);
      assert.equal(fresh.overview.inbound.received, before.overview.inbound.received);
      const cat = (JSON.parse(old.categories) as string[])[0] ?? '(none)';
      const decisions = (a: typeof fresh) =>
        a.timeToAct.groups.find((g: Group) => g.category === cat)?.fromReceived.humanDecision.count ?? 0;
      assert.equal(decisions(fresh), decisions(before) + 1);
      // The decision itself is counted on the day it was made.
      const decidedHides = (m: { rows: Array<{ kind: string; action: string; count: number }> }) =>
        m.rows.filter((r) => r.kind === 'decision' && r.action === 'hide').reduce((a, r) => a + r.count, 0);
      assert.equal(
        decidedHides(await get(admin, `/api/v1/analytics/moderation?${eventDayQs}`)),
        hidesBefore + ((JSON.parse(old.categories) as string[]).length || 1),
      );
      assertWithinBucketError(
        fresh.timeToAct.groups,
        await exactTimeToAct(t, orgId, dayStart, dayStart + DAY, [id.A2 as string]),
      );
    });

    test('SQL buckets equal the TypeScript buckets', async () => {
      const values = [
        0, 1, -1, 2, 25, 26, 27, 999, 1000, 1001, 65_536, 3_600_000, 86_400_000, -20_000, 172_800_000,
      ];
      for (const v of values) {
        const expr = sql`cast(${sql.lit(v)} as bigint)`;
        const { rows } = await sql<{ b: number }>`select ${bucketSql(expr)} as b`.execute(t.ctx.db);
        assert.equal(Number(rows[0]?.b), bucketOf(v), String(v));
      }
    });

    test('time to act counts more than 50,000 items without loading them, within the bucket error', async () => {
      const org = await createOrg(t, 'Bigshire');
      const boss = await signIn(t, org.adminEmail);
      const acc = await insertAccount(t, org.orgId, 'busy', null);
      const from = ms('2026-11-10T00:00:00Z');
      const to = ms('2026-11-13T06:00:00Z');
      await insertItems(t, generate(org.orgId, [acc], 60_000, from, to, 99));
      const qs = `from=${from}&to=${to}`;
      const exact = await exactTimeToAct(t, org.orgId, from, to);
      const raw = await get(boss, `/api/v1/inbound/time-to-act?${qs}`);
      assert.equal(
        raw.percentileMaxRelativeError,
        BUCKET_ERROR,
        'the response says how exact its percentiles are',
      );
      assert.equal(
        exact.reduce((a, g) => a + g.items, 0),
        raw.groups.reduce((a: number, g: Group) => a + g.items, 0),
      );
      assertWithinBucketError(raw.groups, exact);
      await runRollups(t.ctx, NOW);
      const rolled = await get(boss, `/api/v1/inbound/time-to-act?${qs}`);
      assert.deepEqual(sorted(rolled.groups), sorted(raw.groups));
      const none = rolled.groups.find((g: Group) => g.category === '(none)');
      assert.ok(none.items > 10_000);
      const total = await get(boss, `/api/v1/analytics/overview?${qs}`);
      assert.equal(total.inbound.received, 60_000);
      const filtered = await get(boss, `/api/v1/inbound/time-to-act?${qs}&category=spam`);
      assert.deepEqual(
        filtered.groups.map((g: Group) => g.category),
        ['spam'],
      );
    });
  });
}
