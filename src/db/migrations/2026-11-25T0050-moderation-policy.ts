import type { Kysely } from 'kysely';

// Per-organisation moderation settings (category overrides, SLAs, flood thresholds) and the text fingerprints
// the "same text from many authors" check counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('moderation_setting')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('inbound_fingerprint')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('inbound_item.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('author_platform_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbound_fingerprint_idx')
    .on('inbound_fingerprint')
    .columns(['org_id', 'fingerprint', 'received_at'])
    .execute();
  // The item list's (org_id, received_at) index is created by the analytics migration (2026-11-25T0090).
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inbound_fingerprint').execute();
  await db.schema.dropTable('moderation_setting').execute();
}
