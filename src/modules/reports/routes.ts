// /api/v1/reports: schedules (CRUD), on-demand previews, and built reports as JSON, printable HTML or PDF.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, OkBody } from '../../http/schemas.js';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  updateSchedule,
} from './schedules-service.js';
import {
  FileParams,
  PreviewBody,
  ReportSchema,
  ScheduleBody,
  SchedulePatch,
  ScheduleSchema,
} from './schemas.js';
import { listReports, previewReport, readReport } from './service.js';

const tags = ['reports'];

export async function reportsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const schedule = { 200: ScheduleSchema, ...commonErrors };

  app.get(
    '/api/v1/reports/schedules',
    {
      schema: {
        tags,
        summary: 'Report schedules',
        response: { 200: Type.Object({ schedules: Type.Array(ScheduleSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ schedules: await listSchedules(ctx, principalOf(request)) }),
  );
  app.post(
    '/api/v1/reports/schedules',
    {
      schema: {
        tags,
        summary: 'Schedule a weekly or monthly report for the organisation or a team',
        body: ScheduleBody,
        response: { 201: ScheduleSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSchedule(ctx, principalOf(request), actionContextOf(request), request.body)),
  );
  app.get(
    '/api/v1/reports/schedules/:id',
    { schema: { tags, summary: 'One report schedule', params: IdParams, response: schedule } },
    async (request) => getSchedule(ctx, principalOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/reports/schedules/:id',
    {
      schema: {
        tags,
        summary: 'Change cadence or recipients',
        params: IdParams,
        body: SchedulePatch,
        response: schedule,
      },
    },
    async (request) =>
      updateSchedule(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/reports/schedules/:id',
    {
      schema: {
        tags,
        summary: 'Stop a scheduled report',
        params: IdParams,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await deleteSchedule(ctx, principalOf(request), actionContextOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/reports/preview',
    {
      schema: {
        tags,
        summary: 'Build a report now for a scope and period',
        body: PreviewBody,
        response: { 201: ReportSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await previewReport(ctx, principalOf(request), actionContextOf(request), request.body)),
  );
  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: 'Reports you may read (newest 100)',
        response: { 200: Type.Object({ reports: Type.Array(ReportSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ reports: await listReports(ctx, principalOf(request)) }),
  );

  // :file is "<id>" (JSON), "<id>.html" (printable page) or "<id>.pdf".
  app.get(
    '/api/v1/reports/:file',
    {
      schema: {
        tags,
        summary: 'One report: <id>, <id>.html or <id>.pdf',
        params: FileParams,
        response: { 200: ReportSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const [id = '', ext] = request.params.file.split('.');
      const report = await readReport(ctx, principalOf(request), id);
      if (ext === 'html')
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(report.html as never);
      if (ext === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="parapet-report-${id}.pdf"`)
          .send(report.pdf as never);
      return report.view;
    },
  );
}
