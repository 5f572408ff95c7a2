// Token refresh ahead of expiry. X refresh tokens are single-use: the new pair is committed to the vault
// before anything can use it, and refreshes of one account never overlap (a row lock on PostgreSQL,
// a per-process queue on SQLite, where one process owns the database).
import { CredentialsExpiredError, UnsupportedError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { enqueueJob } from '../../jobs/queue.js';
import { markCredentialsExpired, revealAccount } from './credentials.js';

export const REFRESH_JOB = 'accounts.refresh_credentials';
const DEFAULT_WINDOW_MINUTES = 15;
const INTERVAL_MS = 5 * 60_000;

const running = new Map<string, Promise<unknown>>();
function serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = running.get(key) ?? Promise.resolve();
  const next = prev.catch(() => {}).then(fn);
  running.set(key, next);
  return next.finally(() => {
    if (running.get(key) === next) running.delete(key);
  });
}

export type RefreshOutcome = 'refreshed' | 'expired' | 'skipped' | 'failed';

/** Refreshes one account's credentials if they still expire within the window. */
export async function refreshAccount(
  app: AppContext,
  accountId: string,
  windowMs: number,
): Promise<RefreshOutcome> {
  return serially(accountId, async () => {
    try {
      if (app.dbKind === 'postgres')
        return await app.db
          .transaction()
          .execute((trx) => refreshLocked(app, trx, accountId, windowMs, true));
      return await refreshLocked(app, app.db, accountId, windowMs, false);
    } catch (err) {
      if (err instanceof CredentialsExpiredError) {
        await markCredentialsExpired(app, accountId, err.message);
        return 'expired';
      }
      if (err instanceof UnsupportedError) return 'skipped';
      app.logger.warn({ accountId, err: { message: (err as Error).message } }, 'credential refresh failed');
      return 'failed';
    }
  });
}

async function refreshLocked(
  app: AppContext,
  db: Db,
  accountId: string,
  windowMs: number,
  lock: boolean,
): Promise<RefreshOutcome> {
  let q = db.selectFrom('social_account').selectAll().where('id', '=', accountId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  // Re-checked under the lock: another worker may have refreshed it a moment ago.
  if (
    row?.status !== 'active' ||
    row.credentials_expires_at === null ||
    Number(row.credentials_expires_at) > Date.now() + windowMs
  )
    return 'skipped';
  const connector = await getConnector(row.platform as Platform, app.connectorDeps);
  if (!connector.refreshCredentials) return 'skipped';
  const account = await revealAccount(app, db, row);
  const fresh = await connector.refreshCredentials(account);
  const save = async (trx: Db) => {
    await app.vault.replace(trx, row.credentials_secret_id!, JSON.stringify(fresh.credentials));
    await trx
      .updateTable('social_account')
      .set({ credentials_expires_at: fresh.expiresAt, updated_at: Date.now() })
      .where('id', '=', accountId)
      .execute();
  };
  if (lock) await save(db);
  else await app.db.transaction().execute(save);
  return 'refreshed';
}

/** One run over every account whose credentials expire within the window. */
export async function refreshExpiringCredentials(
  app: AppContext,
  windowMinutes = DEFAULT_WINDOW_MINUTES,
): Promise<Record<RefreshOutcome, number>> {
  const windowMs = windowMinutes * 60_000;
  const due = await app.db
    .selectFrom('social_account')
    .select('id')
    .where('status', '=', 'active')
    .where('credentials_expires_at', 'is not', null)
    .where('credentials_expires_at', '<=', Date.now() + windowMs)
    .orderBy('credentials_expires_at')
    .orderBy('id')
    .execute();
  const counts: Record<RefreshOutcome, number> = { refreshed: 0, expired: 0, skipped: 0, failed: 0 };
  for (const { id } of due) counts[await refreshAccount(app, id, windowMs)]++;
  return counts;
}

/** Enqueues the next periodic run; the idempotency key makes several schedulers agree on one job per slot. */
export async function scheduleCredentialRefresh(app: AppContext, now = Date.now()): Promise<string | null> {
  const slot = Math.floor(now / INTERVAL_MS) + 1;
  return enqueueJob(app.db, {
    type: REFRESH_JOB,
    payload: {},
    idempotencyKey: `${REFRESH_JOB}:${slot}`,
    runAfter: slot * INTERVAL_MS,
  });
}

export function registerAccountJobs(app: AppContext): void {
  app.jobHandlers.set(REFRESH_JOB, async (job) => {
    const minutes = typeof job.payload.windowMinutes === 'number' ? job.payload.windowMinutes : undefined;
    const counts = await refreshExpiringCredentials(app, minutes);
    app.logger.info({ job: job.id, ...counts }, 'account credentials refresh run');
    await scheduleCredentialRefresh(app);
  });
}
