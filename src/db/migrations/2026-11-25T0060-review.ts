import type { Kysely } from 'kysely';

// The review queue's own tables (src/db/schema/review.ts): per-organisation sign-off settings, response
// templates and the record of SLA breaches already alerted (SLA minutes live in the moderation settings). Items and their events live in inbound_item / moderation_event.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('signoff_delete', 'integer', (c) => c.notNull())
    .addColumn('signoff_block', 'integer', (c) => c.notNull())
    .addColumn('templates_seeded', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('review_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_template_org_idx')
    .on('review_template')
    .columns(['org_id', 'position'])
    .execute();

  await db.schema
    .createTable('review_sla_breach')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('inbound_item.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['review_sla_breach', 'review_template', 'review_settings'])
    await db.schema.dropTable(table).execute();
}
