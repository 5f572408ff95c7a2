// Hijack detection: every 2 minutes (jobs.ts), each active or locked account's newest page of its own
// posts is compared with what Parapet published. Cost: one platform read per account per run (the newest
// page only) and two indexed queries. No lock is needed: detections are unique per (account, platform post),
// so two workers racing record one detection and raise one alert.
import { CredentialsExpiredError, RateLimitedError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { OwnPost, Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { recordForeignPost } from './record.js';
import { hijackStateOf, updateHijackState } from './state.js';

/** Posts Parapet is still publishing (or retrying) count as ours when their text is equal, for this long. */
const IN_FLIGHT_WINDOW_MS = 15 * 60_000;
const CONCURRENCY = 4;

export interface CheckOutcome {
  accountId: string;
  result: 'checked' | 'skipped' | 'rate_limited' | 'failed';
  detected: number;
}

export async function checkAllAccounts(app: AppContext, now = Date.now()): Promise<CheckOutcome[]> {
  const accounts = await app.db
    .selectFrom('social_account')
    .selectAll()
    .where('status', 'in', ['active', 'locked'])
    .execute();
  const outcomes: CheckOutcome[] = [];
  // A few accounts at a time (different platforms and tokens, so no shared rate limit is hammered); one
  // account's failure is caught in checkAccount and never stops the others.
  for (let i = 0; i < accounts.length; i += CONCURRENCY)
    outcomes.push(
      ...(await Promise.all(accounts.slice(i, i + CONCURRENCY).map((a) => checkAccount(app, a, now)))),
    );
  return outcomes;
}

export async function checkAccount(
  app: AppContext,
  account: SocialAccountTable,
  now = Date.now(),
): Promise<CheckOutcome> {
  const outcome = (result: CheckOutcome['result'], detected = 0): CheckOutcome => ({
    accountId: account.id,
    result,
    detected,
  });
  try {
    const connector = await getConnector(account.platform as Platform, app.connectorDeps);
    if (!connector.capabilities.has('read_own_posts')) return outcome('skipped');
    const state = await hijackStateOf(app.db, account);
    if (state.retry_after !== null && state.retry_after > now) return outcome('rate_limited');
    const page = await withAccountCredentials(app, account.id, (acc) => connector.fetchOwnPosts(acc, null));
    const candidates = page.items.filter((p) => p.createdAt > state.watermark);
    const foreign = await notPublishedByParapet(app, account.id, candidates, now);
    let detected = 0;
    for (const post of foreign) if (await recordForeignPost(app, account, post, now)) detected++;
    await updateHijackState(app.db, account.id, {
      last_checked_at: now,
      last_error: null,
      retry_after: null,
    });
    return outcome('checked', detected);
  } catch (err) {
    const rateLimited = err instanceof RateLimitedError;
    const message = (err as Error).message ?? String(err);
    if (!(err instanceof CredentialsExpiredError) && !rateLimited)
      app.logger.warn({ accountId: account.id, error: message }, 'hijack check failed');
    await updateHijackState(app.db, account.id, {
      last_error: message.slice(0, 500),
      retry_after: rateLimited ? err.resetAt : null,
    }).catch(() => {});
    return outcome(rateLimited ? 'rate_limited' : 'failed');
  }
}

/** The posts Parapet did not make: not a published post's platform id, not an in-flight post's text, not seen. */
async function notPublishedByParapet(app: AppContext, accountId: string, posts: OwnPost[], now: number) {
  if (posts.length === 0) return [];
  const ids = posts.flatMap((p) => [p.ref.id, ...(p.ref.uri ? [p.ref.uri] : [])]);
  const ours = await app.db
    .selectFrom('post')
    .select('platform_post_id')
    .where('account_id', '=', accountId)
    .where('platform_post_id', 'in', ids)
    .execute();
  const seen = await app.db
    .selectFrom('hijack_detection')
    .select('platform_post_id')
    .where('account_id', '=', accountId)
    .where('platform_post_id', 'in', ids)
    .execute();
  const known = new Set([...ours, ...seen].map((r) => r.platform_post_id));
  // Racing the publish job: a post still `publishing` (or just failed/rescheduled after an unknown outcome)
  // may already be on the platform before its platform id is recorded.
  const inFlight = await app.db
    .selectFrom('post')
    .select('text')
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'publishing'),
        eb.and([
          eb('status', 'in', ['scheduled', 'failed']),
          eb('updated_at', '>=', now - IN_FLIGHT_WINDOW_MS),
        ]),
      ]),
    )
    .execute();
  const inFlightTexts = new Set(inFlight.map((r) => r.text.trim()));
  return posts.filter(
    (p) => !known.has(p.ref.id) && !(p.ref.uri && known.has(p.ref.uri)) && !inFlightTexts.has(p.text.trim()),
  );
}
