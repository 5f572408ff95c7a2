// Reading X timelines (mentions, own tweets) with a cursor that polls forward with since_id and walks
// older pages with pagination_token (§2.2): a poll first pages back down to the last newest_id seen,
// then the next poll asks only for what is newer than the newest tweet of that walk.
import type { ConnectorAccount, InboundItem, OwnPost } from '../types.js';

export const TWEET_FIELDS = 'author_id,conversation_id,in_reply_to_user_id,created_at,referenced_tweets';

export interface XTweet {
  id: string;
  text: string;
  author_id?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  created_at?: string;
  referenced_tweets?: { type: string; id: string }[];
}
export interface XUser {
  id: string;
  name?: string;
  username: string;
}
export interface XTimeline {
  data?: XTweet[];
  includes?: { users?: XUser[] };
  meta?: { result_count?: number; newest_id?: string; oldest_id?: string; next_token?: string };
}

/** since: newest id already delivered; next: page token of a walk in progress; top: newest id of that walk. */
interface TimelineCursor {
  since: string | null;
  next?: string;
  top?: string;
}

export function decodeCursor(cursor: string | null): TimelineCursor {
  if (!cursor) return { since: null };
  try {
    const parsed = JSON.parse(cursor) as TimelineCursor;
    if (parsed && typeof parsed === 'object' && 'since' in parsed) return parsed;
  } catch {}
  // A bare id is accepted as "since" so a cursor can be seeded by hand (e.g. the newest post at connect).
  return { since: cursor };
}

// Built by hand rather than with URLSearchParams so field lists keep their literal commas, as in §2.2.
export function timelineQuery(cursor: TimelineCursor, extra: Record<string, string>): string {
  const params: [string, string][] = [];
  if (cursor.since) params.push(['since_id', cursor.since]);
  if (cursor.next) params.push(['pagination_token', cursor.next]);
  params.push(...Object.entries(extra));
  const enc = (v: string) => encodeURIComponent(v).replace(/%2C/g, ',');
  return params.map(([k, v]) => `${k}=${enc(v)}`).join('&');
}

export function nextCursor(cursor: TimelineCursor, page: XTimeline): string | null {
  const top = cursor.top ?? page.meta?.newest_id ?? undefined;
  const next = page.meta?.next_token;
  if (next) return JSON.stringify({ since: cursor.since, next, ...(top ? { top } : {}) });
  const since = top ?? cursor.since;
  return since ? JSON.stringify({ since }) : null;
}

export function tweetUrl(username: string | undefined, id: string): string {
  return username
    ? `https://x.com/${username.replace(/^@/, '')}/status/${id}`
    : `https://x.com/i/web/status/${id}`;
}

function repliedTo(tweet: XTweet): string | null {
  return tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
}

export function tweetToInbound(tweet: XTweet, users: XUser[], ownUserId: string): InboundItem {
  const author = users.find((u) => u.id === tweet.author_id);
  const parent = repliedTo(tweet);
  return {
    ref: { id: tweet.id, ...(tweet.conversation_id ? { root: { id: tweet.conversation_id } } : {}) },
    // A reply to any of the account's tweets auto-mentions it; only those answering the account are replies.
    kind: parent && tweet.in_reply_to_user_id === ownUserId ? 'reply' : 'mention',
    text: tweet.text,
    author: {
      id: tweet.author_id ?? '',
      handle: author?.username ?? '',
      ...(author?.name ? { name: author.name } : {}),
    },
    inReplyTo: parent ? { id: parent } : null,
    createdAt: tweet.created_at ? Date.parse(tweet.created_at) : 0,
    url: tweetUrl(author?.username, tweet.id),
    raw: tweet,
  };
}

export function tweetToOwnPost(tweet: XTweet, account: ConnectorAccount): OwnPost {
  return {
    ref: { id: tweet.id, ...(tweet.conversation_id ? { root: { id: tweet.conversation_id } } : {}) },
    text: tweet.text,
    createdAt: tweet.created_at ? Date.parse(tweet.created_at) : 0,
    url: tweetUrl(account.handle, tweet.id),
  };
}
