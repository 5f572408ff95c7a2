import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type RouteOptions } from 'fastify';
import type { AppContext } from './context.js';
import { registerAuth } from './http/auth.js';
import { dashboardRoutes } from './http/dashboard-routes.js';
import { registerErrorHandlers } from './http/error-handler.js';
import { healthRoutes } from './http/health-routes.js';
import { pageRoutes } from './http/pages/routes.js';
import { validatorCompiler } from './http/validation.js';
import { newId } from './ids.js';
import { grantsRoutes } from './modules/accounts/grants-routes.js';
import { accountsRoutes } from './modules/accounts/routes.js';
import { alertsRoutes } from './modules/alerts/routes.js';
import { analyticsRoutes } from './modules/analytics/routes.js';
import { archiveExportRoutes } from './modules/archive/export-routes.js';
import { archiveRoutes } from './modules/archive/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { dictionariesRoutes } from './modules/dictionaries/routes.js';
import { hijackRoutes } from './modules/hijack/routes.js';
import { apiTokensRoutes } from './modules/identity/api-tokens-routes.js';
import { authRoutes } from './modules/identity/auth-routes.js';
import { ssoRoutes } from './modules/identity/sso-routes.js';
import { teamsRoutes } from './modules/identity/teams-routes.js';
import { usersRoutes } from './modules/identity/users-routes.js';
import { inboundRoutes } from './modules/inbound/routes.js';
import { jobsRoutes } from './modules/jobs/routes.js';
import { licenceRoutes } from './modules/licence/routes.js';
import { moderationRoutes } from './modules/moderation/routes.js';
import { organisationRoutes } from './modules/organisation/routes.js';
import { deletePostRoutes } from './modules/publishing/delete-routes.js';
import { killSwitchRoutes } from './modules/publishing/kill-switch-routes.js';
import { publishingComposeRoutes } from './modules/publishing/routes.js';
import { reportsRoutes } from './modules/reports/routes.js';
import { reviewRoutes } from './modules/review/routes.js';
import { transparencyRoutes } from './modules/transparency/routes.js';
import { sandboxAdminRoutes } from './sandbox/accounts.js';
import { sandboxMetricsRoutes } from './sandbox/metrics-routes.js';
import { sandboxPublicRoutes } from './sandbox/public-view.js';
import { sandboxApiRoutes } from './sandbox/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for the authorization test that walks them all. */
    registeredRoutes: Array<Pick<RouteOptions, 'method' | 'url' | 'config'>>;
  }
}

export type RoutePlugin = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

/** Route modules; later modules append themselves here. */
export const routeModules: RoutePlugin[] = [
  healthRoutes,
  authRoutes,
  ssoRoutes,
  usersRoutes,
  teamsRoutes,
  apiTokensRoutes,
  organisationRoutes,
  auditRoutes,
  jobsRoutes,
  dictionariesRoutes,
  accountsRoutes,
  grantsRoutes,
  pageRoutes,
  dashboardRoutes,
  sandboxAdminRoutes,
  sandboxApiRoutes,
  sandboxPublicRoutes,
  reviewRoutes,
  killSwitchRoutes,
  deletePostRoutes,
  inboundRoutes,
  publishingComposeRoutes,
  alertsRoutes,
  moderationRoutes,
  licenceRoutes,
  hijackRoutes,
  analyticsRoutes,
  reportsRoutes,
  sandboxMetricsRoutes,
  archiveRoutes,
  archiveExportRoutes,
  transparencyRoutes,
];

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : newId();
    },
    return503OnClosing: true,
    // Router-level refusals (an over-long path segment, a malformed %-escape) in our error format, not Fastify's.
    frameworkErrors: (error, _request, reply) =>
      (reply as unknown as FastifyReply).status(400).send({
        error:
          error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? { code: 'validation_failed', message: 'A path parameter is too long.' }
            : { code: 'bad_url', message: 'The url is not valid.' },
      }),
  }) as unknown as FastifyInstance; // pino's Logger type is wider than FastifyBaseLogger; behaviour is identical.
  // The API speaks JSON only: a text/plain body (which browsers send cross-site without a preflight) is a 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('registeredRoutes', []);
  app.addHook('onRoute', (route) => {
    // The browsable API docs are public like the OpenAPI document they render.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
    app.registeredRoutes.push({ method: route.method, url: route.url, config: route.config });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpRequests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(helmet, {
    hsts: ctx.config.publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Parapet API',
        version: '1',
        description: 'Social media governance. Errors are {"error":{"code","message"}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'parapet_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });
  registerErrorHandlers(app);
  registerAuth(app, ctx);

  for (const routes of routeModules) await routes(app, ctx);
  app.get(
    '/api/openapi.json',
    { config: { public: true }, schema: { hide: true } as Record<string, unknown> },
    async () => app.swagger(),
  );
  return app;
}
