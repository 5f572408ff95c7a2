// The dashboard's aggregate queries. Each reads one indexed range (org or account or author + time) and groups
// by UTC day in SQL; week/month buckets and derived figures are folded in TypeScript (trends.ts), so the
// database returns at most one row per day and group.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inboundCounts, moderationRows } from './rollup-read.js';
import { DAY, type Scope } from './scope.js';

const dayOf = (column: string) => sql<number>`(${sql.ref(column)} / ${sql.lit(DAY)})`;
const n = (v: unknown) => Number(v ?? 0);
/** An empty account list means "nothing visible": no query needed. */
export const nothingVisible = (s: Scope): boolean => s.accountIds !== null && s.accountIds.length === 0;

export interface DayRow {
  day: number;
  posts: number;
  likes: number;
  replies: number;
  reposts: number;
  views: number;
  measured: number;
  received: number;
  handled: number;
  questions: number;
}

export async function postsByDay(db: Db, s: Scope): Promise<Array<{ day: number; posts: number }>> {
  let q = db
    .selectFrom('post')
    .select([dayOf('published_at').as('day'), (eb) => eb.fn.countAll().as('posts')])
    .where('org_id', '=', s.orgId)
    .where('published_at', '>=', s.from)
    .where('published_at', '<', s.to);
  if (s.accountIds) q = q.where('account_id', 'in', s.accountIds);
  if (s.authorId) q = q.where('author_id', '=', s.authorId);
  const rows = await q.groupBy(sql`1`).execute();
  return rows.map((r) => ({ day: n(r.day), posts: n(r.posts) }));
}

export async function engagementByDay(db: Db, s: Scope) {
  let q = db
    .selectFrom('post_metric_latest')
    .select((eb) => [
      dayOf('published_at').as('day'),
      eb.fn.sum('likes').as('likes'),
      eb.fn.sum('replies').as('replies'),
      eb.fn.sum('reposts').as('reposts'),
      eb.fn.sum('views').as('views'),
      // Views are null where a platform does not report them (Bluesky, Mastodon, X without impressions).
      eb.fn.count('views').as('withViews'),
      eb.fn.countAll().as('measured'),
    ])
    .where('org_id', '=', s.orgId)
    .where('published_at', '>=', s.from)
    .where('published_at', '<', s.to);
  if (s.accountIds) q = q.where('account_id', 'in', s.accountIds);
  if (s.authorId) q = q.where('author_id', '=', s.authorId);
  const rows = await q.groupBy(sql`1`).execute();
  return rows.map((r) => ({
    day: n(r.day),
    likes: n(r.likes),
    replies: n(r.replies),
    reposts: n(r.reposts),
    views: n(r.views),
    withViews: n(r.withViews),
    measured: n(r.measured),
  }));
}

/**
 * Inbound replies received per day; "handled" = a person decided or a platform action was issued; a
 * "question" is an item whose text contains "?". Not filtered by officer: items arrive on accounts.
 * Whole days come from the rollups (rollup-read.ts), the edges of the period from inbound_item.
 */
export async function inboundByDay(db: Db, s: Scope) {
  const rows = await inboundCounts(db, s, 'day');
  return [...rows].map(([day, r]) => ({ day: Number(day), ...r }));
}

/** Moderation done in the period: platform actions confirmed, and people's decisions, by category. */
export async function moderationCounts(db: Db, s: Scope) {
  const rows = await moderationRows(db, { ...s, actorId: s.authorId });
  const out = new Map<
    string,
    { kind: 'action' | 'decision'; category: string; action: string; count: number }
  >();
  const parsed = new Map<string, string[]>();
  for (const r of rows) {
    const cats = parsed.get(r.categories) ?? (JSON.parse(r.categories) as string[]);
    parsed.set(r.categories, cats);
    for (const category of cats.length ? cats : ['(none)']) {
      const kind = r.type === 'decision' ? 'decision' : 'action';
      const key = `${kind}\u0000${category}\u0000${r.action}`;
      const row = out.get(key) ?? { kind, category, action: r.action ?? '(none)', count: 0 };
      row.count += r.count;
      out.set(key, row);
    }
  }
  return [...out.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.category.localeCompare(b.category) ||
      a.kind.localeCompare(b.kind) ||
      a.action.localeCompare(b.action),
  );
}

export async function topPosts(db: Db, s: Scope, limit: number) {
  let q = db
    .selectFrom('post_metric_latest as m')
    .innerJoin('post as p', 'p.id', 'm.post_id')
    .select([
      'm.post_id',
      'm.account_id',
      'm.author_id',
      'm.published_at',
      'm.likes',
      'm.replies',
      'm.reposts',
      'm.views',
      'm.engagement',
      'p.text',
      'p.url',
    ])
    .where('m.org_id', '=', s.orgId)
    .where('m.published_at', '>=', s.from)
    .where('m.published_at', '<', s.to);
  if (s.accountIds) q = q.where('m.account_id', 'in', s.accountIds);
  if (s.authorId) q = q.where('m.author_id', '=', s.authorId);
  const rows = await q.orderBy('m.engagement', 'desc').orderBy('m.post_id').limit(limit).execute();
  return rows.map((r) => ({
    postId: r.post_id,
    accountId: r.account_id,
    authorId: r.author_id,
    publishedAt: n(r.published_at),
    likes: n(r.likes),
    replies: n(r.replies),
    reposts: n(r.reposts),
    views: r.views === null ? null : n(r.views),
    engagement: n(r.engagement),
    text: r.text,
    url: r.url,
  }));
}
