// Deleting a published post from its platform (queued; the archive keeps the post).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, Reason } from '../../http/schemas.js';
import { requestPostDeletion } from './delete-service.js';

export async function deletePostRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/posts/:id/delete',
    {
      schema: {
        tags: ['publishing'],
        summary:
          'Delete a published post from its platform, with a reason. Queued; the post is kept in the archive as deleted',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: {
          202: Type.Object({
            postId: Type.String(),
            status: Type.String({ description: 'The post status now (published until the job runs)' }),
            deletion: Type.Literal('queued'),
          }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await requestPostDeletion(
            ctx,
            principalOf(request),
            actionContextOf(request),
            request.params.id,
            request.body.reason,
          ),
        ),
  );
}
