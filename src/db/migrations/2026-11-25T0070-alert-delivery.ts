import type { Kysely } from 'kysely';

// Alert delivery: per-user subscriptions, outgoing webhook endpoints (secrets in the vault) and one record
// per e-mail or webhook delivery (status, attempts, last error) for the history admins look at.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_subscription')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('kind_prefix', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_subscription_pk', ['user_id', 'kind_prefix', 'channel'])
    .execute();
  await db.schema
    .createTable('alert_webhook')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url_display', 'text', (c) => c.notNull())
    .addColumn('url_secret_id', 'text')
    .addColumn('secret_id', 'text')
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('alert_webhook_org_idx').on('alert_webhook').column('org_id').execute();
  await db.schema
    .createTable('alert_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('alert_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('webhook_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alert_delivery_webhook_idx')
    .on('alert_delivery')
    .columns(['webhook_id', 'created_at'])
    .execute();
  await db.schema.createIndex('alert_delivery_alert_idx').on('alert_delivery').column('alert_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['alert_delivery', 'alert_webhook', 'alert_subscription'])
    await db.schema.dropTable(table).execute();
}
