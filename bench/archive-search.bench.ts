/**
 * Archive search benchmark (issue 8).
 *   flock /tmp/parapet-bench.lock node --import tsx bench/archive-search.bench.ts [--items N] [--runs 30]
 *     [--only sqlite|postgres] [--load-only]
 * Generates N inbound items (default 10,000,000) plus N/100 posts with revisions and moderation events for
 * the hidden/deleted items, on SQLite and on a throwaway PostgreSQL cluster (bench/lib/throwaway-pg.ts, set
 * up the way scripts/run-tests.mjs does, or BENCH_PG_URL), then times what the archive dashboard sends
 * (web/src/features/archive: page size 25, "Load more" cursor pages, item history) through the real service
 * code (searchArchive / itemHistory): p50/p95 of --runs runs each, PASS/FAIL against p95 < 200 ms.
 * BENCH_SQLITE_FILE / BENCH_PG_URL keep a data set between runs (reloaded only if it does not hold N items).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { itemHistory } from '../src/modules/archive/items.js';
import { type ArchiveFilters, searchArchive } from '../src/modules/archive/search.js';
import { startThrowawayPostgres } from './lib/throwaway-pg.js';

const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(opt('--items') ?? 10_000_000);
const RUNS = Number(opt('--runs') ?? 30);
/** --only sqlite|postgres */
const ONLY = opt('--only');
/** --load-only: load (or check) the kept data sets and stop, without timing (BENCH_SQLITE_FILE / BENCH_PG_URL). */
const LOAD_ONLY = process.argv.includes('--load-only');
const POSTS = Math.max(100, Math.floor(N / 100));
const BATCH = 50_000;
const ACCOUNTS = 200;
const AUTHORS = Math.max(1000, Math.floor(N / 10));
const SPAN = 2 * 365 * 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const ORG = 'org-bench';
const VOCAB = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);

let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

interface Item {
  id: string;
  account: string;
  text: string;
  handle: string;
  categories: string;
  status: string;
  at: number;
}

function item(i: number): Item {
  const words = Array.from({ length: 10 }, () => pick(VOCAB));
  // Searched words: "council" is common (~20% of items, millions at 10 M), "lantern" rare (~0.1%), "zephyr"
  // very rare (~0.001%); each generated word ("w7x") is in ~0.2% of items.
  const w = rnd();
  if (w < 0.2) words[5] = 'council';
  if (w > 0.999) words[3] = 'lantern';
  if (w > 0.2 && w < 0.20001) words[4] = 'zephyr';
  const r = rnd();
  const categories = r < 0.2 ? '["abuse"]' : r < 0.35 ? '["spam"]' : '[]';
  const s = rnd();
  const status = s < 0.05 ? 'hidden' : s < 0.08 ? 'deleted' : categories === '[]' ? 'clear' : 'recorded';
  return {
    id: `i${i.toString().padStart(9, '0')}`,
    account: `acct-${i % ACCOUNTS}`,
    text: words.join(' '),
    handle: `author${Math.floor(rnd() * AUTHORS)}.example`,
    categories,
    status,
    // Items arrive in time order (as ingestion stores them), with a little jitter.
    at: NOW - SPAN + Math.floor((i / N) * SPAN) + Math.floor(rnd() * 60_000),
  };
}

// Columns that vary per item; the rest are constants in the INSERT (fewer binds, smaller batches).
const VARYING = 'id, account_id, text, author_handle, categories, status, received_at';
const INSERT_SELECT = `id, '${ORG}', account_id, 'sandbox', id, 'reply', text, author_handle, author_handle, null,
  '{}', null, null, null, RAW, '[]', categories, 0, 0, status, null, null, received_at, received_at, received_at,
  null, null, null, received_at, received_at`;
const ALL_COLS =
  'id, org_id, account_id, platform, platform_item_id, kind, text, author_platform_id, author_handle, author_name, ref, in_reply_to_id, root_id, url, raw, matches, categories, safeguarding, priority, status, assigned_to, due_at, platform_created_at, received_at, classified_at, action_issued_at, action_confirmed_at, decided_at, created_at, updated_at';
