// Per-account, per-officer and per-team tables for a period. Teams are rolled up from their accounts
// (social_account.owner_team_id) so each team's row includes every sub-team below it.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { subtreeOf } from './policy.js';
import { nothingVisible } from './queries.js';
import { inboundCounts } from './rollup-read.js';
import type { Scope } from './scope.js';

export interface BreakdownRow {
  id: string;
  name: string;
  posts: number;
  engagement: number;
  engagementPerPost: number | null;
  received: number;
  handled: number;
}

const n = (v: unknown) => Number(v ?? 0);
type Key = 'account_id' | 'author_id';

async function grouped(db: Db, s: Scope, key: Key) {
  let posts = db
    .selectFrom('post')
    .select([sql<string>`${sql.ref(key)}`.as('k'), (eb) => eb.fn.countAll().as('c')])
    .where('org_id', '=', s.orgId)
    .where('published_at', '>=', s.from)
    .where('published_at', '<', s.to);
  let eng = db
    .selectFrom('post_metric_latest')
    .select([sql<string>`${sql.ref(key)}`.as('k'), (eb) => eb.fn.sum('engagement').as('c')])
    .where('org_id', '=', s.orgId)
    .where('published_at', '>=', s.from)
    .where('published_at', '<', s.to);
  if (s.accountIds) {
    posts = posts.where('account_id', 'in', s.accountIds);
    eng = eng.where('account_id', 'in', s.accountIds);
  }
  if (s.authorId) {
    posts = posts.where('author_id', '=', s.authorId);
    eng = eng.where('author_id', '=', s.authorId);
  }
  const [p, e] = await Promise.all([posts.groupBy(sql`1`).execute(), eng.groupBy(sql`1`).execute()]);
  return { posts: new Map(p.map((r) => [r.k, n(r.c)])), engagement: new Map(e.map((r) => [r.k, n(r.c)])) };
}

/** Received and handled per account: rollups for whole days, raw edges (rollup-read.ts). */
async function inboundByAccount(db: Db, s: Scope) {
  return (await inboundCounts(db, s, 'account_id')) as Map<string, { received: number; handled: number }>;
}

const row = (
  id: string,
  name: string,
  posts: number,
  engagement: number,
  received = 0,
  handled = 0,
): BreakdownRow => ({
  id,
  name,
  posts,
  engagement,
  engagementPerPost: posts ? Math.round((engagement / posts) * 100) / 100 : null,
  received,
  handled,
});

export async function byAccount(db: Db, s: Scope): Promise<BreakdownRow[]> {
  if (nothingVisible(s)) return [];
  let accounts = db
    .selectFrom('social_account')
    .select(['id', 'handle', 'platform', 'owner_team_id'])
    .where('org_id', '=', s.orgId);
  if (s.accountIds) accounts = accounts.where('id', 'in', s.accountIds);
  const [list, g, inbound] = await Promise.all([
    accounts.execute(),
    grouped(db, s, 'account_id'),
    inboundByAccount(db, s),
  ]);
  return list
    .map((a) => {
      const i = inbound.get(a.id);
      return row(
        a.id,
        `${a.platform}:${a.handle}`,
        g.posts.get(a.id) ?? 0,
        g.engagement.get(a.id) ?? 0,
        i?.received,
        i?.handled,
      );
    })
    .sort((a, b) => b.posts - a.posts || a.name.localeCompare(b.name));
}

export async function byOfficer(db: Db, s: Scope): Promise<BreakdownRow[]> {
  if (nothingVisible(s)) return [];
  const g = await grouped(db, s, 'author_id');
  const ids = [...new Set([...g.posts.keys(), ...g.engagement.keys()])];
  if (ids.length === 0) return [];
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('org_id', '=', s.orgId)
    .where('id', 'in', ids)
    .execute();
  return users
    .map((u) => row(u.id, u.name, g.posts.get(u.id) ?? 0, g.engagement.get(u.id) ?? 0))
    .sort((a, b) => b.posts - a.posts || a.name.localeCompare(b.name));
}

export async function byTeam(db: Db, s: Scope): Promise<BreakdownRow[]> {
  const [teams, accounts, owners] = await Promise.all([
    db.selectFrom('team').select(['id', 'name', 'parent_id']).where('org_id', '=', s.orgId).execute(),
    byAccount(db, s),
    db.selectFrom('social_account').select(['id', 'owner_team_id']).where('org_id', '=', s.orgId).execute(),
  ]);
  const ownerOf = new Map(owners.map((o) => [o.id, o.owner_team_id]));
  const roots = s.teamId ? subtreeOf(teams, s.teamId) : teams.map((t) => t.id);
  return teams
    .filter((t) => roots.includes(t.id))
    .map((t) => {
      const subtree = new Set(subtreeOf(teams, t.id));
      const mine = accounts.filter((a) => subtree.has(ownerOf.get(a.id) ?? ''));
      const sum = (f: (a: BreakdownRow) => number) => mine.reduce((acc, a) => acc + f(a), 0);
      return row(
        t.id,
        t.name,
        sum((a) => a.posts),
        sum((a) => a.engagement),
        sum((a) => a.received),
        sum((a) => a.handled),
      );
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
