// Public webhook receivers: X Account Activity (/webhooks/x) and Meta (/webhooks/facebook, /webhooks/instagram).
// They live in their own encapsulated scope whose only body parser keeps the exact bytes as a Buffer:
// signatures are computed over those bytes, never over re-serialised JSON, and the rest of the API keeps its
// JSON-only parsing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebhookRequest } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { batcherFor } from './group-commit.js';
import {
  answerHandshake,
  receiveDelivery,
  WEBHOOK_PLATFORMS,
  type WebhookPlatform,
  webhookSecrets,
} from './webhooks.js';

const SUMMARY: Record<WebhookPlatform, string> = {
  x: 'X Account Activity webhook (GET: CRC; POST: signed delivery)',
  facebook: 'Facebook Page webhook (GET: hub verification; POST: signed delivery)',
  instagram: 'Instagram webhook (GET: hub verification; POST: signed delivery)',
};

function toWebhookRequest(request: FastifyRequest): WebhookRequest {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>))
    if (typeof value === 'string') query[key] = value;
  return {
    method: request.method,
    query,
    headers: request.headers,
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}

export async function inboundWebhookRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  await fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    // A server with webhooks configured starts its ingestion thread now, not on the first delivery (it takes
    // about a second to load). onClose runs after the server stopped taking requests and in-flight ones finished.
    if (WEBHOOK_PLATFORMS.some((p) => webhookSecrets(ctx, p))) batcherFor(ctx).startThread();
    scope.addHook('onClose', async () => batcherFor(ctx).close());
    for (const platform of WEBHOOK_PLATFORMS) {
      const url = `/webhooks/${platform}`;
      const schema = { tags: ['webhooks'], summary: SUMMARY[platform] } as Record<string, unknown>;
      // Browser security headers mean nothing to a platform's webhook client; skipping them is measurable.
      const helmet = false;
      scope.get(url, { config: { public: true }, schema, helmet }, async (request, reply) => {
        const answer = await answerHandshake(ctx, platform, toWebhookRequest(request));
        return reply.status(answer.status).type(answer.contentType).send(answer.body);
      });
      scope.post(url, { config: { public: true }, schema, helmet }, async (request) => {
        const receivedAt = Date.now();
        const result = await receiveDelivery(ctx, platform, toWebhookRequest(request), receivedAt);
        return { received: true, replay: result.replay, stored: result.stored };
      });
    }
  });
}
