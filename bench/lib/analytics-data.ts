// Generates the analytics benchmark's data set inside the database (recursive CTE on SQLite, generate_series
// on PostgreSQL), in chunks with progress: N inbound items over 365 days, N/50 posts (a quarter of them replies
// to items) with their latest engagement, N/10 moderation events, 300 accounts under a 37-team tree, 200 officers.
// Bulk load as a restore would do it: the loaded tables' secondary indexes and the archive's FTS triggers
// (SQLite) are dropped first and rebuilt once at the end (FTS by 'rebuild'), and SQLite skips fsync while
// loading. Unique/primary keys stay, so the data is checked as usual.
import { sql } from 'kysely';
import type { AppContext } from '../../src/context.js';

export const DAY = 86_400_000;
export const SPAN = 365 * DAY;
export const ACCOUNTS = 300;
export const OFFICERS = 200;
export const TEAMS = 30;
const CHUNK = 1_000_000;
const LOADED = ['inbound_item', 'post', 'post_metric_latest', 'moderation_event'];

type Kind = 'sqlite' | 'postgres';

/** FROM clause yielding i in [a, b] and the i expression as a 64-bit integer. */
function series(kind: Kind, a: number, b: number) {
  return kind === 'postgres'
    ? sql`(select g::bigint as i from generate_series(${sql.lit(a)}::bigint, ${sql.lit(b)}::bigint) as g) s`
    : sql`(with recursive r(i) as (select ${sql.lit(a)} union all select i + 1 from r where i < ${sql.lit(b)}) select i from r) s`;
}

async function chunked(label: string, total: number, run: (a: number, b: number) => Promise<unknown>) {
  const start = performance.now();
  for (let a = 1; a <= total; a += CHUNK) {
    const b = Math.min(total, a + CHUNK - 1);
    await run(a, b);
    const rate = Math.round(b / ((performance.now() - start) / 1000));
    process.stdout.write(
      `\r  ${label}: ${b.toLocaleString('en')} / ${total.toLocaleString('en')} (${rate.toLocaleString('en')}/s)   `,
    );
  }
  process.stdout.write('\n');
}

interface Saved {
  indexes: Array<{ name: string; sql: string }>;
  triggers: Array<{ name: string; sql: string }>;
}

