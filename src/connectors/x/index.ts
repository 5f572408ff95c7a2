// X (API v2) connector: OAuth 2.0 user-context bearer tokens, credentials
// { accessToken, refreshToken, clientId, clientSecret? }; webhook secrets { consumerSecret }.
// No block and no report: the v2 API has no write endpoint for either (§0, §2.2), so neither capability
// is declared. No delete of others' replies either: hide is X's moderation tool.
import { NotFoundError, PermanentError, UnsupportedError } from '../errors.js';
import type { Capability, Connector, ConnectorAccount, ConnectorDeps } from '../types.js';
import { xCall, xId } from './http.js';
import { fetchXMetrics } from './metrics.js';
import { refreshXCredentials } from './oauth.js';
import {
  decodeCursor,
  nextCursor,
  TWEET_FIELDS,
  timelineQuery,
  tweetToInbound,
  tweetToOwnPost,
  tweetUrl,
  type XTimeline,
} from './timeline.js';
import { xWebhook } from './webhook.js';

const CAPABILITIES: Capability[] = [
  'publish',
  'delete_own_post',
  'read_replies',
  'read_own_posts',
  'hide_reply',
  'unhide_reply',
  'mute_author',
  'webhooks',
  'poll',
];

interface XPartialError {
  type?: string;
  detail?: string;
}
type XData<T> = { data?: T; errors?: XPartialError[] };

// X can answer 200 with an `errors` array instead of data (e.g. a tweet that no longer exists).
function expectData<T>(res: XData<T> | null, what: string): T {
  if (res?.data !== undefined) return res.data;
  if (res?.errors?.some((e) => e.type?.endsWith('/resource-not-found')))
    throw new NotFoundError(`x ${what}: not found`, 'x', 200);
  throw new PermanentError(`x ${what}: unexpected response`, 'x', 200);
}

export function createXConnector(deps: ConnectorDeps): Connector {
  const ownId = (account: ConnectorAccount) => xId(account.platformAccountId, 'account');

  async function setHidden(account: ConnectorAccount, replyId: string, hidden: boolean): Promise<void> {
    const res = await xCall<XData<{ hidden: boolean }>>(
      deps,
      account,
      'PUT',
      `/2/tweets/${xId(replyId, 'reply')}/hidden`,
      { hidden },
    );
    if (expectData(res, hidden ? 'hide reply' : 'unhide reply').hidden !== hidden)
      throw new PermanentError(`x did not ${hidden ? 'hide' : 'unhide'} the reply`, 'x');
  }

  async function timeline(account: ConnectorAccount, path: string, cursor: string | null) {
    const state = decodeCursor(cursor);
    const query = timelineQuery(state, {
      max_results: '100',
      'tweet.fields': TWEET_FIELDS,
      expansions: 'author_id',
    });
    const page = await xCall<XTimeline>(deps, account, 'GET', `${path}?${query}`);
    return { page, cursor: nextCursor(state, page) };
  }

  return {
    platform: 'x',
    capabilities: new Set(CAPABILITIES),

    async publish(account, input) {
      // Media needs the v2 media upload flow, which this connector does not implement yet.
      if (input.mediaUrls?.length) throw new UnsupportedError('x connector does not attach media yet', 'x');
      const body: Record<string, unknown> = { text: input.text };
      if (input.replyTo) body.reply = { in_reply_to_tweet_id: xId(input.replyTo.id, 'reply-to') };
      const res = await xCall<XData<{ id: string; text: string }>>(deps, account, 'POST', '/2/tweets', body);
      const { id } = expectData(res, 'publish');
      // The create response carries no timestamp; the moment X accepted it is close enough.
      return { ref: { id }, url: tweetUrl(account.handle, id), createdAt: deps.now() };
    },

    async deletePost(account, post) {
      const res = await xCall<XData<{ deleted: boolean }>>(
        deps,
        account,
        'DELETE',
        `/2/tweets/${xId(post.id, 'post')}`,
      );
      if (expectData(res, 'delete').deleted !== true)
        throw new PermanentError('x did not delete the post', 'x');
    },

    async fetchReplies(account, cursor) {
      const { page, cursor: next } = await timeline(account, `/2/users/${ownId(account)}/mentions`, cursor);
      const users = page.includes?.users ?? [];
      const items = (page.data ?? []).map((t) => tweetToInbound(t, users, account.platformAccountId));
      return { items, cursor: next };
    },

    fetchPostMetrics: (account, refs) => fetchXMetrics(deps, account, refs),

    async fetchOwnPosts(account, cursor) {
      const { page, cursor: next } = await timeline(account, `/2/users/${ownId(account)}/tweets`, cursor);
      return { items: (page.data ?? []).map((t) => tweetToOwnPost(t, account)), cursor: next };
    },

    hideReply: (account, reply) => setHidden(account, reply.id, true),
    unhideReply: (account, reply) => setHidden(account, reply.id, false),

    async muteAuthor(account, authorId) {
      const res = await xCall<XData<{ muting: boolean }>>(
        deps,
        account,
        'POST',
        `/2/users/${ownId(account)}/muting`,
        { target_user_id: xId(authorId, 'author') },
      );
      if (expectData(res, 'mute').muting !== true) throw new PermanentError('x did not mute the author', 'x');
    },

    refreshCredentials: (account) => refreshXCredentials(deps, account),

    // GET /2/users/me (§2.1) → {"data":{"id","name","username"}}.
    async verifyCredentials(account) {
      const me = await xCall<{ data?: { id?: string; username?: string; name?: string } }>(
        deps,
        account,
        'GET',
        '/2/users/me',
      );
      if (!me?.data?.id || !me.data.username)
        throw new PermanentError('x did not say whose token this is', 'x');
      return {
        platformAccountId: me.data.id,
        handle: me.data.username,
        displayName: me.data.name ?? me.data.username,
      };
    },

    webhook: xWebhook,
  };
}
