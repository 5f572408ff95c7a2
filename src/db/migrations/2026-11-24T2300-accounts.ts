import type { Kysely } from 'kysely';

// Social accounts and their credentials (held in the vault), per-user grants on them, alert events
// (delivered by a later module), OAuth connect state, and the master key id on each vault secret.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Null: wrapped before key ids existed, with the original key; rotation fills it in.
  await db.schema.alterTable('vault_secret').addColumn('key_id', 'text').execute();

  await db.schema
    .createTable('social_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_account_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .addColumn('owner_team_id', 'text', (c) => c.references('team.id'))
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('credentials_secret_id', 'text', (c) => c.references('vault_secret.id'))
    .addColumn('credentials_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('social_account_unique', ['org_id', 'platform', 'platform_account_id'])
    .execute();
  await db.schema
    .createIndex('social_account_expiry_idx')
    .on('social_account')
    .column('credentials_expires_at')
    .execute();

  await db.schema
    .createTable('account_grant')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('social_account.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_grant_pk', ['account_id', 'user_id'])
    .execute();
  await db.schema.createIndex('account_grant_user_idx').on('account_grant').column('user_id').execute();

  await db.schema
    .createTable('alert_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('social_account.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alert_event_undelivered_idx')
    .on('alert_event')
    .column('delivered_at')
    .execute();

  // An OAuth connect in progress: the PKCE verifier stays on the server, bound to the user who started it.
  await db.schema
    .createTable('account_connect_state')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['account_connect_state', 'alert_event', 'account_grant', 'social_account'])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('vault_secret').dropColumn('key_id').execute();
}
