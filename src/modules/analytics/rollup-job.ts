// Keeps the analytics rollups current (periodic job, every 5 minutes). Each run recomputes whole days per
// organisation: every day from the one the previous run stopped in up to now (so "today" is rolled up to
// ROLLED_LAG before the run), plus the received days of older items that changed since the previous run.
// Items change after insert only through moderation events (appendModerationEvent sets decided_at,
// action_issued_at…), so "changed since" is "has a moderation event since", read from the (org_id, created_at)
// index; nothing is added to the ingestion path. A first run (no state row) builds every day with data.
// Recomputing a day deletes and re-inserts its rows in one transaction: running twice gives the same rows.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type {
  AnalyticsTimeToActDayTable,
  AnalyticsTimeToActHourTable,
} from '../../db/schema/analytics-rollups.js';
import { add, encode, type Histogram } from './histogram.js';
import {
  groupOf,
  HOUR,
  inboundRaw,
  moderationRaw,
  type TimeToActGroups,
  timeToActRaw,
} from './rollup-sql.js';
import { DAY } from './scope.js';

export const ROLLUP_JOB = 'analytics.rollup';
export const ROLLUP_INTERVAL_MS = 5 * 60_000;
/** Rolled up only to this long before the run: a transaction still in flight then has committed by now. */
export const ROLLED_LAG_MS = 60_000;
/** Events are looked for from this long before the previous run started (clock skew between processes). */
const EVENT_SLACK_MS = 5 * 60_000;
/** Days recomputed per transaction: bounds each write transaction (SQLite has one writer); a first build
 * takes bigger steps (fewer commits), later runs recompute a day or two. */
const DAYS_PER_STEP = 4;
const DAYS_PER_FIRST_STEP = 8;
const INSERT_CHUNK = 400;

const dayOf = (ms: number) => Math.floor(ms / DAY);

export interface RollupRun {
  orgId: string;
  days: number;
  rolledUntil: number;
}

export async function runRollups(app: Pick<AppContext, 'db'>, now = Date.now()): Promise<RollupRun[]> {
  const orgs = await app.db.selectFrom('organisation').select('id').orderBy('id').execute();
  const out: RollupRun[] = [];
  for (const o of orgs) out.push(await rollupOrganisation(app.db, o.id, now));
  return out;
}

/** Which days need recomputing, then recomputes them and moves the organisation's state forward. */
export async function rollupOrganisation(db: Db, orgId: string, now = Date.now()): Promise<RollupRun> {
  const rolledUntil = now - ROLLED_LAG_MS;
  const state = await db
    .selectFrom('analytics_rollup_state')
    .selectAll()
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  const days = new Set<number>();
  let first: number;
  if (state) {
    const since = Number(state.run_started_at) - EVENT_SLACK_MS;
    first = dayOf(Math.min(Number(state.rolled_until), since));
    const touched = await db
      .selectFrom('moderation_event as e')
      .innerJoin('inbound_item as i', 'i.id', 'e.item_id')
      .select(sql<number>`i.received_at / ${sql.lit(DAY)}`.as('day'))
      .distinct()
      .where('e.org_id', '=', orgId)
      .where('e.created_at', '>=', since)
      .execute();
    for (const t of touched) days.add(Number(t.day));
  } else {
    const [items, events] = await Promise.all([
      db
        .selectFrom('inbound_item')
        .select((eb) => eb.fn.min('received_at').as('m'))
        .where('org_id', '=', orgId)
        .executeTakeFirst(),
      db
        .selectFrom('moderation_event')
        .select((eb) => eb.fn.min('created_at').as('m'))
        .where('org_id', '=', orgId)
        .executeTakeFirst(),
    ]);
    const earliest = Math.min(Number(items?.m ?? rolledUntil), Number(events?.m ?? rolledUntil));
    first = dayOf(earliest);
  }
  const last = dayOf(rolledUntil);
  // The recent window (from the day the previous cut-off fell in to today) is swapped in ONE transaction with
  // the new cut-off: a dashboard read in between would otherwise count the items between the old and the new
  // cut-off twice (in the new rows, and raw after the old cut-off). Older days are whole in both the old and the
  // new state, so they are swapped in steps (short write transactions).
  const windowStart = state ? Math.min(first, last) : last;
  const older = state
    ? [...days].filter((d) => d < windowStart)
    : Array.from({ length: Math.max(0, last - first) }, (_, k) => first + k);
  older.sort((a, b) => a - b);
  const step = state ? DAYS_PER_STEP : DAYS_PER_FIRST_STEP;
  for (let i = 0; i < older.length; ) {
    let j = i + 1;
    while (j < older.length && j - i < step && older[j] === (older[j - 1] as number) + 1) j++;
    await recomputeDays(db, orgId, older[i] as number, (older[j - 1] as number) + 1, rolledUntil);
    i = j;
  }
  const row = { rolled_until: rolledUntil, run_started_at: now, updated_at: Date.now() };
  const saveState = (trx: Db) =>
    trx
      .insertInto('analytics_rollup_state')
      .values({ org_id: orgId, ...row })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(row))
      .execute();
  await recomputeDays(db, orgId, windowStart, last + 1, rolledUntil, saveState);
  const total = older.length + last + 1 - windowStart;
  return { orgId, days: total, rolledUntil };
}

