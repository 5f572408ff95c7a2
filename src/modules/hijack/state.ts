// Per-account hijack state: policy, watermark (posts created at or before it are never flagged) and back-off.
import type { Db } from '../../db/database.js';
import type { HijackAccountStateTable } from '../../db/schema/licence.js';

/** The account's state, created on first use with the watermark at the time the account was connected. */
export async function hijackStateOf(
  db: Db,
  account: { id: string; org_id: string; created_at: number },
  options: { create: boolean } = { create: true },
): Promise<HijackAccountStateTable> {
  const found = await db
    .selectFrom('hijack_account_state')
    .selectAll()
    .where('account_id', '=', account.id)
    .executeTakeFirst();
  if (found) return normalise(found);
  const row: HijackAccountStateTable = {
    account_id: account.id,
    org_id: account.org_id,
    policy: 'alert',
    watermark: Number(account.created_at),
    last_checked_at: null,
    last_error: null,
    retry_after: null,
    updated_at: Date.now(),
  };
  if (!options.create) return row;
  await db
    .insertInto('hijack_account_state')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
  return row;
}

const normalise = (r: HijackAccountStateTable): HijackAccountStateTable => ({
  ...r,
  watermark: Number(r.watermark),
  last_checked_at: r.last_checked_at === null ? null : Number(r.last_checked_at),
  retry_after: r.retry_after === null ? null : Number(r.retry_after),
});

export async function updateHijackState(
  db: Db,
  accountId: string,
  change: Partial<
    Pick<HijackAccountStateTable, 'policy' | 'last_checked_at' | 'last_error' | 'retry_after' | 'watermark'>
  >,
): Promise<void> {
  await db
    .updateTable('hijack_account_state')
    .set({ ...change, updated_at: Date.now() })
    .where('account_id', '=', accountId)
    .execute();
}
