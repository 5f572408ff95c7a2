// Mastodon connector (§5): one instance per account (account.baseUrl), credentials { accessToken } (tokens
// never expire and there is no refresh grant). An account cannot hide or delete other people's replies
// (§0, §5.5): moderation is block / mute, then report. No refreshCredentials: a revoked token surfaces as
// CredentialsExpiredError and needs re-authorisation.
import { createHash } from 'node:crypto';
import { PermanentError, UnsupportedError } from '../errors.js';
import type { Capability, Connector, ConnectorAccount, ConnectorDeps, PublishInput } from '../types.js';
import { mastodonCall, mastodonId, newerId } from './http.js';
import {
  type MastodonNotification,
  type MastodonStatus,
  notificationToInbound,
  statusToOwnPost,
} from './map.js';
import { fetchMastodonMetrics } from './metrics.js';
import { mastodonAdminWebhook } from './webhook.js';

const CAPABILITIES: Capability[] = [
  'publish',
  'delete_own_post',
  'read_replies',
  'read_own_posts',
  'block_author',
  'mute_author',
  'report',
  'poll',
];
const REPORT_CATEGORIES = new Set(['spam', 'legal', 'other']);

/**
 * Mastodon keeps Idempotency-Key for 1 h, so a retried publish returns the first status instead of a
 * duplicate. The key must be stable across retries: the caller's key, or one derived from what is posted.
 */
export function idempotencyKey(account: ConnectorAccount, input: PublishInput): string {
  const seed =
    input.idempotencyKey ?? `${account.platformAccountId}\n${input.replyTo?.id ?? ''}\n${input.text}`;
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function newestOf(ids: string[], previous: string | null): string | null {
  return ids.reduce<string | null>((top, id) => (top === null || newerId(id, top) ? id : top), previous);
}

export function createMastodonConnector(deps: ConnectorDeps): Connector {
  const ownId = (account: ConnectorAccount) => mastodonId(account.platformAccountId, 'account');

  return {
    platform: 'mastodon',
    capabilities: new Set(CAPABILITIES),

    async publish(account, input) {
      if (input.mediaUrls?.length)
        throw new UnsupportedError('mastodon connector does not attach media yet', 'mastodon');
      const body: Record<string, unknown> = { status: input.text };
      if (input.replyTo) body.in_reply_to_id = mastodonId(input.replyTo.id, 'reply-to');
      const status = await mastodonCall<MastodonStatus>(deps, account, 'POST', '/api/v1/statuses', body, {
        'idempotency-key': idempotencyKey(account, input),
      });
      if (!status?.id) throw new PermanentError('mastodon publish returned no status', 'mastodon');
      return {
        ref: { id: status.id, ...(status.uri ? { uri: status.uri } : {}) },
        url: status.url ?? null,
        createdAt: status.created_at ? Date.parse(status.created_at) : deps.now(),
      };
    },

    async deletePost(account, post) {
      await mastodonCall(deps, account, 'DELETE', `/api/v1/statuses/${mastodonId(post.id, 'post')}`);
    },

    // Poll forward with min_id = newest notification seen (§5.2); the cursor is that id. With min_id the
    // instance returns the page just after it, so a backlog of more than 80 drains over successive polls
    // without gaps. The first poll (no cursor) starts from the newest 80.
    async fetchReplies(account, cursor) {
      const since = cursor ? `&min_id=${encodeURIComponent(mastodonId(cursor, 'cursor'))}` : '';
      const list = await mastodonCall<MastodonNotification[]>(
        deps,
        account,
        'GET',
        `/api/v1/notifications?types[]=mention&limit=80${since}`,
      );
      const notifications = Array.isArray(list) ? list : [];
      const items = notifications.flatMap((n) => notificationToInbound(n, account.platformAccountId) ?? []);
      return {
        items,
        cursor: newestOf(
          notifications.map((n) => n.id),
          cursor,
        ),
      };
    },

    fetchPostMetrics: (account, refs) => fetchMastodonMetrics(deps, account, refs),

    async fetchOwnPosts(account, cursor) {
      const since = cursor ? `&min_id=${encodeURIComponent(mastodonId(cursor, 'cursor'))}` : '';
      const list = await mastodonCall<MastodonStatus[]>(
        deps,
        account,
        'GET',
        `/api/v1/accounts/${ownId(account)}/statuses?limit=40${since}`,
      );
      const statuses = Array.isArray(list) ? list : [];
      return {
        items: statuses.map(statusToOwnPost),
        cursor: newestOf(
          statuses.map((s) => s.id),
          cursor,
        ),
      };
    },

    async blockAuthor(account, authorId) {
      const rel = await mastodonCall<{ blocking?: boolean }>(
        deps,
        account,
        'POST',
        `/api/v1/accounts/${mastodonId(authorId, 'author')}/block`,
      );
      if (rel?.blocking !== true) throw new PermanentError('mastodon did not block the author', 'mastodon');
    },

    async muteAuthor(account, authorId) {
      // duration 0 = until unmuted; notifications=true also silences their notifications to the account.
      const rel = await mastodonCall<{ muting?: boolean }>(
        deps,
        account,
        'POST',
        `/api/v1/accounts/${mastodonId(authorId, 'author')}/mute`,
        { notifications: true, duration: 0 },
      );
      if (rel?.muting !== true) throw new PermanentError('mastodon did not mute the author', 'mastodon');
    },

    async report(account, item, authorId, reason) {
      // 'violation' needs rule_ids we do not know, so other reasons go as 'other' with the reason as comment.
      const category = REPORT_CATEGORIES.has(reason) ? reason : 'other';
      await mastodonCall(deps, account, 'POST', '/api/v1/reports', {
        account_id: mastodonId(authorId, 'author'),
        status_ids: [mastodonId(item.id, 'status')],
        comment: reason.slice(0, 1000),
        // Abuse usually comes from other instances: forward so their admins see it too.
        forward: true,
        category,
      });
    },

    // GET /api/v1/accounts/verify_credentials (§5.1): the token's own account; acct is local (no @host).
    async verifyCredentials(account) {
      const me = await mastodonCall<{ id?: string; acct?: string; username?: string; display_name?: string }>(
        deps,
        account,
        'GET',
        '/api/v1/accounts/verify_credentials',
      );
      if (!me?.id) throw new PermanentError('mastodon did not say whose token this is', 'mastodon');
      const handle = me.acct ?? me.username ?? me.id;
      return {
        platformAccountId: me.id,
        handle,
        ...(me.display_name ? { displayName: me.display_name } : {}),
      };
    },

    webhook: mastodonAdminWebhook,
  };
}
