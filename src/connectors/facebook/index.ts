// Facebook Pages connector (Graph API v25.0, platform-apis.md §3). Credentials: { pageAccessToken } and
// optionally { appSecret } to add appsecret_proof; webhook secrets: { appSecret, verifyToken }.
// Not available: report (Meta has no report API, §0). Ban from Page (blockAuthor) is [U] in §3.2.
import { PermanentError } from '../errors.js';
import { createGraphClient, expectSuccess } from '../meta/graph.js';
import { fetchFacebookMetrics } from '../meta/metrics.js';
import type { Capability, Connector, ConnectorAccount, ConnectorDeps, PostRef } from '../types.js';
import { fetchPageComments, fetchPagePosts } from './read.js';
import { facebookWebhook } from './webhook.js';

const CAPABILITIES: Capability[] = [
  'publish',
  'delete_own_post',
  'read_replies',
  'read_own_posts',
  'hide_reply',
  'unhide_reply',
  'delete_reply',
  'block_author',
  'webhooks',
  'poll',
];

export function createFacebookConnector(deps: ConnectorDeps): Connector {
  const graph = (account: ConnectorAccount) =>
    createGraphClient(deps, 'facebook', {
      accessToken: account.credentials.pageAccessToken ?? '',
      appSecret: account.credentials.appSecret,
    });
  const setHidden = async (account: ConnectorAccount, reply: PostRef, hidden: boolean) =>
    expectSuccess(
      'facebook',
      await graph(account).post(reply.id, { is_hidden: hidden }),
      hidden ? 'hiding the comment' : 'unhiding the comment',
    );

  return {
    platform: 'facebook',
    capabilities: new Set(CAPABILITIES),

    async publish(account, input) {
      if (input.mediaUrls?.length)
        throw new PermanentError('facebook connector publishes text posts only (no media)', 'facebook', null);
      // A reply is a comment on the post or comment it answers ([U]: POST /{object}/comments is not in §3.2).
      const path = input.replyTo ? `${input.replyTo.id}/comments` : `${account.platformAccountId}/feed`;
      const res = await graph(account).post<{ id?: string }>(path, { message: input.text });
      if (!res?.id) throw new PermanentError('facebook did not return the new post id', 'facebook', 200);
      const root = input.replyTo ? (input.replyTo.root ?? { id: input.replyTo.id }) : undefined;
      return {
        ref: root ? { id: res.id, root } : { id: res.id },
        // facebook.com/{page-id}_{post-id} resolves to the post [U]; comments have no such address.
        url: input.replyTo ? null : `https://www.facebook.com/${res.id}`,
        createdAt: deps.now(),
      };
    },

    async deletePost(account, post) {
      expectSuccess('facebook', await graph(account).delete(post.id), 'deleting the post');
    },

    fetchReplies: (account, cursor) =>
      fetchPageComments(graph(account), account.platformAccountId, cursor, deps.now()),

    fetchPostMetrics: (account, refs) => fetchFacebookMetrics(graph(account), refs),

    fetchOwnPosts: (account, cursor) =>
      fetchPagePosts(graph(account), account.platformAccountId, cursor, deps.now()),

    hideReply: (account, reply) => setHidden(account, reply, true),
    unhideReply: (account, reply) => setHidden(account, reply, false),

    async deleteReply(account, reply) {
      expectSuccess('facebook', await graph(account).delete(reply.id), 'deleting the comment');
    },

    // Ban from the Page. [U] in §3.2: parameter `user` and the answer shape are assumptions pinned by
    // test/fixtures/facebook/block-author.json. Accepts {"success":true} or {"<user-id>":true}.
    async blockAuthor(account, authorId) {
      const res = await graph(account).post<Record<string, unknown>>(`${account.platformAccountId}/blocked`, {
        user: authorId,
      });
      if (res?.success !== true && res?.[authorId] !== true)
        throw new PermanentError('facebook did not confirm the Page ban', 'facebook', 200);
    },

    // With a Page token, /me is the Page itself (§3.1), so this also proves it is a Page token, not a user's.
    async verifyCredentials(account) {
      const page = await graph(account).get<{ id?: string; name?: string }>('me', { fields: 'id,name' });
      if (!page?.id) throw new PermanentError('facebook did not say whose token this is', 'facebook', 200);
      return { platformAccountId: page.id, handle: page.name ?? page.id, displayName: page.name ?? page.id };
    },

    webhook: facebookWebhook(deps.now),
  };
}
