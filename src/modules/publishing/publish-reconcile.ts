// Before calling a platform again for an attempt that may already have reached it: platforms that dedupe
// on our idempotency key (Sandbox, Mastodon, Bluesky's deterministic record key) are simply called again
// with the same key; the others (X, Facebook, Instagram) are asked for the account's own recent posts, and a
// post with the same text made since the attempt started is taken as ours.
import type { Connector, ConnectorAccount, PublishedPost } from '../../connectors/types.js';
import type { Attempt } from './publish-attempt.js';

export const DEDUPING_PLATFORMS: ReadonlySet<string> = new Set(['sandbox', 'mastodon', 'bluesky']);

/** How far the platform's clock may be behind ours when matching createdAt against the attempt start. */
const CLOCK_SKEW_MS = 5 * 60_000;

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function findPublishedEarlier(
  connector: Connector,
  account: ConnectorAccount,
  text: string,
  attempt: Attempt,
): Promise<PublishedPost | null> {
  if (DEDUPING_PLATFORMS.has(connector.platform) || attempt.tries <= 1) return null;
  const want = normalise(text);
  // With no cursor every adapter answers with the account's newest page, which is where a post made
  // moments before a crash would be.
  const res = await connector.fetchOwnPosts(account, null);
  const hit = res.items.find(
    (p) => normalise(p.text) === want && p.createdAt >= attempt.started_at - CLOCK_SKEW_MS,
  );
  return hit ? { ref: hit.ref, url: hit.url, createdAt: hit.createdAt } : null;
}
