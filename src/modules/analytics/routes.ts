// /api/v1/analytics/…: dashboard figures per organisation, account, team (with sub-teams), officer and period.
// Every route answers JSON, or CSV with ?format=csv. Who sees what: policy.ts.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import { breakdownCsv, moderationCsv, overviewCsv, timeToActCsv, topCsv } from './csv-views.js';
import {
  Breakdown,
  BreakdownQuery,
  Moderation,
  Overview,
  ScopeQuery,
  TimeToAct,
  TimeToActQuery,
  TopPosts,
  TopQuery,
} from './schemas.js';
import { breakdown, moderation, overview, timeToActFor, top } from './service.js';

const tags = ['analytics'];

function answer<T>(
  reply: FastifyReply,
  format: string | undefined,
  name: string,
  body: T,
  csv: (b: T) => string,
) {
  if (format !== 'csv') return body;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="parapet-${name}.csv"`)
    .send(csv(body));
}

export async function analyticsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const csvNote = ' (?format=csv for CSV)';

  app.get(
    '/api/v1/analytics/overview',
    {
      schema: {
        tags,
        summary: `Posts, engagement, replies, response times and trend${csvNote}`,
        querystring: ScopeQuery,
        response: { 200: Overview, ...commonErrors },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        request.query.format,
        'overview',
        await overview(ctx, principalOf(request), request.query),
        overviewCsv,
      ),
  );

  app.get(
    '/api/v1/analytics/breakdown',
    {
      schema: {
        tags,
        summary: `Figures per account, officer or team (by=)${csvNote}`,
        querystring: BreakdownQuery,
        response: { 200: Breakdown, ...commonErrors },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        request.query.format,
        'breakdown',
        await breakdown(ctx, principalOf(request), { ...request.query, by: request.query.by ?? 'account' }),
        breakdownCsv,
      ),
  );

  app.get(
    '/api/v1/analytics/moderation',
    {
      schema: {
        tags,
        summary: `Moderation actions and decisions by category and action${csvNote}`,
        querystring: ScopeQuery,
        response: { 200: Moderation, ...commonErrors },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        request.query.format,
        'moderation',
        await moderation(ctx, principalOf(request), request.query),
        moderationCsv,
      ),
  );

  app.get(
    '/api/v1/analytics/top-posts',
    {
      schema: {
        tags,
        summary: `Posts with the most engagement${csvNote}`,
        querystring: TopQuery,
        response: { 200: TopPosts, ...commonErrors },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        request.query.format,
        'top-posts',
        await top(ctx, principalOf(request), request.query),
        topCsv,
      ),
  );

  app.get(
    '/api/v1/analytics/time-to-act',
    {
      schema: {
        tags,
        summary: `Time-to-act p50/p95 per account and category for the scope${csvNote}`,
        querystring: TimeToActQuery,
        response: { 200: TimeToAct, ...commonErrors },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        request.query.format,
        'time-to-act',
        await timeToActFor(ctx, principalOf(request), request.query),
        timeToActCsv,
      ),
  );
}
