import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import { actOnItem, getItem, listItems } from './items-service.js';
import {
  ActionBody,
  ActionResponse,
  ItemDetail,
  ListQuery,
  ListResponse,
  TimeToActQuery,
  TimeToActResponse,
  UnhideBody,
} from './schemas.js';
import { SettingsSchema } from './settings-schemas.js';
import { getSettings, replaceSettings } from './settings-service.js';
import { timeToAct } from './time-to-act.js';

const tags = ['moderation'];

export async function moderationRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/inbound',
    {
      schema: {
        tags,
        summary: 'Inbound items you may see (replies, comments, mentions), newest first',
        querystring: ListQuery,
        response: { 200: ListResponse, ...commonErrors },
      },
    },
    async (request) => listItems(ctx, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/inbound/time-to-act',
    {
      schema: {
        tags,
        summary: 'p50/p95 time to each moderation stage, per account and category',
        querystring: TimeToActQuery,
        response: { 200: TimeToActResponse, ...commonErrors },
      },
    },
    async (request) => timeToAct(ctx, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/inbound/:id',
    {
      schema: {
        tags,
        summary:
          'One item: matches with spans, moderation events, derived status (raw payload for admin/auditor)',
        params: IdParams,
        response: { 200: ItemDetail, ...commonErrors },
      },
    },
    async (request) => getItem(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/inbound/:id/actions',
    {
      schema: {
        tags,
        summary: 'Request a platform action (hide, unhide, delete, block, report, mute); done by a job',
        params: IdParams,
        body: ActionBody,
        response: { 202: ActionResponse, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await actOnItem(
            ctx,
            principalOf(request),
            actionContextOf(request),
            request.params.id,
            request.body.action,
            request.body.reason,
          ),
        ),
  );

  app.post(
    '/api/v1/inbound/:id/unhide',
    {
      schema: {
        tags,
        summary: 'Unhide a hidden item on its platform (done by a job)',
        params: IdParams,
        body: UnhideBody,
        response: { 202: ActionResponse, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await actOnItem(
            ctx,
            principalOf(request),
            actionContextOf(request),
            request.params.id,
            'unhide',
            request.body?.reason ?? 'unhidden by a person',
          ),
        ),
  );

  app.get(
    '/api/v1/moderation/settings',
    {
      schema: {
        tags,
        summary: 'Moderation settings: category overrides, safeguarding and review SLAs, flood thresholds',
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => getSettings(ctx, principalOf(request)),
  );

  app.put(
    '/api/v1/moderation/settings',
    {
      schema: {
        tags,
        summary: 'Replace the moderation settings (admins)',
        body: SettingsSchema,
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => replaceSettings(ctx, principalOf(request), actionContextOf(request), request.body),
  );
}
