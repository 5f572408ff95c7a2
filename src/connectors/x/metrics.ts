// X engagement: GET /2/tweets?ids=…&tweet.fields=public_metrics (up to 100 ids per call). impression_count is
// only given to the author's own user-context token, so views may be absent (null).
import type { ConnectorAccount, ConnectorDeps, PostMetrics, PostRef } from '../types.js';
import { xCall, xId } from './http.js';

interface XTweetMetrics {
  id: string;
  public_metrics?: {
    like_count?: number;
    reply_count?: number;
    retweet_count?: number;
    quote_count?: number;
    impression_count?: number;
  };
}

export async function fetchXMetrics(
  deps: ConnectorDeps,
  account: ConnectorAccount,
  refs: PostRef[],
): Promise<PostMetrics[]> {
  if (refs.length === 0) return [];
  const ids = refs.map((r) => xId(r.id, 'post')).join(',');
  const res = await xCall<{ data?: XTweetMetrics[] }>(
    deps,
    account,
    'GET',
    `/2/tweets?ids=${ids}&tweet.fields=public_metrics`,
  );
  return (res.data ?? []).map((t) => {
    const m = t.public_metrics ?? {};
    return {
      id: t.id,
      likes: m.like_count ?? null,
      replies: m.reply_count ?? null,
      reposts: m.retweet_count === undefined ? null : m.retweet_count + (m.quote_count ?? 0),
      views: m.impression_count ?? null,
    };
  });
}
