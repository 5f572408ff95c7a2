import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import { JobSchema, listJobs, retryDeadJob, summariseJobs } from './service.js';

const tags = ['jobs'];
const Status = Type.Enum(['pending', 'running', 'done', 'dead']);

export async function jobsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Background jobs of your organisation (e.g. dead-lettered ones to retry)',
        querystring: Type.Object(
          { status: Type.Optional(Status), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            jobs: Type.Array(JobSchema),
            counts: Type.Record(Type.String(), Type.Integer()),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { jobs: await listJobs(ctx, p, request.query), counts: await summariseJobs(ctx, p) };
    },
  );

  app.post(
    '/api/v1/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Run a dead-lettered job again',
        params: IdParams,
        response: { 200: JobSchema, ...commonErrors },
      },
    },
    async (request) => retryDeadJob(ctx, principalOf(request), actionContextOf(request), request.params.id),
  );
}
