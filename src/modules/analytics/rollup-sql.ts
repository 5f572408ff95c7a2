// The raw aggregates behind the rollups, over a time range of one organisation. The rollup job stores them per
// day (rollup-job.ts); the dashboard runs the same queries on the edges of a period the rollups do not cover
// (rollup-read.ts), so both paths count the same way.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { add, bucketSql, type Histogram } from './histogram.js';
import { DAY } from './scope.js';

export const HOUR = 3_600_000;

const n = (v: unknown) => Number(v ?? 0);

export interface RawFilter {
  orgId: string;
  from: number;
  to: number;
  /** null = every account. */
  accountIds: string[] | null;
}

/** Inbound received / handled / questions by received day (or hour: unit) and account. */
export function inboundRaw(db: Db, f: RawFilter, unit = DAY) {
  let q = db
    .selectFrom('inbound_item')
    .select((eb) => [
      sql<number>`received_at / ${sql.lit(unit)}`.as('day'),
      'account_id',
      eb.fn.countAll<number>().as('received'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb('decided_at', 'is not', null), eb('action_issued_at', 'is not', null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('handled'),
      eb.fn.sum<number>(eb.case().when('text', 'like', '%?%').then(1).else(0).end()).as('questions'),
    ])
    .where('org_id', '=', f.orgId)
    .where('received_at', '>=', f.from)
    .where('received_at', '<', f.to);
  if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
  return q.groupBy([sql`1`, 'account_id']);
}

/** Moderation done (platform actions confirmed, people's decisions) by event day, item account, actor, action. */
export function moderationRaw(db: Db, f: RawFilter & { actorId?: string | null }) {
  let q = db
    .selectFrom('moderation_event as e')
    .innerJoin('inbound_item as i', 'i.id', 'e.item_id')
    .select((eb) => [
      sql<number>`e.created_at / ${sql.lit(DAY)}`.as('day'),
      'i.account_id',
      sql<string>`coalesce(e.actor_id, '')`.as('actor_id'),
      'e.type',
      sql<string>`coalesce(e.action, '')`.as('action'),
      'i.categories',
      eb.fn.countAll<number>().as('count'),
    ])
    .where('e.org_id', '=', f.orgId)
    .where('e.type', 'in', ['action_succeeded', 'decision'])
    .where('e.created_at', '>=', f.from)
    .where('e.created_at', '<', f.to);
  if (f.accountIds) q = q.where('i.account_id', 'in', f.accountIds);
  if (f.actorId) q = q.where('e.actor_id', '=', f.actorId);
  return q.groupBy([sql`1`, 'i.account_id', sql`3`, 'e.type', sql`5`, 'i.categories']);
}

/** Time-to-act stages and the inbound_item column each is stamped in (also read by moderation/time-to-act.ts). */
export const STAGES = {
  received: 'received_at',
  classified: 'classified_at',
  actionIssued: 'action_issued_at',
  actionConfirmed: 'action_confirmed_at',
  humanDecision: 'decided_at',
} as const;
export type Stage = keyof typeof STAGES;
export const MEASURES: Array<{ key: string; base: 'platform' | 'received'; stage: Stage }> = [];
for (const stage of Object.keys(STAGES) as Stage[]) {
  MEASURES.push({ key: `p.${stage}`, base: 'platform', stage });
  if (stage !== 'received') MEASURES.push({ key: `r.${stage}`, base: 'received', stage });
}

export interface TimeToActGroup {
  accountId: string;
  category: string;
  items: number;
  histograms: Map<string, Histogram>;
}
export type TimeToActGroups = Map<string, TimeToActGroup>;
export const groupKey = (accountId: string, category: string) => `${accountId}\u0000${category}`;

export function groupOf(groups: TimeToActGroups, accountId: string, category: string): TimeToActGroup {
  const key = groupKey(accountId, category);
  let g = groups.get(key);
  if (!g) {
    g = { accountId, category, items: 0, histograms: new Map(MEASURES.map((m) => [m.key, new Map()])) };
    groups.set(key, g);
  }
  return g;
}

/**
 * Time-to-act histograms of the items received in the range, per received day (or hour: unit), account and
 * category, into `into` keyed by day (hour). One pass over the items: SQL groups by the nine bucket numbers, so what leaves the
 * database is one row per distinct combination of buckets (at most the number of items, usually far fewer).
 */
export async function timeToActRaw(
  db: Db,
  f: RawFilter & { category?: string },
  into: (day: number) => TimeToActGroups,
  unit = DAY,
): Promise<void> {
  const cols = MEASURES.map((m, i) => {
    const base = m.base === 'platform' ? 'platform_created_at' : 'received_at';
    return bucketSql(sql`${sql.ref(STAGES[m.stage])} - ${sql.ref(base)}` as RawBuilder<unknown>).as(`b${i}`);
  });
  let q = db
    .selectFrom('inbound_item')
    .select((eb) => [
      sql<number>`received_at / ${sql.lit(unit)}`.as('day'),
      'account_id',
      'categories',
      ...cols,
      eb.fn.countAll<number>().as('c'),
    ])
    .where('org_id', '=', f.orgId)
    .where('received_at', '>=', f.from)
    .where('received_at', '<', f.to);
  if (f.accountIds) q = q.where('account_id', 'in', f.accountIds);
  // A coarse pre-filter only; the exact match on the parsed list is below.
  if (f.category === '(none)') q = q.where('categories', '=', '[]');
  else if (f.category) q = q.where('categories', 'like', `%${JSON.stringify(f.category)}%`);
  const positions = Array.from({ length: MEASURES.length + 3 }, (_, i) => sql.raw(String(i + 1)));
  const rows = (await q.groupBy(positions).execute()) as Array<Record<string, unknown>>;
  const parsed = new Map<string, string[]>();
  for (const r of rows) {
    const catsJson = String(r.categories);
    let cats = parsed.get(catsJson);
    if (!cats) {
      const list = JSON.parse(catsJson) as string[];
      cats = list.length ? list : ['(none)'];
      parsed.set(catsJson, cats);
    }
    const count = n(r.c);
    const groups = into(n(r.day));
    for (const category of cats) {
      if (f.category && category !== f.category) continue;
      const g = groupOf(groups, String(r.account_id), category);
      g.items += count;
      MEASURES.forEach((m, i) => {
        const b = r[`b${i}`];
        if (b !== null && b !== undefined) add(g.histograms.get(m.key) as Histogram, n(b), count);
      });
    }
  }
}
