// The review queue API: thin routes (schema → auth → one service call → response).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import { assignItem, claimItem, releaseItem } from './claims.js';
import { decideItem, signOffItem } from './decisions.js';
import { getItemContext } from './item-context.js';
import { listQueue } from './queue.js';
import {
  AssignBody,
  ContextSchema,
  DecideBody,
  ItemStateSchema,
  QueueQuery,
  QueueResponse,
  SignoffBody,
} from './schemas.js';
import { reviewSettingsRoutes } from './settings-routes.js';

const tags = ['review'];
const base = '/api/v1/review/items/:id';

export async function reviewRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/review/queue',
    {
      schema: {
        tags,
        summary:
          'Items waiting for a person: safeguarding first, then priority, then oldest; with lane counts',
        querystring: QueueQuery,
        response: { 200: QueueResponse, ...commonErrors },
      },
    },
    async (request) => listQueue(ctx, principalOf(request), actionContextOf(request), request.query),
  );

  app.get(
    `${base}/context`,
    {
      schema: {
        tags,
        summary:
          "An item with its thread, the author's earlier messages, matched spans, history and templates",
        params: IdParams,
        response: { 200: ContextSchema, ...commonErrors },
      },
    },
    async (request) => getItemContext(ctx, principalOf(request), actionContextOf(request), request.params.id),
  );

  for (const [name, fn, summary] of [
    ['claim', claimItem, 'Take an item (one holder at a time; 409 already_claimed names the holder)'],
    ['release', releaseItem, 'Put an item you hold back in the pool'],
  ] as const) {
    app.post(
      `${base}/${name}`,
      { schema: { tags, summary, params: IdParams, response: { 200: ItemStateSchema, ...commonErrors } } },
      async (request) => fn(ctx, principalOf(request), actionContextOf(request), request.params.id),
    );
  }

  app.post(
    `${base}/assign`,
    {
      schema: {
        tags,
        summary: 'Give an item to someone who may moderate its account',
        params: IdParams,
        body: AssignBody,
        response: { 200: ItemStateSchema, ...commonErrors },
      },
    },
    async (request) =>
      assignItem(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body.userId),
  );

  app.post(
    `${base}/decide`,
    {
      schema: {
        tags,
        summary: 'Decide: allow, hide, delete, block or escalate (delete/block may wait for sign-off)',
        params: IdParams,
        body: DecideBody,
        response: { 200: ItemStateSchema, ...commonErrors },
      },
    },
    async (request) =>
      decideItem(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );

  app.post(
    `${base}/signoff`,
    {
      schema: {
        tags,
        summary:
          "Sign off (or refuse) someone else's destructive decision; never your own (403 own_decision)",
        params: IdParams,
        body: SignoffBody,
        response: { 200: ItemStateSchema, ...commonErrors },
      },
    },
    async (request) =>
      signOffItem(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );

  await reviewSettingsRoutes(app, ctx);
}
