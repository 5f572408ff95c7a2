import type { AppBskyNotificationListNotifications } from '@atproto/api';
import { PermanentError } from '../errors.js';
import type { InboundItem, OwnPost, PostRef } from '../types.js';

export const POST = 'app.bsky.feed.post';

export interface AtUri {
  did: string;
  collection: string;
  rkey: string;
}

export function parseAtUri(uri: string | undefined): AtUri {
  const m = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri ?? '');
  if (!m) throw new PermanentError('bluesky: not a record AT-URI', 'bluesky');
  return { did: m[1] as string, collection: m[2] as string, rkey: m[3] as string };
}

/** The bsky.app web address of a post (works for any PDS whose repo the public network indexes). */
export function postUrl(uri: string): string | null {
  try {
    const { did, rkey } = parseAtUri(uri);
    return `https://bsky.app/profile/${did}/post/${rkey}`;
  } catch {
    return null;
  }
}

interface StrongRef {
  uri: string;
  cid: string;
}
interface ReplyRefs {
  root?: StrongRef;
  parent?: StrongRef;
}

export function refOf(uri: string, cid: string, reply?: ReplyRefs): PostRef {
  const ref: PostRef = { id: uri, uri, cid };
  if (reply?.root) ref.root = { id: reply.root.uri, uri: reply.root.uri, cid: reply.root.cid };
  return ref;
}

type Notification = AppBskyNotificationListNotifications.Notification;

export function notificationToItem(n: Notification): InboundItem {
  const record = n.record as { text?: string; createdAt?: string; reply?: ReplyRefs };
  const parent = record.reply?.parent;
  return {
    ref: refOf(n.uri, n.cid, record.reply),
    kind: n.reason === 'reply' ? 'reply' : 'mention',
    text: record.text ?? '',
    author: {
      id: n.author.did,
      handle: n.author.handle,
      ...(n.author.displayName ? { name: n.author.displayName } : {}),
    },
    inReplyTo: parent
      ? refOf(parent.uri, parent.cid, record.reply?.root ? { root: record.reply.root } : {})
      : null,
    createdAt: timeOf(record.createdAt, n.indexedAt),
    url: postUrl(n.uri),
    raw: n,
  };
}

export function recordToOwnPost(r: { uri: string; cid: string; value: Record<string, unknown> }): OwnPost {
  const value = r.value as { text?: string; createdAt?: string; reply?: ReplyRefs };
  return {
    ref: refOf(r.uri, r.cid, value.reply),
    text: value.text ?? '',
    createdAt: timeOf(value.createdAt),
    url: postUrl(r.uri),
  };
}

// createdAt is client-supplied and may be missing or odd; fall back to the AppView's index time.
function timeOf(...candidates: Array<string | undefined>): number {
  for (const c of candidates) {
    const t = c ? Date.parse(c) : Number.NaN;
    if (Number.isFinite(t)) return t;
  }
  return 0;
}
