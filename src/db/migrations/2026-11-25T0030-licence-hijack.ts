import type { Kysely } from 'kysely';

// Licence to post (agreements, acceptances, training, settings) and hijack detection (src/db/schema/licence.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('licence_agreement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_format', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_by_label', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('licence_agreement_version', ['org_id', 'version'])
    .execute();

  await db.schema
    .createTable('licence_acceptance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema
    .createIndex('licence_acceptance_user_idx')
    .on('licence_acceptance')
    .columns(['org_id', 'user_id', 'version'])
    .execute();

  await db.schema
    .createTable('licence_training')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('completed_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('licence_training_expiry_idx')
    .on('licence_training')
    .columns(['org_id', 'expires_at'])
    .execute();

  await db.schema
    .createTable('licence_setting')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('training_required', 'integer', (c) => c.notNull())
    .addColumn('warn_days_before_expiry', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hijack_account_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('social_account.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('policy', 'text', (c) => c.notNull().defaultTo('alert'))
    .addColumn('watermark', 'bigint', (c) => c.notNull())
    .addColumn('last_checked_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('retry_after', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hijack_detection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('social_account.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_post_id', 'text', (c) => c.notNull())
    .addColumn('platform_ref', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('platform_created_at', 'bigint', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('delete_job_id', 'text')
    .addColumn('deleted_at', 'bigint')
    .addColumn('delete_error', 'text')
    .addUniqueConstraint('hijack_detection_once', ['account_id', 'platform_post_id'])
    .execute();
  await db.schema
    .createIndex('hijack_detection_org_idx')
    .on('hijack_detection')
    .columns(['org_id', 'detected_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'hijack_detection',
    'hijack_account_state',
    'licence_setting',
    'licence_training',
    'licence_acceptance',
    'licence_agreement',
  ])
    await db.schema.dropTable(table).execute();
}
