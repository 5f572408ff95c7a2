import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { conflict } from '../../http/errors.js';
import { commonErrors, Email, ErrorBody, OkBody, Password } from '../../http/schemas.js';
import { audit } from '../audit/record.js';
import { getOrganisation } from '../organisation/service.js';
import { acceptInvite } from './invites.js';
import {
  activateMfa,
  completeMfaChallenge,
  disableOwnMfa,
  regenerateRecoveryCodes,
  startEnrolment,
} from './mfa-service.js';
import { OrganisationSchema, SessionStateSchema, StageSchema, UserSchema } from './schemas.js';
import { type NewSession, SESSION_COOKIE } from './sessions.js';
import { createFirstOrganisation, setupNeeded } from './setup-service.js';
import { signInWithPassword } from './sign-in-service.js';
import { changeOwnPassword, getUser } from './users-service.js';

const strict = { additionalProperties: false } as const;
const tags = ['auth'];

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https:'),
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

export async function authRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const signInLimit = { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/v1/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Whether first-run setup is still needed',
        response: { 200: Type.Object({ needed: Type.Boolean() }) },
      },
    },
    async () => ({ needed: await setupNeeded(ctx) }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Create the first organisation and administrator with the one-time setup link',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            organisationName: Type.String({ minLength: 1, maxLength: 200 }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            email: Email,
            password: Password,
          },
          strict,
        ),
        response: {
          201: Type.Object({ organisationId: Type.String(), userId: Type.String() }),
          400: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      const created = await createFirstOrganisation(ctx, actionContextOf(request), input, token);
      return reply.status(201).send({ organisationId: created.orgId, userId: created.userId });
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { public: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Type.Object({ email: Email, password: Password }, strict),
        response: {
          200: SessionStateSchema,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          423: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const session = await signInWithPassword(ctx, actionContextOf(request), {
        ...body,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(ctx, reply, session);
      return { stage: session.stage, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  app.post(
    '/api/v1/auth/mfa',
    {
      config: { allowStages: ['mfa_pending'], rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Finish signing in with a TOTP code or a recovery code',
        body: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 10 })),
            recoveryCode: Type.Optional(Type.String({ maxLength: 40 })),
          },
          strict,
        ),
        response: {
          200: Type.Object({ method: Type.String(), recoveryCodesRemaining: Type.Integer() }),
          ...commonErrors,
          423: ErrorBody,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (p.stage !== 'mfa_pending')
        throw conflict('not_pending', 'This session has already finished signing in.');
      return completeMfaChallenge(ctx, p, actionContextOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { allowStages: ['mfa_pending', 'mfa_enrolment_required'] },
      schema: { tags, summary: 'Sign out of this session', response: { 200: OkBody, ...commonErrors } },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (p.sessionId) {
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('session')
            .set({ revoked_at: Date.now() })
            .where('id', '=', p.sessionId!)
            .execute();
          await audit(ctx, trx, actionContextOf(request), {
            orgId: p.orgId,
            action: 'auth.signed_out',
            target: { type: 'user', id: p.userId },
          });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/accept-invite',
    {
      config: { public: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Set your password from a one-time invite link',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
          strict,
        ),
        response: { 200: Type.Object({ email: Type.String() }), 400: ErrorBody },
      },
    },
    async (request) => {
      const body = request.body;
      return acceptInvite(ctx, actionContextOf(request), body.token, body.password);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { allowStages: ['mfa_pending', 'mfa_enrolment_required'] },
      schema: {
        tags,
        summary: 'The signed-in user, their organisation, session stage and CSRF token',
        response: {
          200: Type.Object({
            user: UserSchema,
            organisation: OrganisationSchema,
            stage: StageSchema,
            csrfToken: Type.Union([Type.String(), Type.Null()]),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        user: await getUser(ctx, p, p.userId),
        organisation: await getOrganisation(ctx, p),
        stage: p.stage,
        csrfToken: request.sessionCsrfToken,
      };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        summary: 'Change your password (signs out your other sessions)',
        body: Type.Object({ currentPassword: Password, newPassword: Password }, strict),
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      const body = request.body;
      await changeOwnPassword(
        ctx,
        principalOf(request),
        actionContextOf(request),
        body.currentPassword,
        body.newPassword,
      );
      return { ok: true as const };
    },
  );

  const enrolStages = { allowStages: ['mfa_enrolment_required' as const] };
  app.post(
    '/api/v1/me/mfa/enrol',
    {
      config: enrolStages,
      schema: {
        tags,
        summary: 'Start TOTP enrolment: returns the secret for your authenticator app',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }), ...commonErrors },
      },
    },
    async (request) => startEnrolment(ctx, principalOf(request), actionContextOf(request)),
  );

  const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 10 }) }, strict);
  app.post(
    '/api/v1/me/mfa/activate',
    {
      config: enrolStages,
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; returns one-time recovery codes',
        body: CodeBody,
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...commonErrors },
      },
    },
    async (request) => activateMfa(ctx, principalOf(request), actionContextOf(request), request.body.code),
  );

  app.post(
    '/api/v1/me/mfa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace your recovery codes',
        body: CodeBody,
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...commonErrors },
      },
    },
    async (request) =>
      regenerateRecoveryCodes(ctx, principalOf(request), actionContextOf(request), request.body.code),
  );

  app.post(
    '/api/v1/me/mfa/disable',
    {
      schema: {
        tags,
        summary: 'Turn off two-factor sign-in (not allowed when the organisation requires it)',
        body: CodeBody,
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await disableOwnMfa(ctx, principalOf(request), actionContextOf(request), request.body.code);
      return { ok: true as const };
    },
  );
}
