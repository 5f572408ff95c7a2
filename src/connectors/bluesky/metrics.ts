// Bluesky engagement: app.bsky.feed.getPosts (up to 25 at-uris per call, served by the AppView through the
// PDS). Reposts include quotes; Bluesky gives no view counts.
import type { AtpAgent } from '@atproto/api';
import type { PostMetrics, PostRef } from '../types.js';

export async function fetchBlueskyMetrics(agent: AtpAgent, refs: PostRef[]): Promise<PostMetrics[]> {
  const byUri = new Map(refs.filter((r) => r.uri).map((r) => [r.uri as string, r.id]));
  if (byUri.size === 0) return [];
  const res = await agent.app.bsky.feed.getPosts({ uris: [...byUri.keys()] });
  return res.data.posts.map((p) => ({
    id: byUri.get(p.uri) ?? p.uri,
    likes: p.likeCount ?? 0,
    replies: p.replyCount ?? 0,
    reposts: (p.repostCount ?? 0) + (p.quoteCount ?? 0),
    views: null,
  }));
}
