// Mastodon ADMIN webhooks only (§1, §5.5): an instance admin can have the instance POST events such as
// status.created, signed with X-Hub-Signature: sha256=<hex HMAC of the raw body> keyed with the webhook
// secret (secrets.webhookSecret). Ordinary accounts get no per-user webhook (they poll notifications or
// use streaming), so the connector does not declare the 'webhooks' capability; this is for orgs that run
// their own instance. There is no handshake.
import { PermanentError } from '../errors.js';
import type { WebhookRequest, WebhookSupport } from '../types.js';
import { hmacSha256Hex, safeEqual } from '../webhook-signatures.js';
import { type MastodonStatus, statusToInbound } from './map.js';

export const MASTODON_SIGNATURE_HEADER = 'x-hub-signature';

export function mastodonBodySignature(secret: string, rawBody: Buffer | string): string {
  return `sha256=${hmacSha256Hex(secret, rawBody)}`;
}

function header(req: WebhookRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  }
  return undefined;
}

export const mastodonAdminWebhook: WebhookSupport = {
  handshake: () => null,

  verifySignature(req, secrets) {
    const secret = secrets.webhookSecret;
    if (!secret) throw new PermanentError('mastodon webhook secret is not configured', 'mastodon');
    const given = header(req, MASTODON_SIGNATURE_HEADER);
    return given !== undefined && safeEqual(given, mastodonBodySignature(secret, req.rawBody));
  },

  /**
   * status.created / status.updated carry a Status. The envelope does not say which of the org's accounts
   * it concerns, so every status that replies to or mentions someone is returned; the caller keeps those
   * whose inReplyTo or mentions (in raw) point at one of its accounts. kind is 'reply' for replies.
   */
  parse(req) {
    let event: { event?: string; object?: MastodonStatus };
    try {
      event = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      throw new PermanentError('mastodon webhook body is not JSON', 'mastodon');
    }
    if (event.event !== 'status.created' && event.event !== 'status.updated') return [];
    const status = event.object;
    if (!status?.id || (!status.in_reply_to_id && !status.mentions?.length)) return [];
    return [statusToInbound(status, status.in_reply_to_account_id ?? '', event)];
  },
};
