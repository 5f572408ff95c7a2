import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, OkBody } from '../../http/schemas.js';
import { deleteGrant, listAccountGrants, listUserGrants, putGrant } from './grants-service.js';
import { GrantBody, GrantSchema } from './schemas.js';

const tags = ['accounts'];
const GrantParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    userId: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
const GrantList = Type.Object({ grants: Type.Array(GrantSchema) });

export async function grantsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/accounts/:id/grants',
    {
      schema: {
        tags,
        summary: 'Who may do what on an account',
        params: IdParams,
        response: { 200: GrantList, ...commonErrors },
      },
    },
    async (request) => ({ grants: await listAccountGrants(ctx, principalOf(request), request.params.id) }),
  );

  app.put(
    '/api/v1/accounts/:id/grants/:userId',
    {
      schema: {
        tags,
        summary: "Set a user's permissions on an account (admin, comms)",
        params: GrantParams,
        body: GrantBody,
        response: { 200: GrantSchema, ...commonErrors },
      },
    },
    async (request) =>
      putGrant(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.params.userId,
        request.body.permissions,
      ),
  );

  app.delete(
    '/api/v1/accounts/:id/grants/:userId',
    {
      schema: {
        tags,
        summary: "Remove a user's grant on an account (admin, comms)",
        params: GrantParams,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await deleteGrant(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.params.userId,
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/users/:id/grants',
    {
      schema: {
        tags,
        summary: "A user's grants on accounts",
        params: IdParams,
        response: { 200: GrantList, ...commonErrors },
      },
    },
    async (request) => ({ grants: await listUserGrants(ctx, principalOf(request), request.params.id) }),
  );
}
