import type { Kysely } from 'kysely';

// Publishing execution: publish attempts (recorded before the platform call, so a crash or retry never posts
// twice), post holds (which kill switch holds a post, and what it goes back to), the organisation-wide pause,
// and the Sandbox's Idempotency-Key memory.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publish_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('post.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('outcome', 'text')
    .addColumn('platform_post_id', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('publish_attempt_post_rev_idx')
    .on('publish_attempt')
    .columns(['post_id', 'revision'])
    .unique()
    .execute();

  await db.schema
    .createTable('post_hold')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('post.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_hold_org_kind_idx').on('post_hold').columns(['org_id', 'kind']).execute();

  await db.schema.alterTable('organisation').addColumn('publishing_paused_at', 'bigint').execute();
  await db.schema.alterTable('organisation').addColumn('publishing_paused_reason', 'text').execute();
  await db.schema.alterTable('organisation').addColumn('publishing_paused_by', 'text').execute();

  await db.schema
    .createTable('sandbox_idempotency')
    .addColumn('author_id', 'text', (c) => c.notNull().references('sandbox_user.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_idempotency_pk', ['author_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_idempotency').execute();
  for (const column of ['publishing_paused_by', 'publishing_paused_reason', 'publishing_paused_at'])
    await db.schema.alterTable('organisation').dropColumn(column).execute();
  await db.schema.dropTable('post_hold').execute();
  await db.schema.dropTable('publish_attempt').execute();
}
