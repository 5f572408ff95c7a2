import type { Kysely } from 'kysely';

// Publishing governance from draft to cleared: N-step approval per account, when each post was submitted
// (for the per-user posting rate), and each organisation's outbound-anomaly settings.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('social_account')
    .addColumn('approval_steps', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('post').addColumn('submitted_at', 'bigint').execute();
  await db.schema
    .createIndex('post_author_submitted_idx')
    .on('post')
    .columns(['org_id', 'author_id', 'submitted_at'])
    .execute();
  await db.schema
    .createTable('publishing_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('posts_per_user_per_hour', 'integer', (c) => c.notNull())
    .addColumn('volume_alert_per_hour', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('publishing_settings').execute();
  await db.schema.dropIndex('post_author_submitted_idx').execute();
  await db.schema.alterTable('post').dropColumn('submitted_at').execute();
  await db.schema.alterTable('social_account').dropColumn('approval_steps').execute();
}
