import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { ActionContext } from '../modules/audit/actor.js';
import type { Principal, SessionStage } from '../modules/identity/roles.js';
import { resolveApiToken, resolveSession, SESSION_COOKIE } from '../modules/identity/sessions.js';
import { AppError, forbidden, unauthenticated } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (health, sign-in, setup…). Everything else requires a principal. */
    public?: boolean;
    /** Session stages besides "active" allowed to call this route (e.g. finishing MFA). */
    allowStages?: SessionStage[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionCsrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request before its body is read: a Bearer API token, or the session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionCsrfToken', null);
  app.addHook('onRequest', async (request) => {
    // No route matched: answer 404 (not 401), so a mistyped url says what is wrong.
    if (request.is404) return;
    const config = request.routeOptions.config;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      request.principal = await resolveApiToken(ctx, bearer);
      if (!request.principal && !config.public)
        throw new AppError(401, 'invalid_token', 'The API token is invalid, expired or revoked.');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await resolveSession(ctx, cookie) : null;
      request.principal = session?.principal ?? null;
      request.sessionCsrfToken = session?.csrfToken ?? null;
    }
    if (config.public) return;
    const p = request.principal;
    if (!p) throw unauthenticated();
    if (p.stage !== 'active' && !config.allowStages?.includes(p.stage)) {
      throw new AppError(
        401,
        p.stage === 'mfa_pending' ? 'mfa_required' : 'mfa_enrolment_required',
        p.stage === 'mfa_pending'
          ? 'Enter your two-factor code to finish signing in.'
          : 'Your organisation requires two-factor sign-in: set it up to continue.',
      );
    }
    if (p.via === 'token' && !SAFE_METHODS.has(request.method) && !p.scopes?.includes('write')) {
      throw forbidden('This API token is read-only; create one with the "write" scope.');
    }
    if (
      p.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.sessionCsrfToken
    ) {
      throw new AppError(
        403,
        'csrf_failed',
        'Missing or wrong X-CSRF-Token header; reload the page and try again.',
      );
    }
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

export function actionContextOf(request: FastifyRequest): ActionContext {
  const p = request.principal;
  return {
    actor: p
      ? { type: p.via === 'token' ? 'token' : 'user', id: p.userId, label: p.email }
      : { type: 'anonymous', id: null, label: 'anonymous' },
    ip: request.ip,
    requestId: request.id,
  };
}
