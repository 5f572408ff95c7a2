import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, OkBody } from '../../http/schemas.js';
import { CreatedWebhook, CreateWebhookBody, DeliverySchema, WebhookSchema } from './schemas.js';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  testWebhook,
} from './webhooks-service.js';

const tags = ['alerts'];
const DeliveriesQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

/** Admin: outgoing webhook endpoints for organisation alerts, and their delivery history. */
export async function alertWebhooksRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/alert-webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook endpoints that receive organisation alerts (admin)',
        response: { 200: Type.Object({ webhooks: Type.Array(WebhookSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ webhooks: await listWebhooks(ctx, principalOf(request)) }),
  );

  app.post(
    '/api/v1/alert-webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook endpoint; the signing secret is in this response only (admin)',
        body: CreateWebhookBody,
        response: { 201: CreatedWebhook, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createWebhook(ctx, principalOf(request), actionContextOf(request), request.body)),
  );

  app.delete(
    '/api/v1/alert-webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Remove a webhook endpoint (its delivery history stays)',
        params: IdParams,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await deleteWebhook(ctx, principalOf(request), actionContextOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/alert-webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Queue a signed test delivery; follow it in the delivery history',
        params: IdParams,
        response: { 202: DeliverySchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await testWebhook(ctx, principalOf(request), actionContextOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/alert-webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery history of a webhook endpoint, newest first',
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: Type.Object({ deliveries: Type.Array(DeliverySchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      deliveries: await listDeliveries(ctx, principalOf(request), request.params.id, request.query.limit),
    }),
  );
}
