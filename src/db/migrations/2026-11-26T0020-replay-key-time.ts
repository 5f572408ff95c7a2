import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The webhook replay table's key becomes (event_at, digest): event_at is a time read from the delivery's own
// bytes (src/modules/inbound/deliveries.ts), so the key still identifies the same bytes exactly, but new
// deliveries are appended at the end of the index instead of each landing on a random page of it. SQLite keeps
// the rows in the key's own B-tree (WITHOUT ROWID): one tree to write instead of two. Rows already recorded keep
// their digests with event_at 0 (a replay of them is then not recognised as one; the unique item key still
// stores nothing twice).
const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Replaces inbound_delivery by a copy with or without event_at leading the key (rows kept; event_at 0 for rows
 * that had none; going down, a digest recorded under two times is kept once). */
async function rebuild(db: Kysely<unknown>, withEventAt: boolean): Promise<void> {
  let create = db.schema.createTable('inbound_delivery_next');
  if (withEventAt) create = create.addColumn('event_at', 'bigint', (c) => c.notNull());
  create = create
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint(
      // PostgreSQL names the key's index after the constraint: the two directions need different names.
      withEventAt ? 'inbound_delivery_time_key' : 'inbound_delivery_digest_key',
      (withEventAt ? ['event_at', 'digest'] : ['digest']) as never,
    );
  await (isPostgres(db) ? create : create.modifyEnd(sql`without rowid`)).execute();
  const eventAt = sql.raw(withEventAt ? 'event_at, ' : '');
  const zero = sql.raw(withEventAt ? '0, ' : '');
  await sql`insert into inbound_delivery_next (${eventAt}digest, platform, received_at, expires_at)
    select ${zero}digest, platform, received_at, expires_at from inbound_delivery where true on conflict do nothing`.execute(
    db,
  );
  await db.schema.dropTable('inbound_delivery').execute();
  await sql`alter table inbound_delivery_next rename to inbound_delivery`.execute(db);
  await db.schema
    .createIndex('inbound_delivery_expiry_idx')
    .on('inbound_delivery')
    .column('expires_at')
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, false);
}
