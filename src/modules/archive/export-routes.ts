// Evidence exports for FOI requests and investigations: request (built by the archive.export job), list, download.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { forbidden } from '../../http/errors.js';
import { commonErrors, IdParams, Reason } from '../../http/schemas.js';
import { listExports, openDownload, requestExport } from './export-service.js';
import { archivePolicy } from './policy.js';
import { ExportSchema, FiltersSchema } from './schemas.js';

const tags = ['archive'];

export async function archiveExportRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/archive/exports',
    {
      schema: {
        tags,
        summary:
          'Request an evidence export (ZIP of items.json, items.csv, audit.jsonl and a SHA-256 manifest)',
        body: Type.Object({ filters: FiltersSchema, reason: Reason }, { additionalProperties: false }),
        response: { 202: ExportSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!archivePolicy.exportEvidence(p)) throw forbidden();
      reply.code(202);
      return requestExport(ctx, actionContextOf(request), p, request.body.filters, request.body.reason);
    },
  );

  app.get(
    '/api/v1/archive/exports',
    {
      schema: {
        tags,
        summary: 'Evidence exports, newest first',
        response: { 200: Type.Object({ exports: Type.Array(ExportSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.exportEvidence(p)) throw forbidden();
      return { exports: await listExports(ctx, p.orgId) };
    },
  );

  app.get(
    '/api/v1/archive/exports/:id/download',
    {
      schema: {
        tags,
        summary: 'Download a finished export (every download is audited)',
        params: IdParams,
        response: commonErrors,
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!archivePolicy.exportEvidence(p)) throw forbidden();
      const file = await openDownload(ctx, actionContextOf(request), p.orgId, request.params.id);
      reply.header('content-disposition', `attachment; filename="${file.name}"`);
      reply.header('content-length', String(file.bytes));
      reply.type('application/zip');
      return reply.send(file.stream as never);
    },
  );
}
