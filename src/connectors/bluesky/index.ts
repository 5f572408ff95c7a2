// Bluesky / AT Protocol connector (platform-apis.md §6), on @atproto/api with the injected fetch.
// Credentials: { appPassword }. Sessions are cached in memory (session.ts). Replies are read by polling the
// AppView's listNotifications (no webhooks); own posts are read from the PDS repo itself (listRecords), so
// hijack detection sees every post in the repo, whichever client wrote it.
import { type AtpAgent, RichText } from '@atproto/api';
import { PermanentError } from '../errors.js';
import type {
  Capability,
  Connector,
  ConnectorDeps,
  InboundItem,
  OwnPost,
  Page,
  PostRef,
  PublishedPost,
} from '../types.js';
import { notificationToItem, POST, parseAtUri, postUrl, recordToOwnPost, refOf } from './mapping.js';
import { fetchBlueskyMetrics } from './metrics.js';
import { reportBody } from './report.js';
import { deterministicTid } from './rkey.js';
import { BlueskySessions } from './session.js';
import { setReplyHidden } from './threadgate.js';
import { verifyBlueskyCredentials } from './verify.js';

const PAGE = 50;
/** Pages of notifications read per poll when catching up (newest first) to the caller's cursor. */
const MAX_PAGES = 10;

const CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'publish',
  'delete_own_post',
  'read_replies',
  'read_own_posts',
  'hide_reply',
  'unhide_reply',
  'block_author',
  'mute_author',
  'report',
  'poll',
]);

export function createBlueskyConnector(deps: ConnectorDeps): Connector {
  const sessions = new BlueskySessions(deps);

  return {
    platform: 'bluesky',
    capabilities: CAPABILITIES,

    publish: (account, input) =>
      sessions.run(account, 'publish', async (agent, did): Promise<PublishedPost> => {
        const rt = new RichText({ text: input.text });
        await rt.detectFacets(agent); // mention facets need DIDs; unresolvable handles are left as text
        const createdAt = deps.now();
        const record: Record<string, unknown> = {
          $type: POST,
          text: rt.text,
          createdAt: new Date(createdAt).toISOString(),
          ...(rt.facets?.length ? { facets: rt.facets } : {}),
          ...(input.replyTo ? { reply: await replyRefs(agent, input.replyTo) } : {}),
        };
        // With an idempotency key the record key is deterministic: a retry addresses the same record, and if
        // the first call already created it (the PDS refuses a second create there) we return that post.
        const rkey = input.idempotencyKey
          ? deterministicTid(input.idempotencyKey, input.startedAt ?? createdAt)
          : undefined;
        const reply = record.reply as { root: { uri: string; cid: string } } | undefined;
        try {
          const res = await agent.com.atproto.repo.createRecord({
            repo: did,
            collection: POST,
            rkey,
            record,
          });
          return { ref: refOf(res.data.uri, res.data.cid, reply), url: postUrl(res.data.uri), createdAt };
        } catch (err) {
          const existing = rkey ? await existingPost(agent, did, rkey, createdAt) : null;
          if (!existing) throw err;
          return existing;
        }
      }),

    deletePost: (account, post) =>
      sessions.run(account, 'delete post', async (agent, did) => {
        const uri = parseAtUri(post.uri ?? post.id);
        if (uri.did !== did || uri.collection !== POST) {
          throw new PermanentError('bluesky: can only delete the account’s own posts', 'bluesky');
        }
        // Deleting a record that is already gone is not an error on the PDS (§6.2).
        await agent.com.atproto.repo.deleteRecord({ repo: did, collection: uri.collection, rkey: uri.rkey });
      }),

    fetchReplies: (account, cursor) =>
      sessions.run(account, 'fetch replies', (agent) => pollReplies(agent, cursor)),

    fetchPostMetrics: (account, refs) =>
      sessions.run(account, 'fetch post metrics', (agent) => fetchBlueskyMetrics(agent, refs)),

    fetchOwnPosts: (account, cursor) =>
      sessions.run(account, 'fetch own posts', async (agent, did): Promise<Page<OwnPost>> => {
        const res = await agent.com.atproto.repo.listRecords({
          repo: did,
          collection: POST,
          limit: PAGE,
          ...(cursor ? { cursor } : {}),
        });
        return { items: res.data.records.map(recordToOwnPost), cursor: res.data.cursor ?? null };
      }),

    hideReply: (account, reply) =>
      sessions.run(account, 'hide reply', (agent, did) =>
        setReplyHidden(agent, did, reply, true, deps.now()),
      ),

    unhideReply: (account, reply) =>
      sessions.run(account, 'unhide reply', (agent, did) =>
        setReplyHidden(agent, did, reply, false, deps.now()),
      ),

    blockAuthor: (account, authorId) =>
      sessions.run(account, 'block author', async (agent, did) => {
        const subject = await toDid(agent, authorId);
        if (await alreadyBlocking(agent, subject)) return;
        await agent.com.atproto.repo.createRecord({
          repo: did,
          collection: 'app.bsky.graph.block',
          record: { $type: 'app.bsky.graph.block', subject, createdAt: new Date(deps.now()).toISOString() },
        });
      }),

    muteAuthor: (account, authorId) =>
      sessions.run(account, 'mute author', async (agent) => {
        await agent.app.bsky.graph.muteActor({ actor: authorId });
      }),

    verifyCredentials: (account) => verifyBlueskyCredentials(deps, account),

    report: (account, item, authorId, reason) =>
      sessions.run(account, 'report', async (agent) => {
        await agent.com.atproto.moderation.createReport(reportBody(item, authorId, reason));
      }),
  };
}