/** One moderation event for every hidden or deleted item, set-based after the load. */
const EVENTS = `insert into moderation_event (id, org_id, item_id, type, action, actor_type, actor_id, actor_label, note, detail, created_at)
  select 'e-' || id, org_id, id, 'action_succeeded', case status when 'hidden' then 'hide' else 'delete' end,
    'system', null, 'bench', null, '{}', received_at + 1000
  from inbound_item where status in ('hidden', 'deleted')`;

type Loader = (rows: Item[]) => Promise<void>;

async function load(insert: Loader, label: string): Promise<void> {
  const t0 = performance.now();
  seed = 42;
  let pending: Promise<void> = Promise.resolve();
  for (let i = 0; i < N; i += BATCH) {
    // Build the next batch while the database (PostgreSQL: another process) stores the previous one.
    const rows = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => item(i + k));
    await pending;
    pending = insert(rows);
    if ((i / BATCH) % 10 === 0) {
      const done = i + rows.length;
      const rate = done / ((performance.now() - t0) / 1000);
      process.stdout.write(
        `  ${label}: ${done.toLocaleString()} / ${N.toLocaleString()} items (${Math.round(rate).toLocaleString()}/s)\n`,
      );
    }
  }
  await pending;
  const s = (performance.now() - t0) / 1000;
  console.log(
    `  ${label}: inserted ${N.toLocaleString()} items in ${s.toFixed(0)} s (${Math.round(N / s).toLocaleString()}/s)`,
  );
}

