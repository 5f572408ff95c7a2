// Archive search over posts and inbound items: one keyset-paginated stream ordered newest first, merged from
// two indexed queries (each table uses its own time index; the merge takes the newest `limit`). The cursor is
// the last hit's (time, kind, id), so pages are stable while new items arrive.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { PostStatus } from '../../db/schema/publishing.js';
import { badRequest } from '../../http/errors.js';
import { inboundTextMatch, postTextMatch, queryTokens } from './fts.js';
import type { ArchiveKind } from './policy.js';

export interface ArchiveFilters {
  q?: string;
  kind?: ArchiveKind;
  accountId?: string;
  teamId?: string;
  /** An officer's user id (posts) or a public author's handle (inbound). */
  author?: string;
  category?: string;
  status?: string;
  from?: number;
  to?: number;
}

export interface ArchiveHit {
  kind: ArchiveKind;
  id: string;
  accountId: string;
  occurredAt: number;
  status: string;
  text: string;
  author: { type: 'officer' | 'public'; id: string; handle: string | null };
  categories: string[];
  redacted: boolean;
}

interface Cursor {
  ts: number;
  rank: number;
  id: string;
}
const RANK: Record<ArchiveKind, number> = { post: 0, inbound: 1 };

export function encodeCursor(h: ArchiveHit): string {
  return Buffer.from(JSON.stringify([h.occurredAt, RANK[h.kind], h.id])).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const [ts, rank, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (typeof ts === 'number' && (rank === 0 || rank === 1) && typeof id === 'string')
      return { ts, rank, id };
  } catch {}
  throw badRequest('bad_cursor', 'The cursor is not one this API returned; start again without it.');
}

type Ctx = Pick<AppContext, 'dbKind'> & { db: Db };

function inboundQuery(ctx: Ctx, orgId: string, f: ArchiveFilters, after: Cursor | null, limit: number) {
  let q = ctx.db
    .selectFrom('inbound_item')
    .select([
      'id',
      'account_id',
      'received_at as ts',
      'status',
      'text',
      'author_handle',
      'author_platform_id',
      'categories',
      sql<number | null>`redacted_at`.as('redacted_at'),
    ])
    .where('org_id', '=', orgId);
  if (f.q) q = q.where(inboundTextMatch(ctx.dbKind, queryTokens(f.q)));
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  if (f.teamId) q = q.where('account_id', 'in', teamAccounts(ctx.db, orgId, f.teamId));
  if (f.author) q = q.where('author_handle', '=', f.author);
  if (f.category) q = q.where(containsCategory(ctx, f.category));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.from !== undefined) q = q.where('received_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('received_at', '<', f.to);
  if (after) q = q.where(afterCursor('received_at', RANK.inbound, after));
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit);
}

function postQuery(ctx: Ctx, orgId: string, f: ArchiveFilters, after: Cursor | null, limit: number) {
  let q = ctx.db
    .selectFrom('post')
    .select([
      'id',
      'account_id',
      'created_at as ts',
      'status',
      'text',
      'author_id',
      sql<number | null>`redacted_at`.as('redacted_at'),
    ])
    .where('org_id', '=', orgId);
  if (f.q) q = q.where(postTextMatch(ctx.dbKind, queryTokens(f.q)));
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  if (f.teamId) q = q.where('account_id', 'in', teamAccounts(ctx.db, orgId, f.teamId));
  if (f.author) q = q.where('author_id', '=', f.author);
  if (f.status) q = q.where('status', '=', f.status as PostStatus);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  if (after) q = q.where(afterCursor('created_at', RANK.post, after));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
}

const teamAccounts = (db: Db, orgId: string, teamId: string) =>
  db
    .selectFrom('social_account')
    .select('id')
    .where('org_id', '=', orgId)
    .where('owner_team_id', '=', teamId);

/** Exact category within the JSON array text; instr/strpos, not LIKE, so "_" and "%" are literal. */
function containsCategory(ctx: Ctx, category: string) {
  const needle = JSON.stringify(category);
  return ctx.dbKind === 'postgres'
    ? sql<boolean>`strpos(categories, ${needle}) > 0`
    : sql<boolean>`instr(categories, ${needle}) > 0`;
}

/** Rows after the cursor in (time desc, kind rank asc, id desc) order. */
function afterCursor(col: string, rank: number, c: Cursor) {
  const t = sql.ref(col);
  if (rank > c.rank) return sql<boolean>`${t} <= ${c.ts}`;
  if (rank < c.rank) return sql<boolean>`${t} < ${c.ts}`;
  return sql<boolean>`(${t} < ${c.ts} or (${t} = ${c.ts} and id < ${c.id}))`;
}

const kindsFor = (allowed: ArchiveKind[], f: ArchiveFilters): ArchiveKind[] =>
  allowed.filter((k) => (!f.kind || f.kind === k) && (k === 'inbound' || !f.category));

export async function searchArchive(
  ctx: Ctx,
  orgId: string,
  allowed: ArchiveKind[],
  f: ArchiveFilters,
  page: { cursor?: string; limit: number },
): Promise<{ items: ArchiveHit[]; nextCursor: string | null }> {
  if (f.from !== undefined && f.to !== undefined && f.from >= f.to)
    throw badRequest('bad_range', '"from" must be before "to".');
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const kinds = kindsFor(allowed, f);
  const [posts, inbound] = await Promise.all([
    kinds.includes('post') ? postQuery(ctx, orgId, f, after, page.limit + 1).execute() : [],
    kinds.includes('inbound') ? inboundQuery(ctx, orgId, f, after, page.limit + 1).execute() : [],
  ]);
  const hits: ArchiveHit[] = [
    ...posts.map((r) => ({
      kind: 'post' as const,
      id: r.id,
      accountId: r.account_id,
      occurredAt: Number(r.ts),
      status: r.status,
      text: r.text,
      author: { type: 'officer' as const, id: r.author_id, handle: null },
      categories: [],
      redacted: r.redacted_at !== null,
    })),
    ...inbound.map((r) => ({
      kind: 'inbound' as const,
      id: r.id,
      accountId: r.account_id,
      occurredAt: Number(r.ts),
      status: r.status,
      text: r.text,
      author: { type: 'public' as const, id: r.author_platform_id, handle: r.author_handle },
      categories: JSON.parse(r.categories) as string[],
      redacted: r.redacted_at !== null,
    })),
  ];
  hits.sort((a, b) => b.occurredAt - a.occurredAt || RANK[a.kind] - RANK[b.kind] || (a.id < b.id ? 1 : -1));
  const items = hits.slice(0, page.limit);
  const more = hits.length > page.limit;
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!) : null };
}
