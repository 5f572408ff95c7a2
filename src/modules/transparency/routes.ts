// The public transparency report (HTML page and JSON), its admin setting, and the admin's preview of it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { forbidden } from '../../http/errors.js';
import { commonErrors, ErrorBody } from '../../http/schemas.js';
import { archivePolicy } from '../archive/policy.js';
import { renderTransparencyPage } from './page.js';
import { TransparencySettingsSchema } from './schemas.js';
import { getTransparency, setTransparency, transparencyPreview, transparencyReport } from './service.js';

const tags = ['transparency'];
const Count = Type.Union([Type.Integer(), Type.Literal('<5')]);
const Measures = { hidden: Count, removed: Count, blocked: Count };
const ReportSchema = Type.Object({
  organisation: Type.String(),
  generatedAt: Type.String(),
  suppressedBelow: Type.Integer(),
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      totals: Type.Object(Measures),
      byCategory: Type.Array(Type.Object({ category: Type.String(), ...Measures })),
    }),
  ),
});
const SlugParams = Type.Object(
  { orgSlug: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
const Settings = TransparencySettingsSchema;

export async function transparencyRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/transparency/settings',
    {
      schema: {
        tags,
        summary: 'Whether the public transparency report is published',
        response: { 200: Settings, ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.manageTransparency(p)) throw forbidden();
      return getTransparency(ctx, p.orgId);
    },
  );

  app.put(
    '/api/v1/transparency/settings',
    {
      schema: {
        tags,
        summary: 'Publish or withdraw the public transparency report',
        body: Settings,
        response: { 200: Settings, ...commonErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!archivePolicy.manageTransparency(p)) throw forbidden();
      return setTransparency(ctx, actionContextOf(request), p.orgId, p.userId, request.body.enabled);
    },
  );

  // The preview lives under /settings (not /api/v1/transparency/preview) so it cannot hide the public report of
  // an organisation whose slug is "preview". Same figures as the public page, whether published or not.
  app.get(
    '/api/v1/transparency/settings/preview',
    {
      schema: {
        tags,
        summary: 'Preview of the public transparency report (JSON), published or not; admins only',
        response: { 200: ReportSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!archivePolicy.manageTransparency(p)) throw forbidden();
      reply.header('cache-control', 'private, no-store');
      return transparencyPreview(ctx, p.orgId);
    },
  );

  app.get(
    '/transparency-preview',
    {
      schema: { tags, summary: 'Preview of the public transparency report (HTML); admins only', hide: true },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!archivePolicy.manageTransparency(p)) throw forbidden();
      const [report, settings] = await Promise.all([
        transparencyPreview(ctx, p.orgId),
        getTransparency(ctx, p.orgId),
      ]);
      reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store');
      return renderTransparencyPage(report, { published: settings.enabled });
    },
  );

  app.get(
    '/api/v1/transparency/:orgSlug',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Public transparency report (JSON); 404 unless the organisation publishes it',
        params: SlugParams,
        response: { 200: ReportSchema, 404: ErrorBody },
      },
    },
    async (request) => transparencyReport(ctx, request.params.orgSlug),
  );

  app.get(
    '/transparency/:orgSlug',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Public transparency report (HTML)',
        params: SlugParams,
        hide: true,
      } as Record<string, unknown>,
    },
    async (request, reply) => {
      const report = await transparencyReport(ctx, (request.params as { orgSlug: string }).orgSlug);
      reply.type('text/html; charset=utf-8');
      return renderTransparencyPage(report);
    },
  );
}
