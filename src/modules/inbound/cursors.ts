// inbound_cursor: where polling of each account stands. Written only together with the items of the page the
// cursor points past (success), or alone with the error and the time of the next attempt (failure).
import type { Db } from '../../db/database.js';
import type { InboundCursorTable } from '../../db/schema/inbound.js';

export async function readCursor(db: Db, accountId: string): Promise<InboundCursorTable | undefined> {
  return db.selectFrom('inbound_cursor').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function saveCursor(
  db: Db,
  account: { id: string; org_id: string },
  change: Omit<InboundCursorTable, 'account_id' | 'org_id' | 'updated_at'>,
  now: number,
): Promise<void> {
  const row = { account_id: account.id, org_id: account.org_id, ...change, updated_at: now };
  await db
    .insertInto('inbound_cursor')
    .values(row)
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        cursor: row.cursor,
        last_polled_at: row.last_polled_at,
        next_poll_after: row.next_poll_after,
        last_error: row.last_error,
        failures: row.failures,
        updated_at: now,
      }),
    )
    .execute();
}
