// Webhook receivers' service: secrets from config, the connector's handshake / signature check / parse, and the
// hand-off to group commit. Nothing is stored unless the signature over the exact bytes matches, and a delivery
// is acknowledged only once its items are committed: a storage failure is a 503 so the platform retries.
import { ConnectorError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Credentials, WebhookRequest, WebhookSupport } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { AppError, badRequest } from '../../http/errors.js';
import { deliveryDigest } from './deliveries.js';
import { batcherFor, type Delivery, type DeliveryResult, IngestOverloadedError } from './group-commit.js';

export const WEBHOOK_PLATFORMS = ['x', 'facebook', 'instagram'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

/** The app-level secrets a platform's webhooks are keyed with, or null when not configured. */
export function webhookSecrets(app: AppContext, platform: WebhookPlatform): Credentials | null {
  const c = app.config.inbound;
  const verify: Record<string, string> = c.metaVerifyToken ? { verifyToken: c.metaVerifyToken } : {};
  if (platform === 'x') return c.xConsumerSecret ? { consumerSecret: c.xConsumerSecret } : null;
  if (platform === 'facebook') return c.metaAppSecret ? { appSecret: c.metaAppSecret, ...verify } : null;
  return c.instagramAppSecret ? { appSecret: c.instagramAppSecret, ...verify } : null;
}

async function setup(app: AppContext, platform: WebhookPlatform) {
  const secrets = webhookSecrets(app, platform);
  if (!secrets)
    throw new AppError(404, 'webhook_not_configured', `Webhooks for ${platform} are not configured here.`);
  const webhook = (await getConnector(platform, app.connectorDeps)).webhook;
  if (!webhook) throw new AppError(404, 'webhook_not_configured', `${platform} has no webhook support.`);
  return { secrets, webhook };
}

export interface HandshakeAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** X CRC (crc_token) or Meta verification (hub.mode=subscribe, hub.verify_token, hub.challenge). */
export async function answerHandshake(
  app: AppContext,
  platform: WebhookPlatform,
  req: WebhookRequest,
): Promise<HandshakeAnswer> {
  const { secrets, webhook } = await setup(app, platform);
  const answer = webhook.handshake(req, secrets);
  if (!answer)
    throw badRequest(
      'handshake_expected',
      platform === 'x'
        ? 'Send crc_token in the query string.'
        : 'Send hub.mode=subscribe, hub.verify_token and hub.challenge in the query string.',
    );
  if (answer.status === 403)
    throw new AppError(403, 'verify_token_mismatch', 'hub.verify_token does not match the configured token.');
  return answer;
}

/** Verifies, parses and stores one delivery; resolves after commit. */
export async function receiveDelivery(
  app: AppContext,
  platform: WebhookPlatform,
  req: WebhookRequest,
  receivedAt: number,
): Promise<DeliveryResult> {
  const { secrets, webhook } = await setup(app, platform);
  if (!webhook.verifySignature(req, secrets))
    throw new AppError(
      401,
      'invalid_signature',
      'The signature header does not match the body and the app secret; nothing was stored.',
    );
  const delivery: Delivery = {
    platform,
    digest: deliveryDigest(platform, req.rawBody),
    receivedAt,
    targets: splitTargets(platform, webhook, req),
  };
  try {
    return await batcherFor(app).submit(delivery);
  } catch (err) {
    if (err instanceof IngestOverloadedError)
      throw new AppError(503, 'overloaded', 'Too many deliveries are waiting to be stored; retry later.', {
        'retry-after': '5',
      });
    app.logger.error({ err, platform }, 'webhook delivery could not be stored; answered 503 for a retry');
    throw new AppError(503, 'not_stored', 'The delivery could not be stored; retry it later.', {
      'retry-after': '5',
    });
  }
}

/** Which platform account each part of the delivery is for: X for_user_id; Meta one entry per Page/IG user. */
function splitTargets(platform: WebhookPlatform, webhook: WebhookSupport, req: WebhookRequest) {
  let body: { for_user_id?: unknown; object?: unknown; entry?: unknown };
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    throw badRequest('invalid_payload', 'The delivery body is not a JSON object.');
  }
  try {
    if (platform === 'x') {
      const forUserId = typeof body.for_user_id === 'string' ? body.for_user_id : null;
      return forUserId ? [{ platformAccountId: forUserId, items: webhook.parse(req) }] : [];
    }
    const entries = Array.isArray(body.entry) ? (body.entry as Array<Record<string, unknown>>) : [];
    return entries
      .filter((e) => e && typeof e === 'object' && (typeof e.id === 'string' || typeof e.id === 'number'))
      .map((entry) => {
        // The connector's parse reads a whole envelope: give it one holding just this entry.
        const one = JSON.stringify({ object: body.object, entry: [entry] });
        return {
          platformAccountId: String(entry.id),
          items: webhook.parse({ ...req, rawBody: Buffer.from(one) }),
        };
      });
  } catch (err) {
    if (err instanceof ConnectorError) throw badRequest('invalid_payload', 'The delivery could not be read.');
    throw err;
  }
}
