// Archive search over posts and inbound items: one keyset-paginated stream ordered newest first, merged from
// two indexed queries (each table uses its own time index; the merge takes the newest `limit`). The cursor is
// the last hit's (time, kind, id), so pages are stable while new items arrive.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { PostStatus } from '../../db/schema/publishing.js';
import { badRequest } from '../../http/errors.js';
import { ftsPhrase, inboundTextMatch, postTextMatch, queryTokens, tsMatch } from './fts.js';
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
      'inbound_item.id as id',
      'account_id',
      'received_at as ts',
      'status',
      'inbound_item.text as text',
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
  return q.orderBy('received_at', 'desc').orderBy('inbound_item.id', 'desc').limit(limit);
}

type InboundRow = Awaited<ReturnType<ReturnType<typeof inboundQuery>['execute']>>[number];

/** Matching inbound items, newest first; on SQLite, words in many items take the rowid-order path. */
async function inboundRows(
  ctx: Ctx,
  orgId: string,
  f: ArchiveFilters,
  after: Cursor | null,
  limit: number,
): Promise<InboundRow[]> {
  if (ctx.dbKind === 'sqlite' && f.q) {
    const rows = await sqliteTextRows(ctx, orgId, f, after, limit);
    if (rows) return rows;
  }
  if (ctx.dbKind === 'postgres' && f.q) return newestByScan(ctx, orgId, f, after, limit);
  return inboundQuery(ctx, orgId, f, after, limit).execute();
}

/**
 * PostgreSQL: with ORDER BY time LIMIT n the planner walks the time index and tests every row's text when it
 * expects a word to be frequent enough, which for a rare word (or none) means computing to_tsvector for every
 * row (seconds at 1 M items). So: test only the newest `pgScanRows` rows that pass the filters; if they hold a
 * full page, that page is exact (every other row is older). Otherwise try time windows (growingWindows), and
 * only then look every match up through the GIN index and sort them (`received_at + 0` keeps the planner off
 * the time index): at 10 M items those lookups are random reads across the table (~0.3–1 s for 20,000 matches).
 */
async function newestByScan(
  ctx: Ctx,
  orgId: string,
  f: ArchiveFilters,
  after: Cursor | null,
  limit: number,
): Promise<InboundRow[]> {
  const rest = { ...f, q: undefined };
  const scan = searchTuning.pgScanRows;
  const rows = await ctx.db
    .selectFrom(inboundQuery(ctx, orgId, rest, after, scan).as('w'))
    .selectAll('w')
    .where(tsMatch(sql.ref('w.text'), queryTokens(f.q!)))
    .orderBy('w.ts', 'desc')
    .orderBy('w.id', 'desc')
    .limit(limit)
    .execute();
  if (rows.length >= limit) return rows;
  // The newest rows did not hold a page: a word in perhaps one item in a few hundred (or, with no match among
  // them, fewer). Size time windows from that density and let the GIN and time indexes meet there (only the
  // window's matches are read). A window that is the whole scope answers exactly, so no count is needed first.
  const found = await growingWindows(ctx, orgId, f, after, limit, (limit * scan) / Math.max(rows.length, 1));
  if (found) return found;
  const window = await ctx.db
    .selectFrom(inboundQuery(ctx, orgId, rest, after, scan).as('w'))
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(window.n) < scan) return rows;
  return inboundQuery(ctx, orgId, f, after, limit)
    .clearOrderBy()
    .orderBy(sql`received_at + 0`, 'desc')
    .orderBy('inbound_item.id', 'desc')
    .execute();
}

export const searchTuning = {
  /** SQLite: from this many matches (a common word) the newest are read in rowid order (newestByRowid). */
  manyMatches: 50_000,
  /** Matches read past the page, in rowid order, so rows a little out of time order need no extra check. */
  margin: 32,
  /** Rows below an upper time bound whose largest rowid is where the newest-rowid read starts. */
  lookback: 1000,
  /** Most rows out of time order checked before falling back to the plain plan. */
  maxOutOfOrder: 2000,
  /** PostgreSQL: newest rows whose text is tested before the matches are looked up through the GIN index. */
  pgScanRows: 4000,
  /** First time window: this many times the rows a page needs at the word's density (a miss: 4 times larger). */
  windowFactor: 3,
  /**
   * Largest time window (rows of the time index) read before the plain plan is cheaper: at 10 M items SQLite
   * walks 130,000 index rows in ~18 ms, while looking up 1,000 matches across the file costs ~50–100 ms cold.
   */
  maxWindow: 600_000,
  /** SQLite: fewer matches than this are looked up one by one (the plain plan). */
  fewMatches: 500,
};

/**
 * SQLite: choose by the number of matches, counted in FTS5 alone (no table rows) up to `manyMatches`.
 *   - fewer than `fewMatches`: the plain plan, one row lookup per match;
 *   - up to `manyMatches`: time windows (growingWindows), the first sized to hold about `windowFactor` pages;
 *   - more: newestByRowid.
 * Returns null for the plain plan.
 */
