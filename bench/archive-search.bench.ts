/**
 * Archive search benchmark (issue 8). Run: node --import tsx bench/archive-search.bench.ts [--items N]
 * Generates N inbound items (default 10,000,000) plus N/100 posts with revisions and moderation events for
 * the hidden/deleted items, on SQLite and on a throwaway PostgreSQL cluster (bench/lib/throwaway-pg.ts, set
 * up the way scripts/run-tests.mjs does, or BENCH_PG_URL), then times the archive dashboard queries through
 * the real service code (searchArchive / itemHistory): p50/p95 of 30 runs each. Target: p95 < 200 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { itemHistory } from '../src/modules/archive/items.js';
import { type ArchiveFilters, searchArchive } from '../src/modules/archive/search.js';
import { startThrowawayPostgres } from './lib/throwaway-pg.js';

const arg = process.argv.indexOf('--items');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 10_000_000;
const BATCH = 5_000;
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
  if (rnd() < 0.001) words[3] = 'lantern'; // the searched word: ~0.1% of items
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

const COLS =
  'id, org_id, account_id, platform, platform_item_id, kind, text, author_platform_id, author_handle, author_name, ref, in_reply_to_id, root_id, url, raw, matches, categories, safeguarding, priority, status, assigned_to, due_at, platform_created_at, received_at, classified_at, action_issued_at, action_confirmed_at, decided_at, created_at, updated_at';
const row = (x: Item) => [
  x.id,
  ORG,
  x.account,
  'sandbox',
  x.id,
  'reply',
  x.text,
  x.handle,
  x.handle,
  null,
  '{}',
  null,
  null,
  null,
  JSON.stringify({ id: x.id, text: x.text }),
  '[]',
  x.categories,
  0,
  0,
  x.status,
  null,
  null,
  x.at,
  x.at,
  x.at,
  null,
  null,
  null,
  x.at,
  x.at,
];

type Loader = (rows: Item[]) => Promise<void>;

async function load(insert: Loader, label: string): Promise<void> {
  const t0 = performance.now();
  seed = 42;
  for (let i = 0; i < N; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => item(i + k));
    await insert(rows);
    if ((i / BATCH) % 40 === 0) {
      const done = i + rows.length;
      const rate = done / ((performance.now() - t0) / 1000);
      process.stdout.write(
        `  ${label}: ${done.toLocaleString()} / ${N.toLocaleString()} items (${Math.round(rate).toLocaleString()}/s)\n`,
      );
    }
  }
  console.log(
    `  ${label}: loaded ${N.toLocaleString()} items in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
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

function sqliteLoader(file: string): { insert: Loader; finish(): void } {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -1000000'); // 1 GB page cache for the bulk load
  const stmt = raw.prepare(
    `insert into inbound_item (${COLS}) values (${COLS.split(',')
      .map(() => '?')
      .join(',')})`,
  );
  const ev = raw.prepare(
    `insert into moderation_event (id, org_id, item_id, type, action, actor_type, actor_id, actor_label, note, detail, created_at) values (?, '${ORG}', ?, 'action_succeeded', ?, 'system', null, 'bench', null, '{}', ?)`,
  );
  const many = raw.transaction((rows: Item[]) => {
    for (const x of rows) {
      stmt.run(...row(x));
      if (x.status === 'hidden' || x.status === 'deleted')
        ev.run(`e-${x.id}`, x.id, x.status === 'hidden' ? 'hide' : 'delete', x.at + 1000);
    }
  });
  return {
    insert: async (rows) => void many(rows),
    finish: () => {
      raw.exec('analyze');
      raw.close();
    },
  };
}

function pgLoader(pool: pg.Pool): Loader {
  return async (rows) => {
    const cols = COLS.split(',').map((c) => c.trim());
    const types = [
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'int',
      'int',
      'text',
      'text',
      'bigint',
      'bigint',
      'bigint',
      'bigint',
      'bigint',
      'bigint',
      'bigint',
      'bigint',
      'bigint',
    ];
    const data = cols.map((_, c) => rows.map((x) => row(x)[c]));
    await pool.query(
      `insert into inbound_item (${COLS}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(',')})`,
      data,
    );
    const ev = rows.filter((x) => x.status === 'hidden' || x.status === 'deleted');
    await pool.query(
      `insert into moderation_event (id, org_id, item_id, type, action, actor_type, actor_id, actor_label, note, detail, created_at)
       select 'e-' || id, '${ORG}', id, 'action_succeeded', a, 'system', null, 'bench', null, '{}', t from unnest($1::text[], $2::text[], $3::bigint[]) as u(id, a, t)`,
      [
        ev.map((x) => x.id),
        ev.map((x) => (x.status === 'hidden' ? 'hide' : 'delete')),
        ev.map((x) => x.at + 1000),
      ],
    );
  };
}

async function seedPosts(h: DatabaseHandle): Promise<void> {
  const posts = Math.max(100, Math.floor(N / 100));
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
        text: Array.from({ length: 12 }, () => pick(VOCAB)).join(' '),
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
  const month = 30 * 86_400_000;
  const queries: Array<[string, () => Promise<unknown>]> = [
    ['full text "lantern"', () => searchArchive(ctx, ORG, all, { q: 'lantern' }, { limit: 50 })],
    ['full text 2 words', () => searchArchive(ctx, ORG, all, { q: `lantern ${VOCAB[7]}` }, { limit: 50 })],
    [
      'account + 30 days',
      () =>
        searchArchive(
          ctx,
          ORG,
          all,
          {
            accountId: `acct-${Math.floor(rnd() * ACCOUNTS)}`,
            from: NOW - 200 * 86_400_000,
            to: NOW - 200 * 86_400_000 + month,
          },
          { limit: 50 },
        ),
    ],
    [
      'category + status',
      () =>
        searchArchive(ctx, ORG, all, { category: 'abuse', status: 'hidden' } satisfies ArchiveFilters, {
          limit: 50,
        }),
    ],
    [
      'author history',
      () =>
        searchArchive(
          ctx,
          ORG,
          all,
          { author: `author${Math.floor(rnd() * AUTHORS)}.example` },
          { limit: 50 },
        ),
    ],
    [
      'item detail',
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
    [
      'page 2 (cursor)',
      async () => {
        const p1 = await searchArchive(ctx, ORG, all, { category: 'spam' }, { limit: 50 });
        return searchArchive(
          ctx,
          ORG,
          all,
          { category: 'spam' },
          { limit: 50, cursor: p1.nextCursor ?? undefined },
        );
      },
    ],
  ];
  const out: Array<[string, string, number, number]> = [];
  for (const [name, run] of queries) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    out.push([label, name, pct(times, 50), pct(times, 95)]);
  }
  return out;
}

async function main(): Promise<void> {
  console.log(
    `archive search benchmark: ${N.toLocaleString()} inbound items, ${Math.max(100, Math.floor(N / 100)).toLocaleString()} posts, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const results: Array<[string, string, number, number]> = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parapet-archive-bench-'));
  try {
    const file = path.join(dir, 'bench.db');
    const h = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(h.db as never);
    await seedFixed(h);
    await seedPosts(h);
    const l = sqliteLoader(file);
    await load(l.insert, 'sqlite');
    l.finish();
    results.push(...(await timeQueries(h, 'SQLite')));
    for (const [db, q, p50, p95] of results)
      console.log(`  ${db} ${q}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    await h.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cluster = process.env.BENCH_PG_URL ? null : await startThrowawayPostgres();
  try {
    const url = process.env.BENCH_PG_URL ?? cluster!.url;
    const h = openDatabase({ kind: 'postgres', url });
    await migrateToLatest(h.db as never);
    await seedFixed(h);
    await seedPosts(h);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    // Bulk load without the GIN index, then build it once (as a restore would); ANALYZE for the planner.
    await pool.query('drop index inbound_item_fts_idx');
    await load(pgLoader(pool), 'postgres');
    const t0 = performance.now();
    await pool.query(
      "create index inbound_item_fts_idx on inbound_item using gin (to_tsvector('simple', text))",
    );
    await pool.query('analyze');
    console.log(`  postgres: GIN index + analyze in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await pool.end();
    results.push(...(await timeQueries(h, 'PostgreSQL')));
    await h.destroy();
  } finally {
    await cluster?.stop();
  }
  console.log(`\n| database | query | p50 ms | p95 ms | p95 < 200 ms |\n|---|---|---:|---:|---|`);
  for (const [db, q, p50, p95] of results)
    console.log(`| ${db} | ${q} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p95 < 200 ? 'yes' : 'NO'} |`);
}

await main();
