// Instagram professional-account connector (Graph API, platform-apis.md §4). Credentials: { accessToken }
// (a Page token under Facebook Login, or an Instagram Login token) and optionally { appSecret } for
// appsecret_proof; account.baseUrl, when set, replaces https://graph.facebook.com/v25.0 (e.g. the
// graph.instagram.com host for Instagram Login). Webhook secrets: { appSecret, verifyToken }.
// Not available: delete own post ([U], historically unsupported), block (no API), report (no API).
import { PermanentError, UnsupportedError } from '../errors.js';
import { createGraphClient, expectSuccess, GRAPH_BASE_URL } from '../meta/graph.js';
import { fetchInstagramMetrics } from '../meta/metrics.js';
import type { Capability, Connector, ConnectorAccount, ConnectorDeps, PostRef } from '../types.js';
import { fetchMedia, fetchMediaComments } from './read.js';
import { instagramWebhook } from './webhook.js';

const CAPABILITIES: Capability[] = [
  'publish',
  'read_replies',
  'read_own_posts',
  'hide_reply',
  'unhide_reply',
  'delete_reply',
  'webhooks',
  'poll',
];

export function createInstagramConnector(deps: ConnectorDeps): Connector {
  const graph = (account: ConnectorAccount) =>
    createGraphClient(
      deps,
      'instagram',
      { accessToken: account.credentials.accessToken ?? '', appSecret: account.credentials.appSecret },
      account.baseUrl ?? GRAPH_BASE_URL,
    );
  const newId = (res: { id?: string } | null, what: string) => {
    if (!res?.id) throw new PermanentError(`instagram did not return the ${what} id`, 'instagram', 200);
    return res.id;
  };
  const setHidden = async (account: ConnectorAccount, reply: PostRef, hide: boolean) =>
    expectSuccess(
      'instagram',
      await graph(account).post(reply.id, {}, { hide }),
      hide ? 'hiding the comment' : 'unhiding the comment',
    );

  return {
    platform: 'instagram',
    capabilities: new Set(CAPABILITIES),

    async publish(account, input) {
      const media = input.mediaUrls ?? [];
      if (input.replyTo) {
        if (media.length)
          throw new PermanentError('instagram comments cannot carry images', 'instagram', null);
        // [U] neither endpoint is in §4's table; pinned by reply-comment.json / reply-media.json.
        // A ref with a root is a comment (→ /replies); without one it is our media (→ /comments).
        const path = input.replyTo.root ? `${input.replyTo.id}/replies` : `${input.replyTo.id}/comments`;
        const res = await graph(account).post<{ id?: string }>(path, { message: input.text });
        const root = input.replyTo.root ?? { id: input.replyTo.id };
        return { ref: { id: newId(res, 'comment'), root }, url: null, createdAt: deps.now() };
      }
      if (media.length === 0)
        throw new PermanentError(
          'instagram cannot publish text-only posts: attach one image (mediaUrls) that Instagram can fetch',
          'instagram',
          null,
        );
      if (media.length > 1)
        throw new PermanentError(
          'instagram connector publishes one image per post (no carousels)',
          'instagram',
          null,
        );
      const client = graph(account);
      const igUser = account.platformAccountId;
      const container = newId(
        await client.post<{ id?: string }>(`${igUser}/media`, { image_url: media[0], caption: input.text }),
        'media container',
      );
      const published = await client.post<{ id?: string }>(`${igUser}/media_publish`, {
        creation_id: container,
      });
      return { ref: { id: newId(published, 'media') }, url: null, createdAt: deps.now() };
    },

    async deletePost() {
      throw new UnsupportedError(
        'instagram: deleting media through the API is not supported',
        'instagram',
        null,
      );
    },

    fetchReplies: (account, cursor) =>
      fetchMediaComments(
        graph(account),
        { igUserId: account.platformAccountId, username: account.handle.replace(/^@/, '') },
        cursor,
        deps.now(),
      ),

    fetchPostMetrics: (account, refs) => fetchInstagramMetrics(graph(account), refs),

    fetchOwnPosts: (account, cursor) =>
      fetchMedia(graph(account), account.platformAccountId, cursor, deps.now()),

    hideReply: (account, reply) => setHidden(account, reply, true),
    unhideReply: (account, reply) => setHidden(account, reply, false),

    async deleteReply(account, reply) {
      expectSuccess('instagram', await graph(account).delete(reply.id), 'deleting the comment');
    },

    // GET /{ig-user}?fields=id,username (§4); without a given id, /me (Instagram Login tokens) [U].
    async verifyCredentials(account) {
      const given = account.platformAccountId;
      if (given && !/^[0-9]{1,30}$/.test(given))
        throw new PermanentError('instagram user id is not a valid id', 'instagram', null);
      const user = await graph(account).get<{ id?: string; username?: string }>(given || 'me', {
        fields: 'id,username',
      });
      if (!user?.id || !user.username)
        throw new PermanentError('instagram did not say whose token this is', 'instagram', 200);
      return { platformAccountId: user.id, handle: user.username };
    },

    webhook: instagramWebhook(deps.now),
  };
}
