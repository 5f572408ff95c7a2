import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import { requestPoll } from './service.js';
import { inboundWebhookRoutes } from './webhook-routes.js';

const PollRequest = Type.Object({
  accountId: Type.String(),
  jobId: Type.Union([Type.Null(), Type.String()]),
});

export async function inboundRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/accounts/:id/poll',
    {
      schema: {
        tags: ['inbound'],
        summary: "Read the account's new replies now (queues a poll job; admin, comms, moderator)",
        params: IdParams,
        response: { 202: PollRequest, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await requestPoll(ctx, principalOf(request), actionContextOf(request), request.params.id)),
  );
  await inboundWebhookRoutes(fastify, ctx);
}