/**
 * listNotifications pages from the newest backwards. Parapet's cursor means "everything after this", so the
 * cursor we hand out is the newest `indexedAt` seen, and a poll reads pages until it reaches it (at most
 * MAX_PAGES; with no cursor, only the newest page). Notifications are filtered by the AppView: blocked or
 * muted authors and replies hidden by our threadgate do not appear (§6.3).
 */
async function pollReplies(agent: AtpAgent, since: string | null): Promise<Page<InboundItem>> {
  const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
  if (Number.isNaN(sinceMs)) throw new PermanentError('bluesky: not a notification cursor', 'bluesky');
  const items: InboundItem[] = [];
  let newest = since;
  let page: string | undefined;
  for (let i = 0; i < (since ? MAX_PAGES : 1); i++) {
    const res = await agent.app.bsky.notification.listNotifications({
      reasons: ['reply', 'mention'],
      limit: PAGE,
      ...(page ? { cursor: page } : {}),
    });
    let reachedCursor = false;
    for (const n of res.data.notifications) {
      if (Date.parse(n.indexedAt) <= sinceMs) {
        reachedCursor = true;
        break;
      }
      if (n.reason !== 'reply' && n.reason !== 'mention') continue;
      items.push(notificationToItem(n));
      if (!newest || Date.parse(n.indexedAt) > Date.parse(newest)) newest = n.indexedAt;
    }
    page = res.data.cursor;
    if (reachedCursor || !page || res.data.notifications.length === 0) break;
  }
  return { items: items.reverse(), cursor: newest };
}

// Reply refs (§6.2): parent = the post answered; root = the parent's own root when the parent is a reply.
async function replyRefs(agent: AtpAgent, to: PostRef) {
  const parentUri = to.uri ?? to.id;
  if (to.cid && to.root?.uri && to.root.cid) {
    return { root: { uri: to.root.uri, cid: to.root.cid }, parent: { uri: parentUri, cid: to.cid } };
  }
  const { did, collection, rkey } = parseAtUri(parentUri);
  const res = await agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
  const parent = { uri: res.data.uri, cid: res.data.cid ?? to.cid ?? '' };
  const root = (res.data.value as { reply?: { root?: { uri: string; cid: string } } }).reply?.root;
  return { root: root ?? parent, parent };
}

/** The post already at did/app.bsky.feed.post/rkey, or null if there is none (or the PDS cannot say). */
async function existingPost(
  agent: AtpAgent,
  did: string,
  rkey: string,
  now: number,
): Promise<PublishedPost | null> {
  try {
    const res = await agent.com.atproto.repo.getRecord({ repo: did, collection: POST, rkey });
    const value = res.data.value as { createdAt?: string; reply?: { root: { uri: string; cid: string } } };
    return {
      ref: refOf(res.data.uri, res.data.cid ?? '', value.reply),
      url: postUrl(res.data.uri),
      createdAt: Date.parse(value.createdAt ?? '') || now,
    };
  } catch {
    return null;
  }
}

async function toDid(agent: AtpAgent, actor: string): Promise<string> {
  if (actor.startsWith('did:')) return actor;
  return (await agent.com.atproto.identity.resolveHandle({ handle: actor })).data.did;
}

// Blocks are records: a retried job must not pile up duplicates. The AppView knows the current state; if it
// cannot answer, writing the block anyway is the safe side.
async function alreadyBlocking(agent: AtpAgent, subject: string): Promise<boolean> {
  try {
    return Boolean((await agent.app.bsky.actor.getProfile({ actor: subject })).data.viewer?.blocking);
  } catch {
    return false;
  }
}
