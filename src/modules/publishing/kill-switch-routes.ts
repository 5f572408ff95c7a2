// Kill switches: pause and resume all publishing for the organisation, and read the switch's state.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, Reason } from '../../http/schemas.js';
import { getPublishingStatus, pausePublishing, resumePublishing } from './kill-switch-service.js';
import {
  PublishingResumedSchema as ResumedSchema,
  PublishingStatusSchema as StatusSchema,
} from './schemas.js';

const tags = ['publishing'];
const strict = { additionalProperties: false } as const;

export async function killSwitchRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/publishing/status',
    {
      schema: {
        tags,
        summary: 'Whether publishing is paused for the organisation, and how many posts are held',
        response: { 200: StatusSchema, ...commonErrors },
      },
    },
    async (request) => getPublishingStatus(ctx, principalOf(request)),
  );

  app.post(
    '/api/v1/publishing/pause',
    {
      schema: {
        tags,
        summary: 'Pause all publishing (critical incident): posts coming due are held, not lost',
        body: Type.Object({ reason: Reason }, strict),
        response: { 200: StatusSchema, ...commonErrors },
      },
    },
    async (request) =>
      pausePublishing(ctx, principalOf(request), actionContextOf(request), request.body.reason),
  );

  app.post(
    '/api/v1/publishing/resume',
    {
      schema: {
        tags,
        summary:
          'Resume publishing: every post the pause held is scheduled again (at once if its time passed)',
        response: { 200: ResumedSchema, ...commonErrors },
      },
    },
    async (request) => resumePublishing(ctx, principalOf(request), actionContextOf(request)),
  );
}
