// Review settings (sign-off, SLA minutes) and the safeguarding response templates.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, OkBody } from '../../http/schemas.js';
import {
  SettingsBody,
  SettingsSchema,
  TemplateCreateBody,
  TemplatePatchBody,
  TemplateSchema,
} from './schemas.js';
import { getReviewSettings, putReviewSettings } from './settings.js';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.js';

const tags = ['review'];

export async function reviewSettingsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/review/settings',
    {
      schema: {
        tags,
        summary: 'Sign-off and SLA settings (admin)',
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => getReviewSettings(ctx, principalOf(request)),
  );
  app.put(
    '/api/v1/review/settings',
    {
      schema: {
        tags,
        summary: 'Change which decisions need a second person, and the SLA minutes per lane (admin)',
        body: SettingsBody,
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => putReviewSettings(ctx, principalOf(request), actionContextOf(request), request.body),
  );

  app.get(
    '/api/v1/review/templates',
    {
      schema: {
        tags,
        summary: 'Suggested response templates (starter set written on first read)',
        response: { 200: Type.Object({ templates: Type.Array(TemplateSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      templates: await listTemplates(ctx, principalOf(request), actionContextOf(request)),
    }),
  );
  app.post(
    '/api/v1/review/templates',
    {
      schema: {
        tags,
        summary: 'Add a template (comms, admin)',
        body: TemplateCreateBody,
        response: { 201: TemplateSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTemplate(ctx, principalOf(request), actionContextOf(request), request.body)),
  );
  app.patch(
    '/api/v1/review/templates/:id',
    {
      schema: {
        tags,
        summary: 'Change a template (comms, admin)',
        params: IdParams,
        body: TemplatePatchBody,
        response: { 200: TemplateSchema, ...commonErrors },
      },
    },
    async (request) =>
      updateTemplate(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/review/templates/:id',
    {
      schema: {
        tags,
        summary: 'Delete a template (comms, admin)',
        params: IdParams,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await deleteTemplate(ctx, principalOf(request), actionContextOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
