// Meta webhook handshake and signature check, the same for Facebook Pages and Instagram (platform-apis.md §1, §3.3).
// Secrets: { appSecret, verifyToken } (for Instagram Login accounts the appSecret is the Instagram app secret).
import { PermanentError } from '../errors.js';
import type { Credentials, WebhookRequest } from '../types.js';
import { hmacSha256Hex, safeEqual } from '../webhook-signatures.js';

const SIGNATURE_PREFIX = 'sha256=';

/** GET ?hub.mode=subscribe&hub.challenge=C&hub.verify_token=V → 200 with the bare challenge, else 403. */
export function metaHandshake(
  req: WebhookRequest,
  secrets: Credentials,
): { status: number; contentType: string; body: string } | null {
  if (req.method.toUpperCase() !== 'GET') return null;
  const mode = req.query['hub.mode'];
  const challenge = req.query['hub.challenge'];
  const token = req.query['hub.verify_token'];
  if (mode === undefined && challenge === undefined && token === undefined) return null;
  const expected = secrets.verifyToken;
  const ok =
    mode === 'subscribe' && !!challenge && !!expected && token !== undefined && safeEqual(token, expected);
  return ok
    ? { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge }
    : { status: 403, contentType: 'text/plain; charset=utf-8', body: 'forbidden' };
}

/** X-Hub-Signature-256: sha256=<lowercase hex HMAC-SHA256 of the raw body, keyed with the app secret>. */
export function verifyMetaSignature(req: WebhookRequest, secrets: Credentials): boolean {
  const appSecret = secrets.appSecret;
  const header = headerValue(req.headers, 'x-hub-signature-256');
  if (!appSecret || !header?.startsWith(SIGNATURE_PREFIX)) return false;
  const expected = SIGNATURE_PREFIX + hmacSha256Hex(appSecret, req.rawBody);
  return safeEqual(header, expected);
}

/** The envelope {object, entry[]} after the signature has been checked. */
export function parseMetaEnvelope(
  req: WebhookRequest,
  platform: string,
  object: string,
): Array<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    throw new PermanentError(`${platform} webhook body is not JSON`, platform, null);
  }
  const envelope = body as { object?: unknown; entry?: unknown } | null;
  if (!envelope || envelope.object !== object || !Array.isArray(envelope.entry)) return [];
  return envelope.entry.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

function headerValue(headers: WebhookRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    // More than one signature header is not something Meta sends: refuse rather than pick one.
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