async function sqliteTextRows(
  ctx: Ctx,
  orgId: string,
  f: ArchiveFilters,
  after: Cursor | null,
  limit: number,
): Promise<InboundRow[] | null> {
  const phrase = ftsPhrase(queryTokens(f.q!));
  const probe = await sql<{ n: number }>`select count(*) as n from (select rowid from inbound_item_fts
    where inbound_item_fts match ${phrase} limit ${searchTuning.manyMatches})`.execute(ctx.db);
  const matches = Number(probe.rows[0]!.n);
  if (matches >= searchTuning.manyMatches) return newestByRowid(ctx, orgId, f, after, limit);
  if (matches < searchTuning.fewMatches || matches === 0) return null;
  // Rows in the table (all organisations: an upper bound for this one's), from the rowid B-tree's last entry.
  const top = await sql<{ n: number | null }>`select max(rowid) as n from inbound_item`.execute(ctx.db);
  return growingWindows(ctx, orgId, f, after, limit, (limit * Number(top.rows[0]?.n ?? 0)) / matches);
}

/**
 * newestInWindow with `windowFactor` times the rows expected to hold a page (`rowsPerPage`), then four times
 * that, and so on up to `maxWindow`: the estimate is noisy (PostgreSQL's comes from a few newest matches) and
 * recent items need not have the word's average density. Null when even the largest window misses the page.
 */
async function growingWindows(
  ctx: Ctx,
  orgId: string,
  f: ArchiveFilters,
  after: Cursor | null,
  limit: number,
  rowsPerPage: number,
): Promise<InboundRow[] | null> {
  let size = Math.max(limit, Math.ceil(searchTuning.windowFactor * rowsPerPage));
  for (; size <= searchTuning.maxWindow; size *= 4) {
    const rows = await newestInWindow(ctx, orgId, f, after, limit, size);
    if (rows) return rows;
  }
  return null;
}

/**
 * A word in some thousands of items, at 10 M items: looking every match up (random reads across the whole
 * table, a different set for every word) and sorting is what costs, not the full-text index. So: find the time
 * T of the `size`-th newest row in the search's indexed scope (organisation or account, time bounds, cursor)
 * from the time index alone, then search only received_at >= T, where the newest rows live. SQLite walks the
 * time index there and tests each rowid against the FTS5 matches (`+rowid` keeps it from starting at the
 * matches); PostgreSQL ANDs the GIN and time-index bitmaps. Table rows are read only for matches in the window.
 * The page is exact when the window holds a full page (every row outside is older than every row in it) or is
 * the whole scope; otherwise null: the caller falls back to a plan that reads every match.
 */
async function newestInWindow(
  ctx: Ctx,
  orgId: string,
  f: ArchiveFilters,
  after: Cursor | null,
  limit: number,
  size: number,
): Promise<InboundRow[] | null> {
  // Account ids are unique across organisations, so the account index alone bounds the window.
  let edge = f.accountId
    ? ctx.db.selectFrom('inbound_item').where('account_id', '=', f.accountId)
    : ctx.db.selectFrom('inbound_item').where('org_id', '=', orgId);
  if (f.from !== undefined) edge = edge.where('received_at', '>=', f.from);
  if (f.to !== undefined) edge = edge.where('received_at', '<', f.to);
  if (after) edge = edge.where('received_at', '<=', after.ts);
  const bound = await edge
    .select('received_at as ts')
    .orderBy('received_at', 'desc')
    .limit(1)
    .offset(size - 1)
    .executeTakeFirst();
  let q = inboundQuery(ctx, orgId, { ...f, q: undefined }, after, limit);
  if (bound) q = q.where('received_at', '>=', Number(bound.ts));
  const tokens = queryTokens(f.q!);
  q =
    ctx.dbKind === 'postgres'
      ? q.where(tsMatch(sql.ref('inbound_item.text'), tokens))
      : q.where(
          sql<boolean>`+inbound_item.rowid in (select rowid from inbound_item_fts where inbound_item_fts match ${ftsPhrase(tokens)})`,
        );
  const rows = await q.execute();
  return rows.length >= limit || !bound ? rows : null;
}

/**
 * SQLite, a word in many items: FTS5 reads its matches newest-rowid first and stops after `limit + margin` that
 * pass the filters, instead of looking up every match (millions for a common word) and sorting them by time.
 * Rowids follow arrival (received_at is set on insert), but not strictly (clock steps, imports), so the page is
 * made exact: every row that belongs in it has received_at >= T, the oldest of the first `limit` rows read, and
 * the read covers every match in its rowid range; rows with received_at >= T outside that range (stored before
 * it, or after it with an upper time bound) are found through the time index, filtered, and checked in FTS5.
 * test/archive-search-paths.test.ts checks that both plans give the same pages.
 * Called from this many matches on (sqliteTextRows). Returns null when too many rows are out of order.
 */
