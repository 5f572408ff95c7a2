// Reading a Page: its recent posts and the comments on them (platform-apis.md §3.2).
// fetchReplies polls the comments of the most recent posts, newest first (filter=stream flattens replies),
// with our own cursor (meta/since-cursor.ts): Graph has no "comments since" query for a whole Page.

import { type GraphClient, graphTime } from '../meta/graph.js';
import { SinceCursor } from '../meta/since-cursor.js';
import type { InboundItem, OwnPost, Page, PostRef } from '../types.js';

/** How many of the Page's most recent posts are scanned for new comments on each poll. */
export const RECENT_POSTS = 10;
/** Pages of 50 comments read per post at most on one poll; the rest waits for the next poll or a webhook. */
export const MAX_COMMENT_PAGES = 3;
export const COMMENT_FIELDS =
  'id,message,from{id,name},created_time,parent{id},is_hidden,can_hide,can_remove,comment_count';

export interface GraphComment {
  id: string;
  message?: string;
  from?: { id: string; name?: string };
  created_time?: string | number;
  parent?: { id: string };
}

interface Listing<T> {
  data?: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

export async function fetchPageComments(
  graph: GraphClient,
  pageId: string,
  cursor: string | null,
  now: number,
): Promise<Page<InboundItem>> {
  const since = new SinceCursor(cursor);
  const posts = await graph.get<Listing<{ id: string }>>(`${pageId}/posts`, {
    fields: 'id,created_time',
    limit: RECENT_POSTS,
  });
  const items: InboundItem[] = [];
  for (const post of posts.data ?? []) {
    let after: string | undefined;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const res = await graph.get<Listing<GraphComment>>(`${post.id}/comments`, {
        fields: COMMENT_FIELDS,
        filter: 'stream',
        order: 'reverse_chronological',
        limit: 50,
        after,
      });
      let reachedOld = false;
      for (const c of res.data ?? []) {
        const at = graphTime(c.created_time, now);
        if (since.isOlder(at)) reachedOld = true;
        if (!since.admit(c.id, at)) continue;
        // The Page's own comments come back too (§3.3); they are not inbound.
        if (c.from?.id !== pageId) items.push(commentItem(c, post.id, now));
      }
      after = res.paging?.cursors?.after;
      if (reachedOld || !res.paging?.next || !after) break;
    }
  }
  items.sort((a, b) => a.createdAt - b.createdAt);
  return { items, cursor: since.encode() };
}

export function commentItem(c: GraphComment, postId: string, now: number): InboundItem {
  const root: PostRef = { id: postId };
  const parentId = c.parent?.id;
  return {
    ref: { id: c.id, root },
    kind: 'comment',
    text: c.message ?? '',
    // `from` is only present with a Page token holding pages_read_user_content (§3.2).
    author: { id: c.from?.id ?? '', handle: c.from?.name ?? c.from?.id ?? 'unknown', name: c.from?.name },
    inReplyTo: parentId && parentId !== postId ? { id: parentId, root } : root,
    createdAt: graphTime(c.created_time, now),
    url: null,
    raw: c,
  };
}

export async function fetchPagePosts(
  graph: GraphClient,
  pageId: string,
  cursor: string | null,
  now: number,
): Promise<Page<OwnPost>> {
  const res = await graph.get<
    Listing<{ id: string; message?: string; created_time?: string; permalink_url?: string }>
  >(`${pageId}/posts`, {
    fields: 'id,message,created_time,permalink_url',
    limit: 25,
    after: cursor ?? undefined,
  });
  const items = (res.data ?? []).map((p) => ({
    ref: { id: p.id },
    text: p.message ?? '',
    createdAt: graphTime(p.created_time, now),
    url: p.permalink_url ?? null,
  }));
  const after = res.paging?.cursors?.after;
  return { items, cursor: res.paging?.next && after ? after : null };
}
