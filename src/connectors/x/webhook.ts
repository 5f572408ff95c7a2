// X Account Activity webhooks (§1, §2.3): the CRC handshake, the x-twitter-webhooks-signature check over
// the raw bytes, and tweet_create_events → InboundItems. Both are keyed with the app's consumer secret,
// passed in as secrets.consumerSecret.
import { PermanentError } from '../errors.js';
import type { Credentials, InboundItem, WebhookRequest, WebhookSupport } from '../types.js';
import { hmacSha256Base64, safeEqual } from '../webhook-signatures.js';
import { tweetUrl } from './timeline.js';

export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

function consumerSecret(secrets: Credentials): string {
  const secret = secrets.consumerSecret;
  if (!secret) throw new PermanentError('x webhook consumer secret is not configured', 'x');
  return secret;
}

export function xCrcResponse(secret: string, crcToken: string): string {
  return `sha256=${hmacSha256Base64(secret, crcToken)}`;
}

export function xBodySignature(secret: string, rawBody: Buffer | string): string {
  return `sha256=${hmacSha256Base64(secret, rawBody)}`;
}

function header(req: WebhookRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== name) continue;
    // A repeated signature header is ambiguous: treat it as missing rather than pick one.
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  }
  return undefined;
}

interface XV1Tweet {
  id_str: string;
  text?: string;
  full_text?: string;
  created_at?: string;
  timestamp_ms?: string;
  in_reply_to_status_id_str?: string | null;
  in_reply_to_user_id_str?: string | null;
  user?: { id_str: string; screen_name: string; name?: string };
  extended_tweet?: { full_text?: string };
}

function toInbound(event: XV1Tweet, forUserId: string): InboundItem {
  const parent = event.in_reply_to_status_id_str ?? null;
  const handle = event.user?.screen_name ?? '';
  const createdAt = event.timestamp_ms ? Number(event.timestamp_ms) : Date.parse(event.created_at ?? '');
  return {
    ref: { id: event.id_str },
    kind: parent && event.in_reply_to_user_id_str === forUserId ? 'reply' : 'mention',
    // Long tweets carry their full text in extended_tweet; text is truncated there.
    text: event.extended_tweet?.full_text ?? event.full_text ?? event.text ?? '',
    author: {
      id: event.user?.id_str ?? '',
      handle,
      ...(event.user?.name ? { name: event.user.name } : {}),
    },
    inReplyTo: parent ? { id: parent } : null,
    createdAt: Number.isFinite(createdAt) ? createdAt : 0,
    url: tweetUrl(handle || undefined, event.id_str),
    raw: event,
  };
}

export const xWebhook: WebhookSupport = {
  handshake(req, secrets) {
    const token = req.query.crc_token;
    if (req.method.toUpperCase() !== 'GET' || !token) return null;
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ response_token: xCrcResponse(consumerSecret(secrets), token) }),
    };
  },

  verifySignature(req, secrets) {
    const given = header(req, X_SIGNATURE_HEADER);
    if (!given) return false;
    return safeEqual(given, xBodySignature(consumerSecret(secrets), req.rawBody));
  },

  /** Call only after verifySignature. The account's own tweets come back too and are dropped here. */
  parse(req) {
    let envelope: { for_user_id?: string; tweet_create_events?: XV1Tweet[] };
    try {
      envelope = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      throw new PermanentError('x webhook body is not JSON', 'x');
    }
    const forUserId = envelope.for_user_id ?? '';
    return (envelope.tweet_create_events ?? [])
      .filter((e) => e?.id_str && e.user?.id_str !== forUserId)
      .map((e) => toInbound(e, forUserId));
  },
};
