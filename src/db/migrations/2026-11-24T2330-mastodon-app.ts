import type { Kysely } from 'kysely';

// Parapet registers itself once per Mastodon instance (§5.1); the client secret lives only in the vault.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mastodon_app')
    .addColumn('instance_url', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mastodon_app').execute();
}