const encodeGroups = (orgId: string, by: Map<number, TimeToActGroups>) =>
  [...by].flatMap(([unit, groups]) =>
    [...groups.values()].map((g) => ({
      unit,
      org_id: orgId,
      account_id: g.accountId,
      category: g.category,
      items: g.items,
      histograms: JSON.stringify(Object.fromEntries([...g.histograms].map(([k, h]) => [k, encode(h)]))),
    })),
  );

/**
 * Replaces the rollup rows (daily, and hourly for inbound and time to act) of days [d0, d1) with what the raw
 * tables say now (up to rolledUntil). Items are read once, by hour; the daily rows are sums of the hourly ones.
 */
export async function recomputeDays(
  db: Db,
  orgId: string,
  d0: number,
  d1: number,
  rolledUntil: number,
  alsoInTransaction?: (trx: Db) => Promise<unknown>,
) {
  const orgColumn = sql<string>`cast(${orgId} as text)`.as('org_id');
  const f = { orgId, from: d0 * DAY, to: Math.min(d1 * DAY, rolledUntil), accountIds: null };
  const byHour = new Map<number, TimeToActGroups>();
  const into = (hour: number) => {
    const g = byHour.get(hour) ?? new Map();
    byHour.set(hour, g);
    return g;
  };
  if (f.from < f.to) await timeToActRaw(db, f, into, HOUR);
  const byDay = new Map<number, TimeToActGroups>();
  for (const [hour, groups] of byHour) {
    const day = Math.floor((hour * HOUR) / DAY);
    const dayGroups = byDay.get(day) ?? new Map();
    byDay.set(day, dayGroups);
    for (const g of groups.values()) {
      const d = groupOf(dayGroups, g.accountId, g.category);
      d.items += g.items;
      for (const [k, h] of g.histograms) for (const [b, c] of h) add(d.histograms.get(k) as Histogram, b, c);
    }
  }
  const hourRows: AnalyticsTimeToActHourTable[] = encodeGroups(orgId, byHour).map(({ unit, ...r }) => ({
    ...r,
    hour: unit,
  }));
  const dayRows: AnalyticsTimeToActDayTable[] = encodeGroups(orgId, byDay).map(({ unit, ...r }) => ({
    ...r,
    day: unit,
  }));
  const h0 = (d0 * DAY) / HOUR;
  const h1 = (d1 * DAY) / HOUR;
  await (db.isTransaction ? run(db) : db.transaction().execute(run));

  async function run(trx: Db) {
    for (const table of [
      'analytics_inbound_day',
      'analytics_moderation_day',
      'analytics_time_to_act_day',
    ] as const)
      await trx
        .deleteFrom(table)
        .where('org_id', '=', orgId)
        .where('day', '>=', d0)
        .where('day', '<', d1)
        .execute();
    for (const table of ['analytics_inbound_hour', 'analytics_time_to_act_hour'] as const)
      await trx
        .deleteFrom(table)
        .where('org_id', '=', orgId)
        .where('hour', '>=', h0)
        .where('hour', '<', h1)
        .execute();
    if (f.from >= f.to) return void (await alsoInTransaction?.(trx));
    await trx
      .insertInto('analytics_inbound_hour')
      .columns(['hour', 'account_id', 'received', 'handled', 'questions', 'org_id'])
      .expression(inboundRaw(trx, f, HOUR).select(orgColumn))
      .execute();
    await trx
      .insertInto('analytics_inbound_day')
      .columns(['day', 'account_id', 'received', 'handled', 'questions', 'org_id'])
      .expression(
        trx
          .selectFrom('analytics_inbound_hour')
          .select((eb) => [
            sql<number>`hour / 24`.as('day'),
            'account_id',
            eb.fn.sum<number>('received').as('received'),
            eb.fn.sum<number>('handled').as('handled'),
            eb.fn.sum<number>('questions').as('questions'),
            orgColumn,
          ])
          .where('org_id', '=', orgId)
          .where('hour', '>=', h0)
          .where('hour', '<', h1)
          .groupBy([sql`1`, 'account_id']),
      )
      .execute();
    await trx
      .insertInto('analytics_moderation_day')
      .columns(['day', 'account_id', 'actor_id', 'type', 'action', 'categories', 'count', 'org_id'])
      .expression(moderationRaw(trx, f).select(orgColumn))
      .execute();
    for (let i = 0; i < dayRows.length; i += INSERT_CHUNK)
      await trx
        .insertInto('analytics_time_to_act_day')
        .values(dayRows.slice(i, i + INSERT_CHUNK))
        .execute();
    for (let i = 0; i < hourRows.length; i += INSERT_CHUNK)
      await trx
        .insertInto('analytics_time_to_act_hour')
        .values(hourRows.slice(i, i + INSERT_CHUNK))
        .execute();
    await alsoInTransaction?.(trx);
  }
}
