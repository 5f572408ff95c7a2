// Facebook Page posts and Instagram media engagement through the Graph API's multi-id read
// (GET /?ids=a,b&fields=…, at most 50 ids). Both field sets are [U] in platform-apis.md; they are pinned by
// test/fixtures/{facebook,instagram}/post-metrics.json:
//   Facebook: reactions.summary(total_count), comments.summary(total_count), shares{count}
//   Instagram: like_count, comments_count
import type { PostMetrics, PostRef } from '../types.js';
import type { GraphClient } from './graph.js';

interface Summary {
  summary?: { total_count?: number };
}
interface FacebookPostCounts {
  id: string;
  reactions?: Summary;
  comments?: Summary;
  shares?: { count?: number };
}
interface InstagramMediaCounts {
  id: string;
  like_count?: number;
  comments_count?: number;
}

const graphIds = (refs: PostRef[]) => refs.map((r) => r.id).filter((id) => /^[0-9_]{1,64}$/.test(id));

export async function fetchFacebookMetrics(graph: GraphClient, refs: PostRef[]): Promise<PostMetrics[]> {
  const ids = graphIds(refs);
  if (ids.length === 0) return [];
  const res = await graph.get<Record<string, FacebookPostCounts>>('', {
    ids: ids.join(','),
    fields: 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares',
  });
  return Object.values(res).map((p) => ({
    id: p.id,
    likes: p.reactions?.summary?.total_count ?? null,
    replies: p.comments?.summary?.total_count ?? null,
    reposts: p.shares?.count ?? 0,
    views: null,
  }));
}

export async function fetchInstagramMetrics(graph: GraphClient, refs: PostRef[]): Promise<PostMetrics[]> {
  const ids = graphIds(refs);
  if (ids.length === 0) return [];
  const res = await graph.get<Record<string, InstagramMediaCounts>>('', {
    ids: ids.join(','),
    fields: 'like_count,comments_count',
  });
  return Object.values(res).map((m) => ({
    id: m.id,
    likes: m.like_count ?? null,
    replies: m.comments_count ?? null,
    reposts: null,
    views: null,
  }));
}
