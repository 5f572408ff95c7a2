import type { Kysely } from 'kysely';

// Engagement snapshots, report schedules and built reports, and the indexes the analytics queries need.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_metric')
    .addColumn('post_id', 'text', (c) => c.notNull().references('post.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'bigint', (c) => c.notNull())
    .addColumn('likes', 'integer')
    .addColumn('replies', 'integer')
    .addColumn('reposts', 'integer')
    .addColumn('views', 'integer')
    .addPrimaryKeyConstraint('post_metric_pk', ['post_id', 'fetched_at'])
    .execute();
  await db.schema
    .createTable('post_metric_latest')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('post.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('fetched_at', 'bigint', (c) => c.notNull())
    .addColumn('likes', 'integer', (c) => c.notNull())
    .addColumn('replies', 'integer', (c) => c.notNull())
    .addColumn('reposts', 'integer', (c) => c.notNull())
    .addColumn('views', 'integer')
    .addColumn('engagement', 'integer', (c) => c.notNull())
    .execute();
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('post_metric_latest_org_idx', 'post_metric_latest', ['org_id', 'published_at']);
  await index('post_metric_latest_account_idx', 'post_metric_latest', ['account_id', 'published_at']);
  await index('post_metric_latest_author_idx', 'post_metric_latest', ['author_id', 'published_at']);
  // Posts published in a period, per org / account / officer.
  await index('post_published_org_idx', 'post', ['org_id', 'published_at']);
  await index('post_published_account_idx', 'post', ['account_id', 'published_at']);
  await index('post_published_author_idx', 'post', ['author_id', 'published_at']);
  // Inbound received per org in a period (per account uses inbound_item_account_idx).
  await index('inbound_item_org_received_idx', 'inbound_item', ['org_id', 'received_at']);
  await index('moderation_event_org_type_idx', 'moderation_event', ['org_id', 'type', 'created_at']);

  await db.schema
    .createTable('report_schedule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await index('report_schedule_org_idx', 'report_schedule', ['org_id']);
  await db.schema
    .createTable('report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('schedule_id', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('period_from', 'bigint', (c) => c.notNull())
    .addColumn('period_to', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('pdf_base64', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One report per schedule and period, however many workers run the job.
    .addUniqueConstraint('report_once_per_period', ['schedule_id', 'period_from'])
    .execute();
  await index('report_org_idx', 'report', ['org_id', 'created_at']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'post_published_org_idx',
    'post_published_account_idx',
    'post_published_author_idx',
    'inbound_item_org_received_idx',
    'moderation_event_org_type_idx',
  ])
    await db.schema.dropIndex(name).execute();
  for (const table of ['report', 'report_schedule', 'post_metric_latest', 'post_metric'])
    await db.schema.dropTable(table).execute();
}
