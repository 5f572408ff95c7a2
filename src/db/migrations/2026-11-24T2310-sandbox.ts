import type { Kysely } from 'kysely';

// The built-in Sandbox network: one shared network per installation (no org_id), served on /sandbox.
// Tokens are stored only as their SHA-256, like Parapet's own API tokens.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sandbox_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('sandbox_user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sandbox_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('sandbox_user.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply_to_id', 'text')
    .addColumn('root_id', 'text')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sandbox_post_author_idx')
    .on('sandbox_post')
    .columns(['author_id', 'id'])
    .execute();
  await db.schema.createIndex('sandbox_post_reply_to_idx').on('sandbox_post').column('reply_to_id').execute();

  await db.schema
    .createTable('sandbox_block')
    .addColumn('user_id', 'text', (c) => c.notNull().references('sandbox_user.id'))
    .addColumn('blocked_user_id', 'text', (c) => c.notNull().references('sandbox_user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_block_pk', ['user_id', 'blocked_user_id'])
    .execute();

  await db.schema
    .createTable('sandbox_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('sandbox_user.id'))
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('reported_user_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sandbox_report', 'sandbox_block', 'sandbox_post', 'sandbox_token', 'sandbox_user'])
    await db.schema.dropTable(table).execute();
}
