import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { forbidden } from '../../http/errors.js';
import { commonErrors } from '../../http/schemas.js';
import { policy } from '../identity/policy.js';
import { csvHeader, csvRow, toAuditView } from './export.js';
import { audit } from './record.js';
import { type AuditFilter, auditQuery } from './repo.js';
import { AuditRecordSchema } from './schemas.js';
import { verifyAuditChain } from './service.js';

const tags = ['audit'];
const FilterQuery = {
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(
    Type.String({ maxLength: 100, description: 'Exact action, or a prefix ending in "." (e.g. "user.")' }),
  ),
  targetType: Type.Optional(Type.String({ maxLength: 50 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms, inclusive' })),
  to: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms, exclusive' })),
};

export async function auditRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'Audit records, newest first; page with beforeSeq',
        querystring: Type.Object(
          {
            ...FilterQuery,
            beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            records: Type.Array(AuditRecordSchema),
            nextBeforeSeq: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!policy.readAudit(p)) throw forbidden();
      const { limit, ...filter } = request.query;
      const rows = await auditQuery(ctx.db, p.orgId, filter).orderBy('seq', 'desc').limit(limit).execute();
      const records = rows.map(toAuditView);
      return { records, nextBeforeSeq: rows.length === limit ? records[records.length - 1]!.seq : null };
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags,
        summary: 'Export matching audit records as CSV or JSON (the export is itself audited)',
        querystring: Type.Object(
          {
            ...FilterQuery,
            format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!policy.readAudit(p)) throw forbidden();
      const { format, ...filter } = request.query;
      await ctx.db.transaction().execute((trx) =>
        audit(ctx, trx, actionContextOf(request), {
          orgId: p.orgId,
          action: 'audit.exported',
          summary: { format, filter },
        }),
      );
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="parapet-audit-${stamp}.${format}"`);
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      return reply.send(Readable.from(exportLines(ctx, p.orgId, filter, format)));
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: "Check the hash chain of your organisation's audit log",
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            recordsChecked: Type.Integer(),
            problem: Type.Union([Type.String(), Type.Null()]),
            firstBadSeq: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!policy.readAudit(p)) throw forbidden();
      const result = await verifyAuditChain(ctx.db, p.orgId);
      await ctx.db
        .transaction()
        .execute((trx) =>
          audit(ctx, trx, actionContextOf(request), {
            orgId: p.orgId,
            action: 'audit.verified',
            summary: { ok: result.ok, recordsChecked: result.recordsChecked },
          }),
        )
        .catch((err: unknown) => {
          // A tampered chain (e.g. a forged record past the head) can make the append itself fail: still report the finding.
          if (result.ok) throw err;
          request.log.error({ err }, 'could not audit the verification of a broken audit chain');
        });
      return result;
    },
  );
}

/** Streams pages of records in seq order so exports of any size use constant memory. */
async function* exportLines(ctx: AppContext, orgId: string, filter: AuditFilter, format: 'csv' | 'json') {
  yield format === 'csv' ? csvHeader() : '[';
  let after = 0;
  let first = true;
  for (;;) {
    const page = await auditQuery(ctx.db, orgId, filter)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    for (const r of page) {
      yield format === 'csv' ? csvRow(r) : `${first ? '' : ','}\n${JSON.stringify(toAuditView(r))}`;
      first = false;
    }
    if (page.length < 1000) break;
    after = Number(page[page.length - 1]!.seq);
  }
  if (format === 'json') yield '\n]\n';
}
