import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Archive and records: full-text indexes over inbound items and post revisions, redaction markers, retention
// rules, legal holds, evidence exports and transparency settings. The full-text index is the one place the two
// dialects differ: SQLite gets external-content FTS5 tables kept in step by triggers (so every writer, in any
// module, keeps them current without knowing about them); PostgreSQL gets GIN expression indexes on
// to_tsvector('simple', text), which the planner maintains itself. Both use no stemming ('simple'/unicode61).

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function ftsUp(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index inbound_item_fts_idx on inbound_item using gin (to_tsvector('simple', text))`.execute(
      db,
    );
    await sql`create index post_revision_fts_idx on post_revision using gin (to_tsvector('simple', text))`.execute(
      db,
    );
    return;
  }
  for (const table of ['inbound_item', 'post_revision']) {
    const fts = sql.raw(`${table}_fts`);
    const t = sql.raw(table);
    await sql`create virtual table ${fts} using fts5(text, content='${t}', content_rowid='rowid')`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_fts_ai`)} after insert on ${t} begin
      insert into ${fts}(rowid, text) values (new.rowid, new.text); end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_ad`)} after delete on ${t} begin
      insert into ${fts}(${fts}, rowid, text) values ('delete', old.rowid, old.text); end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_au`)} after update of text on ${t} begin
      insert into ${fts}(${fts}, rowid, text) values ('delete', old.rowid, old.text);
      insert into ${fts}(rowid, text) values (new.rowid, new.text); end`.execute(db);
    await sql`insert into ${fts}(${fts}) values ('rebuild')`.execute(db);
  }
}

async function ftsDown(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index inbound_item_fts_idx`.execute(db);
    await sql`drop index post_revision_fts_idx`.execute(db);
    return;
  }
  for (const table of ['inbound_item', 'post_revision']) {
    for (const s of ['ai', 'ad', 'au']) await sql`drop trigger ${sql.raw(`${table}_fts_${s}`)}`.execute(db);
    await sql`drop table ${sql.raw(`${table}_fts`)}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await ftsUp(db);
  await db.schema.alterTable('inbound_item').addColumn('redacted_at', 'bigint').execute();
  await db.schema.alterTable('post').addColumn('redacted_at', 'bigint').execute();
  const idx = (name: string, table: string, cols: string[]) =>
    db.schema.createIndex(name).on(table).columns(cols).execute();
  await idx('inbound_item_handle_idx', 'inbound_item', ['org_id', 'author_handle', 'received_at']);
  await idx('inbound_item_status_recv_idx', 'inbound_item', ['org_id', 'status', 'received_at']);
  await idx('post_org_created_idx', 'post', ['org_id', 'created_at']);

  await db.schema
    .createTable('archive_retention_rule')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_retention_rule_pk', ['org_id', 'kind', 'category'])
    .execute();
  await db.schema
    .createTable('legal_hold')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('released_at', 'bigint')
    .addColumn('released_by', 'text')
    .addColumn('release_reason', 'text')
    .execute();
  await idx('legal_hold_org_idx', 'legal_hold', ['org_id', 'released_at']);
  await db.schema
    .createTable('archive_export')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer')
    .addColumn('size_bytes', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await idx('archive_export_org_idx', 'archive_export', ['org_id', 'created_at']);
  await db.schema
    .createTable('transparency_setting')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['transparency_setting', 'archive_export', 'legal_hold', 'archive_retention_rule'])
    await db.schema.dropTable(t).execute();
  for (const i of ['inbound_item_handle_idx', 'inbound_item_status_recv_idx', 'post_org_created_idx'])
    await db.schema.dropIndex(i).execute();
  await db.schema.alterTable('post').dropColumn('redacted_at').execute();
  await db.schema.alterTable('inbound_item').dropColumn('redacted_at').execute();
  await ftsDown(db);
}
