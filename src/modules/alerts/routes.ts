import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import {
  AlertList,
  AlertSchema,
  ListQuery,
  StreamBatch,
  StreamQuery,
  SubscriptionsBody,
  SubscriptionsView,
} from './schemas.js';
import { acknowledgeAlert, listAlerts } from './service.js';
import { alertStream } from './stream.js';
import { AlertStreamHub } from './stream-hub.js';
import { getSubscriptions, putSubscriptions } from './subscriptions.js';
import { alertWebhooksRoutes } from './webhooks-routes.js';

const tags = ['alerts'];

export async function alertsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const hub = new AlertStreamHub(ctx);
  const unsubscribe = ctx.jobSignal.subscribe(() => hub.wake());
  // Open streams would keep server.close() waiting: end them first, so app.close() returns promptly.
  fastify.addHook('preClose', async () => {
    unsubscribe();
    hub.closeAll();
  });

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        summary: 'Your alerts: those for you and the organisation alerts your role receives (newest first)',
        querystring: ListQuery,
        response: { 200: AlertList, ...commonErrors },
      },
    },
    async (request) => listAlerts(ctx, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/alerts/stream',
    {
      schema: {
        tags,
        summary:
          'Real-time in-app alerts as server-sent events (Accept: text/event-stream; resume with Last-Event-ID). ' +
          'Other clients get the events once as JSON.',
        querystring: StreamQuery,
        response: { 200: StreamBatch, ...commonErrors },
      },
    },
    async (request, reply) => {
      const batch = await alertStream(ctx, hub, request, reply, request.query);
      return batch ?? reply;
    },
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an alert (everyone who sees it sees who acknowledged it)',
        params: IdParams,
        response: { 200: AlertSchema, ...commonErrors },
      },
    },
    async (request) =>
      acknowledgeAlert(ctx, principalOf(request), actionContextOf(request), request.params.id),
  );

  app.get(
    '/api/v1/me/alert-subscriptions',
    {
      schema: {
        tags,
        summary: 'Your alert defaults (by role) and your subscriptions that override them',
        response: { 200: SubscriptionsView, ...commonErrors },
      },
    },
    async (request) => getSubscriptions(ctx, principalOf(request)),
  );

  app.put(
    '/api/v1/me/alert-subscriptions',
    {
      schema: {
        tags,
        summary: 'Replace your subscriptions: switch in-app or e-mail on or off per kind prefix',
        body: SubscriptionsBody,
        response: { 200: SubscriptionsView, ...commonErrors },
      },
    },
    async (request) =>
      putSubscriptions(ctx, principalOf(request), actionContextOf(request), request.body.subscriptions),
  );

  await alertWebhooksRoutes(fastify, ctx);
}
