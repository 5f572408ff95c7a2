import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens-service.js';
import { ApiTokenSchema, ScopeSchema } from './schemas.js';

const tags = ['api tokens'];

export async function apiTokensRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags,
        summary: "Your API tokens (administrators see the whole organisation's)",
        response: { 200: Type.Object({ apiTokens: Type.Array(ApiTokenSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ apiTokens: await listApiTokens(ctx, principalOf(request)) }),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for automation; the token is shown only in this response',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 2 }),
            expiresInDays: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()], {
              default: 90,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), apiToken: ApiTokenSchema }), ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createApiToken(ctx, principalOf(request), actionContextOf(request), request.body)),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 200: ApiTokenSchema, ...commonErrors },
      },
    },
    async (request) => revokeApiToken(ctx, principalOf(request), actionContextOf(request), request.params.id),
  );
}
