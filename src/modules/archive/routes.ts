// Archive search and item history, retention rules and legal holds. Exports live in export-routes.ts.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { forbidden, notFound } from '../../http/errors.js';
import { commonErrors, IdParams, Reason } from '../../http/schemas.js';
import type { Principal } from '../identity/roles.js';
import { createHold, listHolds, releaseHold } from './holds.js';
import { itemHistory } from './items.js';
import { type ArchiveKind, archivePolicy } from './policy.js';
import { getRules, putRules } from './retention.js';
import { FilterFields, HitSchema, HoldSchema, HoldScopeSchema, ItemSchema, RuleSchema } from './schemas.js';
import { searchArchive } from './search.js';

const tags = ['archive'];

function readable(p: Principal, kind?: ArchiveKind): ArchiveKind[] {
  const kinds = archivePolicy.readableKinds(p);
  if (kinds.length === 0 || (kind && !kinds.includes(kind))) throw forbidden();
  return kinds;
}

export async function archiveRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/archive/search',
    {
      schema: {
        tags,
        summary:
          'Search everything published and received, including edited, hidden, deleted and redacted items',
        querystring: Type.Object(
          {
            ...FilterFields,
            cursor: Type.Optional(Type.String({ maxLength: 400 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(HitSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { cursor, limit, ...filters } = request.query;
      return searchArchive(ctx, p.orgId, readable(p, filters.kind), filters, { cursor, limit });
    },
  );

  app.get(
    '/api/v1/archive/items/:kind/:id',
    {
      schema: {
        tags,
        summary: 'One archived item with its revisions, approvals and moderation events',
        params: Type.Object(
          {
            kind: Type.String({ minLength: 1, maxLength: 100, description: 'post or inbound' }),
            id: Type.String({ minLength: 1, maxLength: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ItemSchema, ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { kind, id } = request.params;
      // An unknown kind is a path that names nothing: 404, like an unknown id.
      if (kind !== 'post' && kind !== 'inbound') throw notFound('The archived item');
      readable(p, kind);
      return itemHistory(ctx.db, p.orgId, kind, id);
    },
  );

  app.get(
    '/api/v1/archive/retention',
    {
      schema: {
        tags,
        summary: 'Retention rules',
        response: { 200: Type.Object({ rules: Type.Array(RuleSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.viewRetention(p)) throw forbidden();
      return { rules: await getRules(ctx.db, p.orgId) };
    },
  );

  app.put(
    '/api/v1/archive/retention',
    {
      schema: {
        tags,
        summary: 'Replace the retention rules (items past them are redacted daily, unless under legal hold)',
        body: Type.Object(
          { rules: Type.Array(RuleSchema, { maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ rules: Type.Array(RuleSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.manageRetention(p)) throw forbidden();
      return { rules: await putRules(ctx, actionContextOf(request), p.orgId, p.userId, request.body.rules) };
    },
  );

  app.get(
    '/api/v1/archive/holds',
    {
      schema: {
        tags,
        summary: 'Legal holds, active and released',
        response: { 200: Type.Object({ holds: Type.Array(HoldSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.manageHolds(p)) throw forbidden();
      return { holds: await listHolds(ctx.db, p.orgId) };
    },
  );

  app.post(
    '/api/v1/archive/holds',
    {
      schema: {
        tags,
        summary: 'Place a legal hold: covered items cannot be removed by retention or anything else',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), reason: Reason, scope: HoldScopeSchema },
          { additionalProperties: false },
        ),
        response: { 201: HoldSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!archivePolicy.manageHolds(p)) throw forbidden();
      reply.code(201);
      return createHold(ctx, actionContextOf(request), p.orgId, p.userId, request.body);
    },
  );

  app.post(
    '/api/v1/archive/holds/:id/release',
    {
      schema: {
        tags,
        summary: 'Release a legal hold, with a reason (the hold stays on record)',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: HoldSchema, ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.manageHolds(p)) throw forbidden();
      return releaseHold(
        ctx,
        actionContextOf(request),
        p.orgId,
        p.userId,
        request.params.id,
        request.body.reason,
      );
    },
  );
}
