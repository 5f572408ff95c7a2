// Mastodon engagement: GET /api/v1/statuses?id[]=…(up to 40, Mastodon 4.3+) gives favourites_count,
// reblogs_count and replies_count. Mastodon has no view counts.
import type { ConnectorAccount, ConnectorDeps, PostMetrics, PostRef } from '../types.js';
import { mastodonCall } from './http.js';

interface MastodonStatusCounts {
  id: string;
  favourites_count?: number;
  reblogs_count?: number;
  replies_count?: number;
}

const mastodonStatusId = (id: string) => (/^[0-9A-Za-z]{1,40}$/.test(id) ? id : null);

export async function fetchMastodonMetrics(
  deps: ConnectorDeps,
  account: ConnectorAccount,
  refs: PostRef[],
): Promise<PostMetrics[]> {
  const ids = refs.map((r) => mastodonStatusId(r.id)).filter((id): id is string => id !== null);
  if (ids.length === 0) return [];
  const query = ids.map((id) => `id[]=${encodeURIComponent(id)}`).join('&');
  const list = await mastodonCall<MastodonStatusCounts[]>(deps, account, 'GET', `/api/v1/statuses?${query}`);
  return list.map((s) => ({
    id: s.id,
    likes: s.favourites_count ?? null,
    replies: s.replies_count ?? null,
    reposts: s.reblogs_count ?? null,
    views: null,
  }));
}
