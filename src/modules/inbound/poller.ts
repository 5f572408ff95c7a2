// Polling for platforms without webhooks (Mastodon, Bluesky, the Sandbox; X/Meta when their webhooks are not
// configured). Cadence: the periodic 'inbound.poll' job (every PARAPET_INBOUND_POLL_SECONDS, default 30 s)
// enqueues one 'inbound.poll-account' job per due account, so accounts are polled in parallel across workers and
// one account's failure never stops the others. Cost per account: one platform call per page (at most
// MAX_PAGES), one transaction per page. Locking: none beyond the job table's claim; the cursor moves only in the
// transaction that stored the page's items, so a crash re-reads the page and the unique key drops repeats.
import { CredentialsExpiredError, RateLimitedError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { findAccountById } from '../accounts/repo.js';
import { readCursor, saveCursor } from './cursors.js';
import { ingestItems } from './store.js';
import { type WebhookPlatform, webhookSecrets } from './webhooks.js';

export const POLL_ACCOUNT_JOB = 'inbound.poll-account';
/** Pages read in one poll while catching up; the rest waits for the next run. */
const MAX_PAGES = 5;
const MAX_BACKOFF_MS = 3_600_000;
/** Accounts in these states are read: a locked-down account is watched more closely, not less. */
const POLLED_STATUSES = ['active', 'locked'] as const;

/** Polled when the connector can poll and no configured webhook already pushes the account's replies. */
export async function isPolled(app: AppContext, platform: string): Promise<boolean> {
  let connector: Awaited<ReturnType<typeof getConnector>>;
  try {
    connector = await getConnector(platform as Platform, app.connectorDeps);
  } catch {
    return false;
  }
  const caps = connector.capabilities;
  if (!caps.has('poll') || !caps.has('read_replies')) return false;
  return !(caps.has('webhooks') && webhookSecrets(app, platform as WebhookPlatform) !== null);
}

/** The periodic run: one job per account that is due (its next_poll_after has passed). */
export async function schedulePolls(app: AppContext, now = Date.now()): Promise<number> {
  const accounts = await app.db
    .selectFrom('social_account')
    .leftJoin('inbound_cursor', 'inbound_cursor.account_id', 'social_account.id')
    .select(['social_account.id', 'social_account.org_id', 'social_account.platform'])
    .where('social_account.status', 'in', [...POLLED_STATUSES])
    .where((eb) =>
      eb.or([
        eb('inbound_cursor.next_poll_after', 'is', null),
        eb('inbound_cursor.next_poll_after', '<=', now),
      ]),
    )
    .execute();
  const polled = new Map<string, boolean>();
  let queued = 0;
  for (const a of accounts) {
    if (!polled.has(a.platform)) polled.set(a.platform, await isPolled(app, a.platform));
    if (!polled.get(a.platform)) continue;
    try {
      const slot = Math.floor(now / app.config.inbound.pollIntervalMs);
      const id = await enqueuePoll(app, a, `${slot}`);
      if (id) queued++;
    } catch (err) {
      app.logger.error({ err, accountId: a.id }, 'could not queue a poll; the other accounts go on');
    }
  }
  if (queued > 0) app.jobSignal.notify();
  return queued;
}

export function enqueuePoll(
  app: AppContext,
  account: { id: string; org_id: string },
  slot: string,
  db = app.db,
): Promise<string | null> {
  return enqueueJob(db, {
    type: POLL_ACCOUNT_JOB,
    payload: { accountId: account.id },
    orgId: account.org_id,
    idempotencyKey: `${POLL_ACCOUNT_JOB}:${account.id}:${slot}`,
    maxAttempts: 1,
  });
}

export interface PollOutcome {
  stored: number;
  pages: number;
  error: string | null;
}

/** Reads new replies for one account page by page; a failure is recorded on its cursor, never thrown. */
export async function pollAccount(app: AppContext, accountId: string): Promise<PollOutcome> {
  const account = await findAccountById(app.db, accountId);
  const outcome: PollOutcome = { stored: 0, pages: 0, error: null };
  if (!(POLLED_STATUSES as readonly string[]).includes(account.status)) return outcome;
  const previous = await readCursor(app.db, accountId);
  let cursor = previous?.cursor ?? null;
  const connector = await getConnector(account.platform as Platform, app.connectorDeps);
  while (outcome.pages < MAX_PAGES) {
    let page: Awaited<ReturnType<typeof connector.fetchReplies>>;
    try {
      page = await withAccountCredentials(app, accountId, (c) => connector.fetchReplies(c, cursor));
    } catch (err) {
      outcome.error = await recordFailure(app, account, cursor, previous?.failures ?? 0, err);
      return outcome;
    }
    const now = Date.now();
    await app.db.transaction().execute(async (trx) => {
      const fresh = await ingestItems(app, trx, [{ account, items: page.items, receivedAt: now }]);
      outcome.stored += fresh.length;
      await saveCursor(
        trx,
        account,
        {
          cursor: page.cursor,
          last_polled_at: now,
          next_poll_after: now + app.config.inbound.pollIntervalMs,
          last_error: null,
          failures: 0,
        },
        now,
      );
    });
    outcome.pages++;
    if (outcome.stored > 0) app.jobSignal.notify();
    if (page.items.length === 0 || page.cursor === null || page.cursor === cursor) break;
    cursor = page.cursor;
  }
  return outcome;
}

async function recordFailure(
  app: AppContext,
  account: SocialAccountTable,
  cursor: string | null,
  failures: number,
  err: unknown,
): Promise<string> {
  const now = Date.now();
  const message = String((err as Error)?.message ?? err).slice(0, 500);
  // A rate limit says when to come back; anything else backs off doubling from the poll interval, up to an hour.
  const backoff = Math.min(app.config.inbound.pollIntervalMs * 2 ** failures, MAX_BACKOFF_MS);
  const next = err instanceof RateLimitedError ? Math.max(err.resetAt, now) : now + backoff;
  await saveCursor(
    app.db,
    account,
    { cursor, last_polled_at: now, next_poll_after: next, last_error: message, failures: failures + 1 },
    now,
  );
  const level = err instanceof RateLimitedError || err instanceof CredentialsExpiredError ? 'info' : 'warn';
  app.logger[level](
    { accountId: account.id, platform: account.platform, error: message },
    'inbound poll failed',
  );
  return message;
}