async function newestByRowid(
  ctx: Ctx,
  orgId: string,
  f: ArchiveFilters,
  after: Cursor | null,
  limit: number,
): Promise<InboundRow[] | null> {
  const phrase = ftsPhrase(queryTokens(f.q!));
  const rest = { ...f, q: undefined };
  // With an upper time bound, start the read at the rowids of the rows just below it, not at the newest.
  let top: number | null = null;
  if (f.to !== undefined) {
    const r = await sql<{ top: number | null }>`select max(rid) as top from (select rowid as rid
      from inbound_item where org_id = ${orgId} and received_at < ${f.to}
      order by received_at desc limit ${searchTuning.lookback})`.execute(ctx.db);
    if (r.rows[0]?.top == null) return [];
    top = Number(r.rows[0].top);
  }
  const want = limit + searchTuning.margin;
  let read = inboundQuery(ctx, orgId, rest, after, want)
    .innerJoin(sql<{ rowid: number }>`inbound_item_fts`.as('f'), (j) =>
      j.on(sql<boolean>`f.rowid = inbound_item.rowid`),
    )
    .where(sql<boolean>`f.inbound_item_fts match ${phrase}`)
    .select(sql<number>`inbound_item.rowid`.as('rid'))
    .clearOrderBy()
    .orderBy(sql`f.rowid`, 'desc');
  if (top !== null) read = read.where(sql<boolean>`f.rowid <= ${top}`);
  const rows = await read.execute();
  // Read everything at or below `top`: only rows above it can be missing. Otherwise rows below the read, too.
  const complete = rows.length < want;
  const bottom = complete ? null : Number(rows[rows.length - 1]!.rid);
  if (complete && top === null) return sortHits(rows).slice(0, limit);
  const oldest = rows.length < limit ? null : Math.min(...rows.slice(0, limit).map((r) => Number(r.ts)));
  let outside = inboundQuery(ctx, orgId, rest, after, searchTuning.maxOutOfOrder + 1)
    .select(sql<number>`inbound_item.rowid`.as('rid'))
    .where((e) =>
      e.or([
        ...(bottom !== null ? [e(sql`inbound_item.rowid`, '<', bottom)] : []),
        ...(top !== null ? [e(sql`inbound_item.rowid`, '>', top)] : []),
      ]),
    );
  if (oldest !== null) outside = outside.where('received_at', '>=', oldest);
  const candidates = await outside.execute();
  if (candidates.length > searchTuning.maxOutOfOrder) return null;
  if (candidates.length === 0) return sortHits(rows).slice(0, limit);
  const rids = candidates.map((c) => Number(c.rid));
  const hits = await sql<{ rid: number }>`select rowid as rid from inbound_item_fts
    where inbound_item_fts match ${phrase} and rowid >= ${Math.min(...rids)} and rowid <= ${Math.max(...rids)}`.execute(
    ctx.db,
  );
  const matched = new Set(hits.rows.map((h) => Number(h.rid)));
  const extra = candidates.filter((c) => matched.has(Number(c.rid)));
  return sortHits([...rows, ...extra]).slice(0, limit);
}

/** (time desc, id desc), without the helper column. */
function sortHits(rows: Array<InboundRow & { rid?: number }>): InboundRow[] {
  return rows
    .map(({ rid: _rid, ...r }) => r)
    .sort((a, b) => Number(b.ts) - Number(a.ts) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
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

/**
 * Matching posts, newest first. PostgreSQL, with words: the planner walks the time index and computes
 * to_tsvector for every revision when it expects enough matches (a mid-frequency word: ~900 ms at 100,000
 * posts), so the newest `pgScanRows` posts are tested first (a common word fills the page there), and otherwise
 * the matches come from the GIN index and are sorted (`created_at + 0` keeps the planner off the time index).
 */
async function postRows(ctx: Ctx, orgId: string, f: ArchiveFilters, after: Cursor | null, limit: number) {
  if (ctx.dbKind !== 'postgres' || !f.q) return postQuery(ctx, orgId, f, after, limit).execute();
  const tokens = queryTokens(f.q);
  const rows = await ctx.db
    .selectFrom(postQuery(ctx, orgId, { ...f, q: undefined }, after, searchTuning.pgScanRows).as('w'))
    .selectAll('w')
    .where(
      sql<boolean>`w.id in (select post_id from post_revision where ${tsMatch(sql.ref('post_revision.text'), tokens)})`,
    )
    .orderBy('w.ts', 'desc')
    .orderBy('w.id', 'desc')
    .limit(limit)
    .execute();
  if (rows.length >= limit) return rows;
  return postQuery(ctx, orgId, f, after, limit)
    .clearOrderBy()
    .orderBy(sql`created_at + 0`, 'desc')
    .orderBy('id', 'desc')
    .execute();
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
  // The leading `<=` lets a time index seek to the cursor instead of testing every newer row.
  return sql<boolean>`(${t} <= ${c.ts} and (${t} < ${c.ts} or id < ${c.id}))`;
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
    kinds.includes('post') ? postRows(ctx, orgId, f, after, page.limit + 1) : [],
    kinds.includes('inbound') ? inboundRows(ctx, orgId, f, after, page.limit + 1) : [],
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
