// The only place account credentials are decrypted: for the duration of one connector call, or to refresh
// them. They are never returned, logged, audited or put in a job payload.
import { CredentialsExpiredError } from '../../connectors/errors.js';
import type { ConnectorAccount } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { conflict } from '../../http/errors.js';
import { raiseAlert } from '../alerts/raise.js';
import { type ActionContext, systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { findAccountById } from './repo.js';

export async function revealAccount(
  app: AppContext,
  db: Db,
  row: SocialAccountTable,
): Promise<ConnectorAccount> {
  if (!row.credentials_secret_id)
    throw new CredentialsExpiredError('the account has no credentials', row.platform);
  const credentials = JSON.parse(await app.vault.reveal(db, row.credentials_secret_id)) as Record<
    string,
    string
  >;
  return {
    platformAccountId: row.platform_account_id,
    handle: row.handle,
    baseUrl: row.base_url,
    credentials,
  };
}

/**
 * Marks the account's credentials as no longer working and raises an alert event, in one transaction.
 * Only the first report after the account was last active raises an alert; later ones change nothing.
 */
export async function markCredentialsExpired(
  app: AppContext,
  accountId: string,
  reason: string,
  actx: ActionContext = systemContext('accounts'),
): Promise<boolean> {
  return app.db.transaction().execute(async (trx) => {
    const row = await findAccountById(trx, accountId);
    if (row.status === 'credentials_expired' || row.status === 'suspended') return false;
    const now = Date.now();
    await trx
      .updateTable('social_account')
      .set({ status: 'credentials_expired', status_reason: reason, updated_at: now })
      .where('id', '=', accountId)
      .execute();
    await raiseAlert(
      trx,
      {
        orgId: row.org_id,
        kind: 'account.credentials_expired',
        severity: 'warning',
        accountId,
        subject: { type: 'social_account', id: accountId },
        summary: `${row.platform} account ${row.handle} needs reconnecting: ${reason}`,
        detail: { platform: row.platform, handle: row.handle, reason },
      },
      now,
    );
    await audit(app, trx, actx, {
      orgId: row.org_id,
      action: 'account.credentials_expired',
      target: { type: 'social_account', id: accountId },
      summary: { reason, previousStatus: row.status },
    });
    return true;
  });
}

/**
 * Runs fn with the account's decrypted credentials; they exist only for that call. A connector that
 * finds them rejected (CredentialsExpiredError) marks the account before the error goes on.
 */
export async function withAccountCredentials<T>(
  app: AppContext,
  accountId: string,
  fn: (account: ConnectorAccount) => Promise<T>,
): Promise<T> {
  const row = await findAccountById(app.db, accountId);
  if (row.status === 'suspended') throw conflict('account_suspended', 'The account is suspended.');
  if (row.status === 'credentials_expired')
    throw new CredentialsExpiredError('the account needs new credentials', row.platform);
  const account = await revealAccount(app, app.db, row);
  try {
    return await fn(account);
  } catch (err) {
    if (err instanceof CredentialsExpiredError) await markCredentialsExpired(app, accountId, err.message);
    throw err;
  }
}
