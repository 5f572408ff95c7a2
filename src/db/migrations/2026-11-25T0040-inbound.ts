import type { Kysely } from 'kysely';

// Inbound ingestion: poll cursors, webhook delivery digests (replay protection), and an index to find the
// accounts a webhook delivery is for (by platform id, across organisations).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inbound_cursor')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('social_account.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('cursor', 'text')
    .addColumn('last_polled_at', 'bigint')
    .addColumn('next_poll_after', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inbound_delivery')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbound_delivery_expiry_idx')
    .on('inbound_delivery')
    .column('expires_at')
    .execute();

  await db.schema
    .createIndex('social_account_platform_id_idx')
    .on('social_account')
    .columns(['platform', 'platform_account_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('social_account_platform_id_idx').execute();
  await db.schema.dropTable('inbound_delivery').execute();
  await db.schema.dropTable('inbound_cursor').execute();
}
