// Engagement refresh, every 30 minutes: for each account with posts published in the last 30 days, asks the
// platform for their counts in batches of the platform's batch size and stores a snapshot per post
// (post_metric) and the newest per post (post_metric_latest). Cost: one platform call per batch per account.
// One failing account is logged and skipped; a rate limit stops that account until the platform's reset
// time (remembered in this process; the job's slot key keeps workers from running the same slot twice).
import { RateLimitedError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Platform, PostMetrics, PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { ROLLUP_INTERVAL_MS, ROLLUP_JOB, runRollups } from './rollup-job.js';

export const METRICS_JOB = 'analytics.fetch_metrics';
export const METRICS_INTERVAL_MS = 30 * 60_000;
const WINDOW_MS = 30 * 86_400_000;
const BATCH: Record<Platform, number> = {
  bluesky: 25,
  mastodon: 40,
  x: 100,
  facebook: 50,
  instagram: 50,
  sandbox: 50,
};
const rateLimitedUntil = new Map<string, number>();

export function registerAnalyticsJobs(app: AppContext): void {
  registerPeriodic(app, {
    type: METRICS_JOB,
    intervalMs: METRICS_INTERVAL_MS,
    run: () => refreshAllMetrics(app).then(() => undefined),
  });
  // Dashboard rollups (rollup-job.ts); seeded with every periodic job at worker start (src/main.ts).
  registerPeriodic(app, {
    type: ROLLUP_JOB,
    intervalMs: ROLLUP_INTERVAL_MS,
    run: () => runRollups(app).then(() => undefined),
  });
}

interface PostToMeasure {
  id: string;
  org_id: string;
  account_id: string;
  author_id: string;
  published_at: number | null;
  platform_ref: string | null;
}

/** Returns how many posts got a snapshot, and the accounts that failed (with why). */
export async function refreshAllMetrics(app: AppContext, now = Date.now()) {
  const posts = await app.db
    .selectFrom('post')
    .innerJoin('social_account as a', 'a.id', 'post.account_id')
    .select([
      'post.id',
      'post.org_id',
      'post.account_id',
      'post.author_id',
      'post.published_at',
      'post.platform_ref',
      'a.platform',
    ])
    .where('post.status', '=', 'published')
    .where('post.published_at', '>=', now - WINDOW_MS)
    .where('post.platform_ref', 'is not', null)
    .where('a.status', '=', 'active')
    .execute();
  const byAccount = new Map<string, { platform: Platform; posts: PostToMeasure[] }>();
  for (const p of posts) {
    const entry = byAccount.get(p.account_id) ?? { platform: p.platform as Platform, posts: [] };
    entry.posts.push(p);
    byAccount.set(p.account_id, entry);
  }
  let measured = 0;
  const failed: Array<{ accountId: string; error: string }> = [];
  for (const [accountId, { platform, posts: list }] of byAccount) {
    if ((rateLimitedUntil.get(accountId) ?? 0) > now) continue;
    try {
      measured += await refreshAccount(app, accountId, platform, list, now);
    } catch (err) {
      if (err instanceof RateLimitedError) rateLimitedUntil.set(accountId, err.resetAt);
      failed.push({ accountId, error: (err as Error).message });
      app.logger.warn(
        { accountId, platform, err: (err as Error).message },
        'engagement metrics fetch failed',
      );
    }
  }
  return { measured, failed };
}

async function refreshAccount(
  app: AppContext,
  accountId: string,
  platform: Platform,
  posts: PostToMeasure[],
  now: number,
) {
  const connector = await getConnector(platform, app.connectorDeps);
  if (!connector.fetchPostMetrics) return 0;
  const fetch = connector.fetchPostMetrics.bind(connector);
  const size = BATCH[platform] ?? 25;
  let stored = 0;
  await withAccountCredentials(app, accountId, async (account) => {
    for (let i = 0; i < posts.length; i += size) {
      const batch = posts.slice(i, i + size);
      const refs = batch.map((p) => JSON.parse(p.platform_ref as string) as PostRef);
      const metrics = await fetch(account, refs);
      stored += await storeSnapshots(app, batch, refs, metrics, now);
    }
  });
  return stored;
}

async function storeSnapshots(
  app: AppContext,
  batch: PostToMeasure[],
  refs: PostRef[],
  metrics: PostMetrics[],
  now: number,
) {
  const byRef = new Map(metrics.map((m) => [m.id, m]));
  let stored = 0;
  await app.db.transaction().execute(async (trx) => {
    for (const [i, post] of batch.entries()) {
      const m = byRef.get(refs[i]?.id ?? '');
      if (!m) continue;
      const counts = { likes: m.likes, replies: m.replies, reposts: m.reposts, views: m.views };
      await trx
        .insertInto('post_metric')
        .values({ post_id: post.id, org_id: post.org_id, fetched_at: now, ...counts })
        .onConflict((oc) => oc.columns(['post_id', 'fetched_at']).doNothing())
        .execute();
      const latest = {
        fetched_at: now,
        likes: m.likes ?? 0,
        replies: m.replies ?? 0,
        reposts: m.reposts ?? 0,
        views: m.views,
        engagement: (m.likes ?? 0) + (m.replies ?? 0) + (m.reposts ?? 0),
      };
      await trx
        .insertInto('post_metric_latest')
        .values({
          post_id: post.id,
          org_id: post.org_id,
          account_id: post.account_id,
          author_id: post.author_id,
          published_at: Number(post.published_at),
          ...latest,
        })
        .onConflict((oc) => oc.column('post_id').doUpdateSet(latest))
        .execute();
      stored++;
    }
  });
  return stored;
}
