import type { Kysely } from 'kysely';

// The tables shared by publishing, inbound moderation and alerts (src/db/schema/*.ts describe them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('social_account.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('media_urls', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('approvals_required', 'integer', (c) => c.notNull())
    .addColumn('scheduled_at', 'bigint')
    .addColumn('time_zone', 'text')
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('platform_ref', 'text')
    .addColumn('platform_post_id', 'text')
    .addColumn('url', 'text')
    .addColumn('published_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_org_status_idx').on('post').columns(['org_id', 'status']).execute();
  await db.schema.createIndex('post_account_idx').on('post').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('post_author_idx').on('post').columns(['author_id', 'created_at']).execute();
  await db.schema.createIndex('post_batch_idx').on('post').column('batch_id').execute();
  await db.schema
    .createIndex('post_platform_idx')
    .on('post')
    .columns(['account_id', 'platform_post_id'])
    .execute();

  await db.schema
    .createTable('post_revision')
    .addColumn('post_id', 'text', (c) => c.notNull().references('post.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_revision_pk', ['post_id', 'revision'])
    .execute();

  await db.schema
    .createTable('post_approval')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull().references('post.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('post_approval_once', ['post_id', 'revision', 'approver_id'])
    .execute();

  await db.schema
    .createTable('inbound_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('social_account.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_platform_id', 'text', (c) => c.notNull())
    .addColumn('author_handle', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('in_reply_to_id', 'text')
    .addColumn('root_id', 'text')
    .addColumn('url', 'text')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('matches', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('safeguarding', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'text')
    .addColumn('due_at', 'bigint')
    .addColumn('platform_created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('classified_at', 'bigint')
    .addColumn('action_issued_at', 'bigint')
    .addColumn('action_confirmed_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('inbound_item_once', ['account_id', 'platform_item_id'])
    .execute();
  await db.schema
    .createIndex('inbound_item_queue_idx')
    .on('inbound_item')
    .columns(['org_id', 'status', 'priority', 'received_at'])
    .execute();
  await db.schema
    .createIndex('inbound_item_author_idx')
    .on('inbound_item')
    .columns(['org_id', 'author_platform_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('inbound_item_account_idx')
    .on('inbound_item')
    .columns(['account_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('inbound_item_root_idx')
    .on('inbound_item')
    .columns(['account_id', 'root_id'])
    .execute();

  await db.schema
    .createTable('moderation_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull().references('inbound_item.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('moderation_event_item_idx')
    .on('moderation_event')
    .columns(['item_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('moderation_event_org_idx')
    .on('moderation_event')
    .columns(['org_id', 'created_at'])
    .execute();

  // alert_event (created with accounts) grows what alerting needs.
  const columns: Array<[string, 'text' | 'bigint', string | null]> = [
    ['severity', 'text', 'warning'],
    ['recipient_user_id', 'text', null],
    ['subject_type', 'text', null],
    ['subject_id', 'text', null],
    ['detail', 'text', '{}'],
    ['acknowledged_at', 'bigint', null],
    ['acknowledged_by', 'text', null],
  ];
  for (const [name, type, fallback] of columns)
    await db.schema
      .alterTable('alert_event')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  await db.schema
    .createIndex('alert_event_org_idx')
    .on('alert_event')
    .columns(['org_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('alert_event_org_idx').execute();
  for (const name of [
    'severity',
    'recipient_user_id',
    'subject_type',
    'subject_id',
    'detail',
    'acknowledged_at',
    'acknowledged_by',
  ])
    await db.schema.alterTable('alert_event').dropColumn(name).execute();
  for (const table of ['moderation_event', 'inbound_item', 'post_approval', 'post_revision', 'post'])
    await db.schema.dropTable(table).execute();
}
