import type { AtpAgent } from '@atproto/api';
import { XRPCError } from '@atproto/api';
import { PermanentError } from '../errors.js';
import type { PostRef } from '../types.js';
import { POST, parseAtUri } from './mapping.js';

const THREADGATE = 'app.bsky.feed.threadgate';
/** Lexicon limit on app.bsky.feed.threadgate#hiddenReplies. */
export const MAX_HIDDEN_REPLIES = 300;

/**
 * Adds or removes a reply in the thread root's threadgate `hiddenReplies` (platform-apis.md §6.4): read,
 * modify, write with swapRecord, keeping every other field (notably `allow`: leaving it out keeps replies
 * open, `[]` would close them). Retries the whole cycle if another client changed the gate meanwhile.
 */
export async function setReplyHidden(
  agent: AtpAgent,
  did: string,
  reply: PostRef,
  hidden: boolean,
  now: number,
): Promise<void> {
  const replyUri = reply.uri ?? reply.id;
  const rootUri = reply.root?.uri ?? reply.root?.id ?? (await rootOf(agent, replyUri));
  const root = parseAtUri(rootUri);
  if (root.did !== did || root.collection !== POST) {
    throw new PermanentError('bluesky: replies can only be hidden in threads the account started', 'bluesky');
  }
  for (let attempt = 0; ; attempt++) {
    const current = await getGate(agent, did, root.rkey);
    const record: Record<string, unknown> = current?.value ?? {
      $type: THREADGATE,
      post: rootUri,
      createdAt: new Date(now).toISOString(),
    };
    const list = Array.isArray(record.hiddenReplies) ? (record.hiddenReplies as string[]) : [];
    // Already in the wanted state: no write (keeps hide/unhide idempotent for job retries).
    if (list.includes(replyUri) === hidden) return;
    const next = hidden ? [...list, replyUri] : list.filter((u) => u !== replyUri);
    if (next.length > MAX_HIDDEN_REPLIES) {
      throw new PermanentError(
        `bluesky: this thread already hides ${MAX_HIDDEN_REPLIES} replies, the most a threadgate can hold`,
        'bluesky',
      );
    }
    try {
      await agent.com.atproto.repo.putRecord({
        repo: did,
        collection: THREADGATE,
        rkey: root.rkey,
        record: { ...record, hiddenReplies: next },
        // null = "must not exist yet": two writers creating the gate at once cannot overwrite each other.
        swapRecord: current?.cid ?? null,
      });
      return;
    } catch (err) {
      if (attempt < 2 && err instanceof XRPCError && err.error === 'InvalidSwap') continue;
      throw err;
    }
  }
}

async function getGate(agent: AtpAgent, did: string, rkey: string) {
  try {
    const res = await agent.com.atproto.repo.getRecord({ repo: did, collection: THREADGATE, rkey });
    return { cid: res.data.cid, value: res.data.value as Record<string, unknown> };
  } catch (err) {
    if (err instanceof XRPCError && err.error === 'RecordNotFound') return null;
    throw err;
  }
}

// Without the root in the PostRef, read the reply record (its repo may be on another PDS: getRecord is proxied).
async function rootOf(agent: AtpAgent, replyUri: string): Promise<string> {
  const { did, collection, rkey } = parseAtUri(replyUri);
  const res = await agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
  const root = (res.data.value as { reply?: { root?: { uri?: string } } }).reply?.root?.uri;
  if (!root) throw new PermanentError('bluesky: the post to hide is not a reply', 'bluesky');
  return root;
}