async function seedFixed(h: DatabaseHandle): Promise<void> {
  const now = Date.now();
  await h.db
    .insertInto('organisation')
    .values({
      id: ORG,
      name: 'Bench',
      slug: 'bench',
      require_mfa: 0,
      sso_config: null,
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
  await h.db
    .insertInto('app_user')
    .values({
      id: 'officer-1',
      org_id: ORG,
      email: 'o@example.test',
      name: 'Officer',
      roles: '["author"]',
      team_id: null,
      password_hash: null,
      status: 'active',
      status_reason: null,
      mfa_secret: null,
      mfa_enabled: 0,
      mfa_last_step: null,
      failed_sign_ins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (let a = 0; a < ACCOUNTS; a++)
    await h.db
      .insertInto('social_account')
      .values({
        id: `acct-${a}`,
        org_id: ORG,
        platform: 'sandbox',
        platform_account_id: `pa-${a}`,
        handle: `acct${a}`,
        display_name: 'A',
        base_url: null,
        owner_team_id: null,
        labels: '[]',
        status: 'active',
        status_reason: null,
        credentials_secret_id: null,
        credentials_expires_at: null,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
  // Posts (N/100) with one revision each, and an event for every hidden or deleted item, through SQL.
}

// Bulk load the way a restore would: secondary indexes and the full-text trigger dropped for the load and
// rebuilt once afterwards (one sort per index instead of 10 M random B-tree inserts). The primary key and the
// unique constraint stay. Load-only PRAGMAs (journal in memory, no fsync) are set on this connection only.
function sqliteLoader(file: string): { insert: Loader; finish(): void } {
  const raw = new SQLite(file);
  // The rollback journal in memory, not on disk (OFF is refused in better-sqlite3's defensive mode); out of WAL
  // first, which needs this to be the only connection.
  raw.pragma('journal_mode = DELETE');
  const mode = raw.pragma('journal_mode = MEMORY', { simple: true });
  if (mode !== 'memory') throw new Error(`journal_mode is ${mode}: is another connection open?`);
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -2000000'); // 2 GB page cache for the load and the index builds
  raw.pragma('temp_store = MEMORY');
  const saved = raw
    .prepare(
      `select type, name, sql from sqlite_master where tbl_name in ('inbound_item', 'moderation_event')
         and sql is not null and (type = 'index' or (type = 'trigger' and name = 'inbound_item_fts_ai'))`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  for (const o of saved) raw.exec(`drop ${o.type} ${o.name}`);
  const stmt = raw.prepare(
    `insert into inbound_item (${ALL_COLS}) select ${INSERT_SELECT.replace('RAW', "json_object('id', id, 'text', text)")}
       from (select ? as id, ? as account_id, ? as text, ? as author_handle, ? as categories, ? as status, ? as received_at)`,
  );
  const many = raw.transaction((rows: Item[]) => {
    for (const x of rows) stmt.run(x.id, x.account, x.text, x.handle, x.categories, x.status, x.at);
  });
  return {
    insert: async (rows) => void many(rows),
    finish: () => {
      const t0 = performance.now();
      raw.exec(EVENTS);
      for (const o of saved) raw.exec(o.sql);
      const t1 = performance.now();
      raw.exec(`insert into inbound_item_fts(inbound_item_fts) values ('rebuild')`);
      const t2 = performance.now();
      raw.exec('analyze');
      raw.pragma('journal_mode = WAL');
      raw.close();
      console.log(
        `  sqlite: events + ${saved.length - 1} indexes ${((t1 - t0) / 1000).toFixed(0)} s, FTS rebuild ${((t2 - t1) / 1000).toFixed(0)} s, analyze ${((performance.now() - t2) / 1000).toFixed(0)} s`,
      );
    },
  };
}

/** PostgreSQL: secondary indexes (and the GIN index) dropped for the load, multi-row unnest inserts. */
async function pgLoader(pool: pg.Pool): Promise<{ insert: Loader; finish(): Promise<void> }> {
  const { rows: saved } = await pool.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename in ('inbound_item', 'moderation_event')
       and indexname not in (select conname from pg_constraint)`,
  );
  for (const i of saved) await pool.query(`drop index ${i.indexname}`);
  const types = ['text', 'text', 'text', 'text', 'text', 'text', 'bigint'];
  const sqlText = `insert into inbound_item (${ALL_COLS})
    select ${INSERT_SELECT.replace('RAW', "json_build_object('id', id, 'text', text)::text")}
    from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(',')}) as u(${VARYING})`;
  return {
    insert: async (rows) => {
      await pool.query(sqlText, [
        rows.map((x) => x.id),
        rows.map((x) => x.account),
        rows.map((x) => x.text),
        rows.map((x) => x.handle),
        rows.map((x) => x.categories),
        rows.map((x) => x.status),
        rows.map((x) => x.at),
      ]);
    },
    finish: async () => {
      const t0 = performance.now();
      const c = await pool.connect();
      try {
        await c.query(EVENTS);
        await c.query(`set maintenance_work_mem = '1GB'`);
        await c.query('set max_parallel_maintenance_workers = 1');
        for (const i of saved) await c.query(i.indexdef);
        const t1 = performance.now();
        await c.query('vacuum analyze');
        console.log(
          `  postgres: events + ${saved.length} indexes (GIN included) ${((t1 - t0) / 1000).toFixed(0)} s, vacuum analyze ${((performance.now() - t1) / 1000).toFixed(0)} s`,
        );
      } finally {
        c.release();
      }
    },
  };
}

async function seedPosts(h: DatabaseHandle): Promise<void> {
  const posts = POSTS;
  for (let i = 0; i < posts; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, posts - i) }, (_, k) => {
      const at = NOW - Math.floor(rnd() * SPAN);
      return {
        id: `p${i + k}`,
        org_id: ORG,
        batch_id: `b${i + k}`,
        account_id: `acct-${(i + k) % ACCOUNTS}`,
        author_id: 'officer-1',
        kind: 'post' as const,
        text: [...Array.from({ length: 11 }, () => pick(VOCAB)), rnd() < 0.2 ? 'council' : pick(VOCAB)].join(
          ' ',
        ),
        reply_to: null,
        media_urls: '[]',
        status: 'published' as const,
        revision: 1,
        approvals_required: 0,
        scheduled_at: null,
        time_zone: null,
        checks: '{}',
        hold_reason: null,
        platform_ref: null,
        platform_post_id: null,
        url: null,
        published_at: at,
        deleted_at: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      };
    });
    await h.db
      .insertInto('post')
      .values(rows as never)
      .execute();
    await h.db
      .insertInto('post_revision')
      .values(
        rows.map((p) => ({
          post_id: p.id,
          org_id: ORG,
          revision: 1,
          text: p.text,
          edited_by: 'officer-1',
          created_at: p.created_at,
        })),
      )
      .execute();
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function timeQueries(
  h: DatabaseHandle,
  label: string,
): Promise<Array<[string, string, number, number]>> {
  const ctx = { db: h.db, dbKind: h.kind };
  const all: ['post', 'inbound'] = ['post', 'inbound'];
  const DAY = 86_400_000;
  const LIMIT = 25; // the dashboard's page size (web/src/features/archive/hooks.ts)
  const search = (f: ArchiveFilters, cursor?: string) =>
    searchArchive(ctx, ORG, all, f, { limit: LIMIT, cursor });
  /** The dashboard's "Load more": the first page, then the page after it. */
  const page2 = async (f: ArchiveFilters) => search(f, (await search(f)).nextCursor ?? undefined);
  const account = () => `acct-${Math.floor(rnd() * ACCOUNTS)}`;
  const author = () => `author${Math.floor(rnd() * AUTHORS)}.example`;
  const someDay = () => NOW - Math.floor(rnd() * 600) * DAY;
  /** A period of `days` ending on a random day (the date pickers send whole days). */
  const period = (days: number) => {
    const to = someDay();
    return { from: to - days * DAY, to };
  };
  const mid = () => pick(VOCAB);
  const queries: Array<[string, () => Promise<unknown>]> = [
    ['newest, no filters', () => search({})],
    ['text common "council"', () => search({ q: 'council' })],
    ['text rare "lantern"', () => search({ q: 'lantern' })],
    ['text very rare "zephyr"', () => search({ q: 'zephyr' })],
    ['text mid word', () => search({ q: mid() })],
    ['text 2 words common+mid', () => search({ q: `council ${mid()}` })],
    ['text 2 words mid+mid', () => search({ q: `${mid()} ${mid()}` })],
    ['text no match', () => search({ q: 'qqqnomatch' })],
    ['text common, page 2', () => page2({ q: 'council' })],
    ['text rare, page 2', () => page2({ q: 'lantern' })],
    ['text common + account', () => search({ q: 'council', accountId: account() })],
    ['text common + 30 days', () => search({ q: 'council', ...period(30) })],
    ['text common + status hidden', () => search({ q: 'council', status: 'hidden' })],
    ['text common + category abuse', () => search({ q: 'council', category: 'abuse' })],
    ['text mid + account', () => search({ q: mid(), accountId: account() })],
    ['text common, posts only', () => search({ q: 'council', kind: 'post' })],
    ['account', () => search({ accountId: account() })],
    ['account + 30 days', () => search({ accountId: account(), ...period(30) })],
    ['period 1 day', () => search({ ...period(1) })],
    ['status hidden', () => search({ status: 'hidden' })],
    ['category abuse', () => search({ category: 'abuse' })],
    ['category + status', () => search({ category: 'abuse', status: 'hidden' })],
    ['category + account', () => search({ category: 'spam', accountId: account() })],
    ['status + account', () => search({ status: 'deleted', accountId: account() })],
    ['author (public handle)', () => search({ author: author() })],
    ['author (officer), posts', () => search({ author: 'officer-1', kind: 'post' })],
    ['page 2, no filters', () => page2({})],
    ['page 2, category spam', () => page2({ category: 'spam' })],
    ['page 2, account', () => page2({ accountId: account() })],
    [
      'item history (inbound)',
      () =>
        itemHistory(
          h.db,
          ORG,
          'inbound',
          `i${Math.floor(rnd() * N)
            .toString()
            .padStart(9, '0')}`,
        ),
    ],
    ['item history (post)', () => itemHistory(h.db, ORG, 'post', `p${Math.floor(rnd() * POSTS)}`)],
  ];
  const out: Array<[string, string, number, number]> = [];
  for (const [name, run] of queries) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    const row: [string, string, number, number] = [label, name, pct(times, 50), pct(times, 95)];
    console.log(
      `  ${label} ${name}: p50 ${row[2].toFixed(1)} ms, p95 ${row[3].toFixed(1)} ms ${row[3] < 200 ? 'PASS' : 'FAIL'}`,
    );
    out.push(row);
  }
  return out;
}

async function sqliteRun(): Promise<Array<[string, string, number, number]>> {
  // BENCH_SQLITE_FILE keeps the data set between runs (loaded once, reused while it holds N items).
  const keep = process.env.BENCH_SQLITE_FILE;
  const dir = keep ? null : mkdtempSync(path.join(os.tmpdir(), 'parapet-archive-bench-'));
  const file = keep ?? path.join(dir!, 'bench.db');
  try {
    let h = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(h.db as never);
    if (!(await ready(h))) {
      if (keep) {
        await h.destroy();
        rmSync(file, { force: true });
        rmSync(`${file}-wal`, { force: true });
        rmSync(`${file}-shm`, { force: true });
        h = openDatabase({ kind: 'sqlite', file });
        await migrateToLatest(h.db as never);
      }
      const t0 = performance.now();
      await seedFixed(h);
      await seedPosts(h);
      await h.destroy();
      const l = sqliteLoader(file);
      await load(l.insert, 'sqlite');
      l.finish();
      console.log(`  sqlite: data set ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      h = openDatabase({ kind: 'sqlite', file });
    } else console.log(`  sqlite: reusing ${file}`);
    const r = LOAD_ONLY ? [] : await timeQueries(h, 'SQLite');
    await h.destroy();
    return r;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRun(): Promise<Array<[string, string, number, number]>> {
  // BENCH_PG_URL: a server of your own; its data set is reused while it holds N items.
  const cluster = process.env.BENCH_PG_URL ? null : await startThrowawayPostgres();
  try {
    const url = process.env.BENCH_PG_URL ?? cluster!.url;
    const h = openDatabase({ kind: 'postgres', url });
    await migrateToLatest(h.db as never);
    if (!(await ready(h))) {
      const t0 = performance.now();
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      if ((await count(h)) !== 0)
        await pool.query(
          'truncate moderation_event, inbound_item, post_revision, post, social_account, app_user, organisation cascade',
        );
      await seedFixed(h);
      await seedPosts(h);
      const l = await pgLoader(pool);
      await load(l.insert, 'postgres');
      await l.finish();
      await pool.end();
      console.log(`  postgres: data set ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } else console.log('  postgres: reusing the data set at BENCH_PG_URL');
    const r = LOAD_ONLY ? [] : await timeQueries(h, 'PostgreSQL');
    await h.destroy();
    return r;
  } finally {
    await cluster?.stop();
  }
}

/** A kept data set is reused only if it holds N items and its load finished (the full-text index is back). */
async function ready(h: DatabaseHandle): Promise<boolean> {
  if ((await count(h)) !== N) return false;
  const q =
    h.kind === 'postgres'
      ? sql<{ n: number }>`select count(*) as n from pg_indexes where indexname = 'inbound_item_fts_idx'`
      : sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'inbound_item_fts_ai'`;
  return Number((await q.execute(h.db)).rows[0]!.n) === 1;
}

async function count(h: DatabaseHandle): Promise<number> {
  const r = await h.db
    .selectFrom('inbound_item')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('org_id', '=', ORG)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function main(): Promise<void> {
  console.log(
    `archive search benchmark: ${N.toLocaleString()} inbound items, ${POSTS.toLocaleString()} posts, ${RUNS} runs per query, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const results: Array<[string, string, number, number]> = [];
  if (ONLY !== 'postgres') results.push(...(await sqliteRun()));
  if (ONLY !== 'sqlite') results.push(...(await postgresRun()));
  console.log(`\n| database | query | p50 ms | p95 ms | p95 < 200 ms |\n|---|---|---:|---:|---|`);
  for (const [db, q, p50, p95] of results)
    console.log(`| ${db} | ${q} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p95 < 200 ? 'PASS' : 'FAIL'} |`);
  const failed = results.filter((r) => r[3] >= 200).length;
  console.log(
    `\n${failed === 0 ? 'PASS' : 'FAIL'}: ${results.length - failed}/${results.length} queries under 200 ms p95`,
  );
}

await main();
