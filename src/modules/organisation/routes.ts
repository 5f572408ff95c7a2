import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import { OrganisationSchema } from '../identity/schemas.js';
import { getOrganisation, updateOrganisation } from './service.js';

const tags = ['organisation'];

export async function organisationRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/organisation',
    {
      schema: { tags, summary: 'Your organisation', response: { 200: OrganisationSchema, ...commonErrors } },
    },
    async (request) => getOrganisation(ctx, principalOf(request)),
  );

  app.patch(
    '/api/v1/organisation',
    {
      schema: {
        tags,
        summary: 'Rename the organisation or require two-factor sign-in for everyone',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            requireMfa: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrganisationSchema, ...commonErrors },
      },
    },
    async (request) => updateOrganisation(ctx, principalOf(request), actionContextOf(request), request.body),
  );
}
