// Dashboard reads over the rollups: whole days the rollup job has covered come from the daily rollup tables,
// whole hours of a partial first or last day from the hourly ones, and the rest (partial hours, anything after
// the last run) from the raw tables with the same aggregates (rollup-sql.ts). Counts are therefore exact as of the last run for old items and live for new
// ones; a change to an old item (a decision a day later) shows once the job has run (every 5 minutes).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type Histogram, mergeEncoded } from './histogram.js';
import {
  groupOf,
  HOUR,
  inboundRaw,
  moderationRaw,
  type RawFilter,
  type TimeToActGroups,
  timeToActRaw,
} from './rollup-sql.js';
import { DAY } from './scope.js';

const n = (v: unknown) => Number(v ?? 0);

export interface Coverage {
  /** Rollup units (days, or hours) [u0, u1) to read, or null. */
  units: [number, number] | null;
  /** Time ranges [from, to) left over. */
  raw: Array<[number, number]>;
}

/**
 * Splits [from, to) given that the rollups hold everything before rolledUntil: whole units (days or hours)
 * inside the range come from the rollups, and so does the unit rolledUntil falls in (its row covers up to
 * rolledUntil) when the range runs past it; the edges are left over.
 */
export function coverage(from: number, to: number, rolledUntil: number | null, unit = DAY): Coverage {
  if (rolledUntil === null) return { units: null, raw: [[from, to]] };
  const uA = Math.ceil(from / unit);
  const uB = Math.floor(to / unit);
  const uR = Math.floor(rolledUntil / unit);
  const u1 = Math.min(uB, uR + 1);
  if (u1 <= uA) return { units: null, raw: [[from, to]] };
  const end = uR < uB ? rolledUntil : uB * unit;
  const raw: Array<[number, number]> = [];
  if (from < uA * unit) raw.push([from, uA * unit]);
  if (end < to) raw.push([end, to]);
  return { units: [uA, u1], raw };
}

export interface Plan {
  days: [number, number] | null;
  /** Hour ranges for the partial days at the edges. */
  hours: Array<[number, number]>;
  raw: RawFilter[];
}

/** Days from the daily rollups, the partial days' whole hours from the hourly ones, the rest raw. */
export function planRead(f: ReadFilter, rolled: number | null): Plan {
  const d = coverage(f.from, f.to, rolled, DAY);
  const hours: Array<[number, number]> = [];
  const raw: RawFilter[] = [];
  for (const [a, b] of d.raw) {
    const h = coverage(a, b, rolled, HOUR);
    if (h.units) hours.push(h.units);
    for (const [from, to] of h.raw) raw.push({ ...f, from, to });
  }
  return { days: d.units, hours, raw };
}

export async function rolledUntil(db: Db, orgId: string): Promise<number | null> {
  const row = await db
    .selectFrom('analytics_rollup_state')
    .select('rolled_until')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ? Number(row.rolled_until) : null;
}

export interface ReadFilter {
  orgId: string;
  from: number;
  to: number;
  accountIds: string[] | null;
}

async function plan(db: Db, f: ReadFilter): Promise<Plan> {
  return planRead(f, await rolledUntil(db, f.orgId));
}

export interface InboundCounts {
  received: number;
  handled: number;
  questions: number;
}

/** Inbound counts grouped by day or by account. */
export async function inboundCounts(
  db: Db,
  f: ReadFilter,
  by: 'day' | 'account_id',
): Promise<Map<string | number, InboundCounts>> {
  const p = await plan(db, f);
  const out = new Map<string | number, InboundCounts>();
  const addRow = (key: string | number, r: { received: unknown; handled: unknown; questions: unknown }) => {
    const row = out.get(key) ?? { received: 0, handled: 0, questions: 0 };
    row.received += n(r.received);
    row.handled += n(r.handled);
    row.questions += n(r.questions);
    out.set(key, row);
  };
  const rolled = async () => {
    if (!p.days) return;
    let q = db
      .selectFrom('analytics_inbound_day')
      .select((eb) => [
        sql<string>`${sql.ref(by === 'day' ? 'day' : 'account_id')}`.as('k'),
        eb.fn.sum<number>('received').as('received'),
        eb.fn.sum<number>('handled').as('handled'),
        eb.fn.sum<number>('questions').as('questions'),
      ])
      .where('org_id', '=', f.orgId)
      .where('day', '>=', p.days[0])
      .where('day', '<', p.days[1]);
    if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
    const rows = await q.groupBy(by === 'day' ? 'day' : 'account_id').execute();
    for (const r of rows) addRow(by === 'day' ? n(r.k) : String(r.k), r);
  };
  const hourly = p.hours.map(async ([h0, h1]) => {
    let q = db
      .selectFrom('analytics_inbound_hour')
      .select((eb) => [
        (by === 'day' ? sql<string>`hour / 24` : sql<string>`account_id`).as('k'),
        eb.fn.sum<number>('received').as('received'),
        eb.fn.sum<number>('handled').as('handled'),
        eb.fn.sum<number>('questions').as('questions'),
      ])
      .where('org_id', '=', f.orgId)
      .where('hour', '>=', h0)
      .where('hour', '<', h1);
    if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
    for (const r of await q.groupBy(sql`1`).execute()) addRow(by === 'day' ? n(r.k) : String(r.k), r);
  });
  const raw = p.raw.map(async (rf) => {
    for (const r of await inboundRaw(db, rf).execute()) addRow(by === 'day' ? n(r.day) : r.account_id, r);
  });
  await Promise.all([rolled(), ...hourly, ...raw]);
  return out;
}

