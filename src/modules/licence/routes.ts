import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, OkBody } from '../../http/schemas.js';
import { acceptAgreement, getAgreement, listAgreements, publishAgreement } from './agreements-service.js';
import {
  AcceptBody,
  AgreementSchema,
  AgreementSummarySchema,
  LicenceStatusSchema,
  MyLicenceSchema,
  PublishAgreementBody,
  SettingsBody,
  SettingsSchema,
  TrainingBody,
  TrainingSchema,
  UserLicenceSchema,
  UserParams,
  VersionParams,
} from './schemas.js';
import {
  clearTraining,
  getSettings,
  listUserLicences,
  myLicence,
  recordTraining,
  updateSettings,
} from './users-service.js';

const tags = ['licence'];

export async function licenceRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/licence/agreements',
    {
      schema: {
        tags,
        summary: 'Versions of the social media agreement, newest first',
        response: { 200: Type.Object({ agreements: Type.Array(AgreementSummarySchema) }), ...commonErrors },
      },
    },
    async (request) => ({ agreements: await listAgreements(ctx, principalOf(request)) }),
  );

  app.post(
    '/api/v1/licence/agreements',
    {
      schema: {
        tags,
        summary: 'Publish a new version (everyone must accept it before posting again)',
        body: PublishAgreementBody,
        response: { 201: AgreementSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await publishAgreement(ctx, principalOf(request), actionContextOf(request), request.body)),
  );

  app.get(
    '/api/v1/licence/agreements/:version',
    {
      schema: {
        tags,
        summary: 'One version of the agreement, with its text',
        params: VersionParams,
        response: { 200: AgreementSchema, ...commonErrors },
      },
    },
    async (request) => getAgreement(ctx, principalOf(request), Number(request.params.version)),
  );

  app.post(
    '/api/v1/licence/accept',
    {
      schema: {
        tags,
        summary: 'Accept the current version of the agreement (409 for an outdated one)',
        body: AcceptBody,
        response: { 200: LicenceStatusSchema, ...commonErrors },
      },
    },
    async (request) =>
      acceptAgreement(ctx, principalOf(request), actionContextOf(request), request.body.version),
  );

  app.get(
    '/api/v1/me/licence',
    {
      schema: {
        tags,
        summary: 'May I post? What must I do first?',
        response: { 200: MyLicenceSchema, ...commonErrors },
      },
    },
    async (request) => myLicence(ctx, principalOf(request)),
  );

  app.get(
    '/api/v1/licence/users',
    {
      schema: {
        tags,
        summary: "Every member's licence status (accepted version, training, may post)",
        response: { 200: Type.Object({ users: Type.Array(UserLicenceSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ users: await listUserLicences(ctx, principalOf(request)) }),
  );

  app.put(
    '/api/v1/licence/users/:userId/training',
    {
      schema: {
        tags,
        summary: "Record a member's completed training and when it expires",
        params: UserParams,
        body: TrainingBody,
        response: { 200: TrainingSchema, ...commonErrors },
      },
    },
    async (request) =>
      recordTraining(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.userId,
        request.body,
      ),
  );

  app.delete(
    '/api/v1/licence/users/:userId/training',
    {
      schema: {
        tags,
        summary: "Remove a member's training record",
        params: UserParams,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await clearTraining(ctx, principalOf(request), actionContextOf(request), request.params.userId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/licence/settings',
    {
      schema: { tags, summary: 'Licence settings', response: { 200: SettingsSchema, ...commonErrors } },
    },
    async (request) => getSettings(ctx, principalOf(request)),
  );

  app.put(
    '/api/v1/licence/settings',
    {
      schema: {
        tags,
        summary: 'Change licence settings (training required, warning days before expiry)',
        body: SettingsBody,
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => updateSettings(ctx, principalOf(request), actionContextOf(request), request.body),
  );
}
