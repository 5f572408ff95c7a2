import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { forbidden } from '../../http/errors.js';
import { commonErrors, Email, IdParams, Password, Reason } from '../../http/schemas.js';
import { reissueInvite } from './invites.js';
import { resetMfa } from './mfa-service.js';
import { policy } from './policy.js';
import { RoleSchema, UserSchema } from './schemas.js';
import {
  createUser,
  getUser,
  listUsers,
  revokeSessions,
  suspendOrReinstate,
  updateUser,
} from './users-service.js';

const strict = { additionalProperties: false } as const;
// Null goes first in nullable body fields: with coerceTypes, ajv would turn null into "" in a String branch.
const tags = ['users'];
const ReasonBody = Type.Object({ reason: Reason }, strict);

export async function usersRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users in your organisation',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
            role: Type.Optional(RoleSchema),
            teamId: Type.Optional(Type.String({ maxLength: 100 })),
            q: Type.Optional(Type.String({ maxLength: 200 })),
          },
          strict,
        ),
        response: { 200: Type.Object({ users: Type.Array(UserSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ users: await listUsers(ctx, principalOf(request), request.query) }),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user; without a password the response carries a one-time invite link',
        body: Type.Object(
          {
            email: Email,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5 }),
            teamId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
            password: Type.Optional(Password),
          },
          strict,
        ),
        response: {
          201: Type.Object({ user: UserSchema, inviteUrl: Type.Union([Type.String(), Type.Null()]) }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!policy.manageUsers(p)) throw forbidden();
      return reply.status(201).send(await createUser(ctx, p.orgId, actionContextOf(request), request.body));
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: { tags, summary: 'One user', params: IdParams, response: { 200: UserSchema, ...commonErrors } },
    },
    async (request) => getUser(ctx, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: "Change a user's name, roles or team",
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5 })),
            teamId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
          },
          strict,
        ),
        response: { 200: UserSchema, ...commonErrors },
      },
    },
    async (request) =>
      updateUser(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/suspend',
    {
      schema: {
        tags,
        summary: 'Suspend a user at once: every session and API token stops working',
        params: IdParams,
        body: ReasonBody,
        response: { 200: UserSchema, ...commonErrors },
      },
    },
    async (request) =>
      suspendOrReinstate(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        'suspended',
        request.body.reason,
      ),
  );

  app.post(
    '/api/v1/users/:id/reinstate',
    {
      schema: {
        tags,
        summary: 'Reinstate a suspended user',
        params: IdParams,
        body: ReasonBody,
        response: { 200: UserSchema, ...commonErrors },
      },
    },
    async (request) =>
      suspendOrReinstate(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        'active',
        request.body.reason,
      ),
  );

  app.post(
    '/api/v1/users/:id/revoke-sessions',
    {
      schema: {
        tags,
        summary: 'Sign a user out everywhere',
        params: IdParams,
        response: { 200: Type.Object({ revoked: Type.Integer() }), ...commonErrors },
      },
    },
    async (request) => revokeSessions(ctx, principalOf(request), actionContextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/users/:id/reset-mfa',
    {
      schema: {
        tags,
        summary: "Turn off a user's two-factor sign-in (lost device); they enrol again",
        params: IdParams,
        body: ReasonBody,
        response: { 200: UserSchema, ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!policy.manageUsers(p)) throw forbidden();
      await getUser(ctx, p, request.params.id);
      await ctx.db
        .transaction()
        .execute((trx) =>
          resetMfa(ctx, trx, actionContextOf(request), p.orgId, request.params.id, request.body.reason),
        );
      return getUser(ctx, p, request.params.id);
    },
  );

  app.post(
    '/api/v1/users/:id/invite',
    {
      schema: {
        tags,
        summary: 'Issue a new invite link for a user who has not set a password',
        params: IdParams,
        response: { 200: Type.Object({ inviteUrl: Type.String() }), ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!policy.manageUsers(p)) throw forbidden();
      return { inviteUrl: await reissueInvite(ctx, p.orgId, actionContextOf(request), request.params.id) };
    },
  );
}