export interface ModerationRow {
  type: string;
  action: string | null;
  categories: string;
  count: number;
}

/** Moderation events (actions confirmed, decisions) by type, action and the item's categories. */
export async function moderationRows(
  db: Db,
  f: ReadFilter & { actorId: string | null },
): Promise<ModerationRow[]> {
  const p = await plan(db, f);
  const out: ModerationRow[] = [];
  const push = (r: { type: string; action: string; categories: string; count: unknown }) =>
    out.push({
      type: r.type,
      action: r.action === '' ? null : r.action,
      categories: r.categories,
      count: n(r.count),
    });
  const rolled = async () => {
    if (!p.days) return;
    let q = db
      .selectFrom('analytics_moderation_day')
      .select((eb) => ['type', 'action', 'categories', eb.fn.sum<number>('count').as('count')])
      .where('org_id', '=', f.orgId)
      .where('day', '>=', p.days[0])
      .where('day', '<', p.days[1]);
    if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
    if (f.actorId) q = q.where('actor_id', '=', f.actorId);
    for (const r of await q.groupBy(['type', 'action', 'categories']).execute()) push(r);
  };
  // No hourly moderation rows: the partial days' events are few enough to read raw.
  const edges = [...p.hours.map(([h0, h1]) => ({ ...f, from: h0 * HOUR, to: h1 * HOUR })), ...p.raw];
  const raw = edges.map(async (rf) => {
    for (const r of await moderationRaw(db, { ...rf, actorId: f.actorId }).execute()) push(r);
  });
  await Promise.all([rolled(), ...raw]);
  return out;
}

/** Time-to-act histograms per account and category over the period. */
export async function timeToActGroups(
  db: Db,
  f: ReadFilter & { category?: string },
): Promise<TimeToActGroups> {
  const p = await plan(db, f);
  const groups: TimeToActGroups = new Map();
  const merge = (r: { account_id: string; category: string; items: unknown; histograms: string }) => {
    const g = groupOf(groups, r.account_id, r.category);
    g.items += n(r.items);
    const hs = JSON.parse(r.histograms) as Record<string, number[]>;
    for (const [key, flat] of Object.entries(hs)) {
      const h = g.histograms.get(key);
      if (h) mergeEncoded(h as Histogram, flat);
    }
  };
  const rolled = async () => {
    if (!p.days) return;
    let q = db
      .selectFrom('analytics_time_to_act_day')
      .select(['account_id', 'category', 'items', 'histograms'])
      .where('org_id', '=', f.orgId)
      .where('day', '>=', p.days[0])
      .where('day', '<', p.days[1]);
    if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
    if (f.category) q = q.where('category', '=', f.category);
    for (const r of await q.execute()) merge(r);
  };
  const hourly = p.hours.map(async ([h0, h1]) => {
    let q = db
      .selectFrom('analytics_time_to_act_hour')
      .select(['account_id', 'category', 'items', 'histograms'])
      .where('org_id', '=', f.orgId)
      .where('hour', '>=', h0)
      .where('hour', '<', h1);
    if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
    if (f.category) q = q.where('category', '=', f.category);
    for (const r of await q.execute()) merge(r);
  });
  const raw = p.raw.map((rf) => timeToActRaw(db, { ...rf, category: f.category }, () => groups));
  await Promise.all([rolled(), ...hourly, ...raw]);
  return groups;
}
