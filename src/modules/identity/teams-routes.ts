import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, OkBody } from '../../http/schemas.js';
import { TeamSchema } from './schemas.js';
import { createTeam, deleteTeam, listTeams, renameTeam } from './teams-service.js';

const strict = { additionalProperties: false } as const;
// Null goes first in nullable body fields: with coerceTypes, ajv would turn null into "" in a String branch.
const tags = ['teams'];
const Name = Type.String({ minLength: 1, maxLength: 200 });

export async function teamsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'Teams in your organisation (force → district → team)',
        response: { 200: Type.Object({ teams: Type.Array(TeamSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ teams: await listTeams(ctx, principalOf(request)) }),
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'Create a team',
        body: Type.Object(
          {
            name: Name,
            kind: Type.Union([Type.Literal('force'), Type.Literal('district'), Type.Literal('team')]),
            parentId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
          },
          strict,
        ),
        response: { 201: TeamSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const team = await createTeam(ctx, principalOf(request), actionContextOf(request), {
        ...body,
        parentId: body.parentId ?? null,
      });
      return reply.status(201).send(team);
    },
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team',
        params: IdParams,
        body: Type.Object({ name: Name }, strict),
        response: { 200: TeamSchema, ...commonErrors },
      },
    },
    async (request) =>
      renameTeam(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body.name),
  );

  app.delete(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Delete an empty team',
        params: IdParams,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await deleteTeam(ctx, principalOf(request), actionContextOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
