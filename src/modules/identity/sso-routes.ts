import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, OkBody } from '../../http/schemas.js';
import { setSessionCookie } from './auth-routes.js';
import { deleteSsoConfig, getSsoConfig, putSsoConfig, SSO_CALLBACK_PATH } from './sso-config-service.js';
import { completeSsoLogin, SsoLoginError, startSsoLogin } from './sso-login-service.js';
import { AutoProvisionRole, Domain, SsoConfigSchema } from './sso-schemas.js';

const strict = { additionalProperties: false } as const;
const STATE_COOKIE = 'parapet_sso_state';
const STATE_COOKIE_PATH = '/api/v1/auth/sso';

export async function ssoRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['organisation'];
  const limit = { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/v1/organisation/sso',
    {
      schema: {
        tags,
        summary: 'Single sign-on (OpenID Connect) settings; the client secret is never returned',
        response: { 200: SsoConfigSchema, ...commonErrors },
      },
    },
    async (request) => getSsoConfig(ctx, principalOf(request)),
  );

  app.put(
    '/api/v1/organisation/sso',
    {
      schema: {
        tags,
        summary: 'Configure single sign-on with your OpenID Connect identity provider',
        body: Type.Object(
          {
            issuer: Type.String({ minLength: 8, maxLength: 500 }),
            clientId: Type.String({ minLength: 1, maxLength: 255 }),
            clientSecret: Type.Optional(
              Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()], {
                description: 'Omit to keep the stored secret; null to remove it (public client)',
              }),
            ),
            enabled: Type.Boolean(),
            autoProvisionRole: AutoProvisionRole,
            allowedEmailDomains: Type.Array(Domain, { maxItems: 50 }),
          },
          strict,
        ),
        response: { 200: SsoConfigSchema, ...commonErrors },
      },
    },
    async (request) => putSsoConfig(ctx, principalOf(request), actionContextOf(request), request.body),
  );

  app.delete(
    '/api/v1/organisation/sso',
    {
      schema: {
        tags,
        summary: 'Remove single sign-on settings and the stored client secret',
        response: { 200: OkBody, ...commonErrors },
      },
    },
    async (request) => {
      await deleteSsoConfig(ctx, principalOf(request), actionContextOf(request));
      return { ok: true as const };
    },
  );

  // The browser-facing flow answers with redirects only: failures go to the sign-in page as a code.
  const fail = (reply: FastifyReply, err: unknown) => {
    const code = err instanceof SsoLoginError ? err.code : 'sso_failed';
    if (err instanceof SsoLoginError) reply.log.warn({ code, detail: err.message }, 'sso sign-in refused');
    else reply.log.error({ err }, 'sso sign-in failed');
    return reply.redirect(`/sign-in#error=${code}`, 302);
  };
  const authTags = { tags: ['auth'] };

  app.get(
    '/api/v1/auth/sso/:orgSlug/start',
    {
      config: { public: true, rateLimit: limit },
      schema: {
        ...authTags,
        summary: 'Start single sign-on: redirects to the identity provider',
        params: Type.Object({ orgSlug: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
      },
    },
    async (request, reply) => {
      try {
        const { url, state } = await startSsoLogin(ctx, request.params.orgSlug);
        reply.setCookie(STATE_COOKIE, state, {
          httpOnly: true,
          // Lax: the cookie must come back on the IdP's top-level redirect to the callback.
          sameSite: 'lax',
          secure: ctx.config.publicUrl.startsWith('https:'),
          path: STATE_COOKIE_PATH,
          maxAge: 600,
        });
        return reply.redirect(url, 302);
      } catch (err) {
        return fail(reply, err);
      }
    },
  );

  app.get(
    SSO_CALLBACK_PATH,
    {
      config: { public: true, rateLimit: limit },
      schema: { ...authTags, summary: 'Redirect URI for the identity provider: signs in and redirects to /' },
    },
    async (request, reply) => {
      reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
      try {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const session = await completeSsoLogin(ctx, {
          callbackUrl: new URL(`${ctx.config.publicUrl}${SSO_CALLBACK_PATH}${query}`),
          browserState: request.cookies[STATE_COOKIE],
          actx: actionContextOf(request),
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(ctx, reply, session);
        return reply.redirect('/', 302);
      } catch (err) {
        return fail(reply, err);
      }
    },
  );
}
