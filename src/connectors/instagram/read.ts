// Reading an Instagram professional account: its recent media and their comments (platform-apis.md §4).
// §4 documents no ordering for /{media}/comments, so every page (up to a bound) is read and filtered
// through our own since-cursor rather than stopping at the first old comment.
import { type GraphClient, graphTime } from '../meta/graph.js';
import { SinceCursor } from '../meta/since-cursor.js';
import type { InboundItem, OwnPost, Page, PostRef } from '../types.js';

export const RECENT_MEDIA = 10;
export const MAX_COMMENT_PAGES = 3;
export const COMMENT_FIELDS =
  'id,text,timestamp,username,from,hidden,like_count,parent_id,replies{id,text,username,timestamp,hidden}';

export interface IgComment {
  id: string;
  text?: string;
  timestamp?: string | number;
  username?: string;
  from?: { id: string; username?: string };
  parent_id?: string;
  replies?: { data?: IgComment[] };
}

interface Listing<T> {
  data?: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

export interface IgAccount {
  igUserId: string;
  /** The account's own username, to skip its own comments. */
  username: string;
}

export async function fetchMediaComments(
  graph: GraphClient,
  account: IgAccount,
  cursor: string | null,
  now: number,
): Promise<Page<InboundItem>> {
  const since = new SinceCursor(cursor);
  const media = await graph.get<Listing<{ id: string }>>(`${account.igUserId}/media`, {
    fields: 'id,timestamp',
    limit: RECENT_MEDIA,
  });
  const items: InboundItem[] = [];
  const take = (c: IgComment, mediaId: string, parentId: string | null) => {
    const item = igCommentItem(c, mediaId, parentId, now);
    if (!since.admit(c.id, item.createdAt)) return;
    const own = c.from?.id === account.igUserId || (!!c.username && c.username === account.username);
    if (!own) items.push(item);
  };
  for (const m of media.data ?? []) {
    let after: string | undefined;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const res = await graph.get<Listing<IgComment>>(`${m.id}/comments`, { fields: COMMENT_FIELDS, after });
      for (const c of res.data ?? []) {
        take(c, m.id, null);
        for (const r of c.replies?.data ?? []) take(r, m.id, c.id);
      }
      after = res.paging?.cursors?.after;
      if (!res.paging?.next || !after) break;
    }
  }
  items.sort((a, b) => a.createdAt - b.createdAt);
  return { items, cursor: since.encode() };
}

/** A comment, or a reply when parentId is set; `from` may be absent (nested replies carry only username). */
export function igCommentItem(
  c: IgComment,
  mediaId: string,
  parentId: string | null,
  now: number,
): InboundItem {
  const root: PostRef = { id: mediaId };
  const parent = parentId ?? c.parent_id ?? null;
  const username = c.username ?? c.from?.username;
  return {
    ref: { id: c.id, root },
    kind: 'comment',
    text: c.text ?? '',
    author: { id: c.from?.id ?? username ?? '', handle: username ?? c.from?.id ?? 'unknown' },
    inReplyTo: parent ? { id: parent, root } : root,
    createdAt: graphTime(c.timestamp, now),
    url: null,
    raw: c,
  };
}

/** GET /{ig-user-id}/media [U: edge and fields are not in §4's table; pinned by own-posts.json]. */
export async function fetchMedia(
  graph: GraphClient,
  igUserId: string,
  cursor: string | null,
  now: number,
): Promise<Page<OwnPost>> {
  const res = await graph.get<
    Listing<{ id: string; caption?: string; timestamp?: string; permalink?: string }>
  >(`${igUserId}/media`, { fields: 'id,caption,timestamp,permalink', limit: 25, after: cursor ?? undefined });
  const items = (res.data ?? []).map((m) => ({
    ref: { id: m.id },
    text: m.caption ?? '',
    createdAt: graphTime(m.timestamp, now),
    url: m.permalink ?? null,
  }));
  const after = res.paging?.cursors?.after;
  return { items, cursor: res.paging?.next && after ? after : null };
}