/** Drops the loaded tables' secondary indexes (not those backing keys) and FTS triggers; returns their SQL. */
async function dropForLoad(ctx: AppContext): Promise<Saved> {
  const db = ctx.db;
  const list = sql.join(LOADED.map((t) => sql.lit(t)));
  if (ctx.dbKind === 'postgres') {
    const { rows } = await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql
      from pg_indexes where schemaname = current_schema() and tablename in (${list})
      and indexname not in (select conname from pg_constraint)`.execute(db);
    for (const i of rows) await sql`drop index ${sql.id(i.name)}`.execute(db);
    return { indexes: rows, triggers: [] };
  }
  const { rows: indexes } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in (${list})`.execute(db);
  const { rows: triggers } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'trigger' and tbl_name in (${list}) and name like '%fts%'`.execute(db);
  for (const i of indexes) await sql`drop index ${sql.id(i.name)}`.execute(db);
  for (const t of triggers) await sql`drop trigger ${sql.id(t.name)}`.execute(db);
  await sql`pragma synchronous = off`.execute(db);
  await sql`pragma cache_size = -262144`.execute(db);
  return { indexes, triggers };
}

async function restoreAfterLoad(ctx: AppContext, saved: Saved) {
  const db = ctx.db;
  const t0 = performance.now();
  if (ctx.dbKind === 'postgres') await sql`set maintenance_work_mem = '512MB'`.execute(db);
  for (const i of saved.indexes) await sql.raw(i.sql).execute(db);
  const t1 = performance.now();
  for (const t of saved.triggers) await sql.raw(t.sql).execute(db);
  if (saved.triggers.some((t) => t.name.startsWith('inbound_item_fts')))
    await sql`insert into inbound_item_fts(inbound_item_fts) values ('rebuild')`.execute(db);
  const t2 = performance.now();
  await sql`analyze`.execute(db);
  if (ctx.dbKind === 'sqlite') {
    await sql`pragma synchronous = full`.execute(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  }
  console.log(
    `  indexes rebuilt in ${((t1 - t0) / 1000).toFixed(1)} s, FTS in ${((t2 - t1) / 1000).toFixed(1)} s, ` +
      `analyze ${((performance.now() - t2) / 1000).toFixed(1)} s`,
  );
}

export async function generate(ctx: AppContext, orgId: string, n: number, end: number) {
  const kind = ctx.dbKind as Kind;
  const db = ctx.db;
  const now = Date.now();
  const teams = [{ id: 'force', parent: null as string | null }];
  for (let d = 0; d < 6; d++) teams.push({ id: `d${d}`, parent: 'force' });
  for (let t = 0; t < TEAMS; t++) teams.push({ id: `t${t}`, parent: `d${t % 6}` });
  await db
    .insertInto('team')
    .values(
      teams.map((t) => ({
        id: t.id,
        org_id: orgId,
        parent_id: t.parent,
        name: t.id,
        kind: 'team' as const,
        created_at: now,
      })),
    )
    .execute();
  const o = sql.lit(orgId);
  const t = (n2: number) => sql`(${sql.lit(end)} - (s.i * ${sql.lit(SPAN)}) / ${sql.lit(n2)})`;
  await sql`insert into social_account (id, org_id, platform, platform_account_id, handle, display_name, base_url, owner_team_id, labels, status, status_reason, credentials_secret_id, credentials_expires_at, created_at, updated_at)
    select 'acc' || s.i, ${o}, 'sandbox', 'pa' || s.i, 'h' || s.i, 'Account ' || s.i, null, 't' || (s.i % ${sql.lit(TEAMS)}), '[]', 'active', null, null, null, ${sql.lit(now)}, ${sql.lit(now)}
    from ${series(kind, 0, ACCOUNTS - 1)}`.execute(db);
  await sql`insert into app_user (id, org_id, email, name, roles, team_id, password_hash, status, status_reason, mfa_secret, mfa_enabled, mfa_last_step, failed_sign_ins, locked_until, created_at, updated_at)
    select 'u' || s.i, ${o}, 'u' || s.i || '@bench.test', 'Officer ' || s.i, '["author"]', 't' || (s.i % ${sql.lit(TEAMS)}), null, 'active', null, null, 0, null, 0, null, ${sql.lit(now)}, ${sql.lit(now)}
    from ${series(kind, 0, OFFICERS - 1)}`.execute(db);

  const saved = await dropForLoad(ctx);
  await chunked('inbound items', n, (a, b) =>
    sql`insert into inbound_item (id, org_id, account_id, platform, platform_item_id, kind, text, author_platform_id, author_handle, author_name, ref, in_reply_to_id, root_id, url, raw, matches, categories, safeguarding, priority, status, assigned_to, due_at, platform_created_at, received_at, classified_at, action_issued_at, action_confirmed_at, decided_at, created_at, updated_at)
      select 'i' || s.i, ${o}, 'acc' || (s.i % ${sql.lit(ACCOUNTS)}), 'sandbox', 'p' || s.i, 'reply',
        case when s.i % 5 = 0 then 'Is the road closed?' else 'Thanks for the update' end,
        'a' || (s.i % 50000), 'a' || (s.i % 50000), null, '{}', null, null, null, '{}', '[]',
        case s.i % 10 when 0 then '["abuse"]' when 1 then '["spam"]' when 2 then '["welfare"]' else '[]' end,
        0, 0, 'new', null, null, ${t(n)} - 5000, ${t(n)}, ${t(n)} + 50,
        case when s.i % 10 < 2 then ${t(n)} + 1000 else null end,
        case when s.i % 10 < 2 then ${t(n)} + 1500 else null end,
        case when s.i % 10 = 0 then ${t(n)} + 60000 else null end,
        ${t(n)}, ${t(n)}
      from ${series(kind, a, b)}`.execute(db),
  );
  const posts = Math.max(1, Math.floor(n / 50));
  await chunked('posts', posts, (a, b) =>
    sql`insert into post (id, org_id, batch_id, account_id, author_id, kind, text, reply_to, media_urls, status, revision, approvals_required, scheduled_at, time_zone, checks, hold_reason, platform_ref, platform_post_id, url, published_at, deleted_at, last_error, created_at, updated_at)
      select 'post' || s.i, ${o}, 'post' || s.i, 'acc' || ((s.i * 50) % ${sql.lit(ACCOUNTS)}), 'u' || (s.i % ${sql.lit(OFFICERS)}),
        case when s.i % 4 = 0 then 'reply' else 'post' end, 'Update number ' || s.i,
        case when s.i % 4 = 0 then '{"id":"p' || (s.i * 50) || '"}' else null end,
        '[]', 'published', 1, 0, null, null, '{}', null, '{"id":"x' || s.i || '"}', null, null,
        ${t(posts)} + 3600000, null, null, ${t(posts)}, ${t(posts)}
      from ${series(kind, a, b)}`.execute(db),
  );
  await chunked('engagement', posts, (a, b) =>
    sql`insert into post_metric_latest (post_id, org_id, account_id, author_id, published_at, fetched_at, likes, replies, reposts, views, engagement)
      select 'post' || s.i, ${o}, 'acc' || ((s.i * 50) % ${sql.lit(ACCOUNTS)}), 'u' || (s.i % ${sql.lit(OFFICERS)}), ${t(posts)} + 3600000, ${sql.lit(now)},
        s.i % 50, s.i % 7, s.i % 11, null, (s.i % 50) + (s.i % 7) + (s.i % 11)
      from ${series(kind, a, b)}`.execute(db),
  );
  const events = Math.max(1, Math.floor(n / 10));
  await chunked('moderation events', events, (a, b) =>
    sql`insert into moderation_event (id, org_id, item_id, type, action, actor_type, actor_id, actor_label, note, detail, created_at)
      select 'e' || s.i, ${o}, 'i' || (s.i * 10), case when s.i % 2 = 0 then 'action_succeeded' else 'decision' end, 'hide',
        'user', 'u' || (s.i % ${sql.lit(OFFICERS)}), 'bench', null, '{}', ${t(events)} + 2000
      from ${series(kind, a, b)}`.execute(db),
  );
  await restoreAfterLoad(ctx, saved);
}
