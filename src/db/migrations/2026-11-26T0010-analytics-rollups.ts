import type { Kysely } from 'kysely';

// Analytics rollups (see src/db/schema/analytics-rollups.ts). Primary keys lead with (org_id, day): the job
// replaces whole days and the dashboard reads day ranges of one organisation. The keys also make two
// overlapping recomputes of one day fail instead of counting twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_inbound_day')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('handled', 'integer', (c) => c.notNull())
    .addColumn('questions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_inbound_day_pk', ['org_id', 'day', 'account_id'])
    .execute();
  await db.schema
    .createTable('analytics_moderation_day')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_moderation_day_pk', [
      'org_id',
      'day',
      'account_id',
      'actor_id',
      'type',
      'action',
      'categories',
    ])
    .execute();
  await db.schema
    .createTable('analytics_time_to_act_day')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('histograms', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_time_to_act_day_pk', ['org_id', 'day', 'account_id', 'category'])
    .execute();
  // Hourly rows of the same figures: read only for the partial days at the edges of a period.
  await db.schema
    .createTable('analytics_inbound_hour')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('handled', 'integer', (c) => c.notNull())
    .addColumn('questions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_inbound_hour_pk', ['org_id', 'hour', 'account_id'])
    .execute();
  await db.schema
    .createTable('analytics_time_to_act_hour')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('histograms', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_time_to_act_hour_pk', ['org_id', 'hour', 'account_id', 'category'])
    .execute();
  await db.schema
    .createTable('analytics_rollup_state')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('rolled_until', 'bigint', (c) => c.notNull())
    .addColumn('run_started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'analytics_rollup_state',
    'analytics_time_to_act_hour',
    'analytics_inbound_hour',
    'analytics_time_to_act_day',
    'analytics_moderation_day',
    'analytics_inbound_day',
  ])
    await db.schema.dropTable(table).execute();
}
