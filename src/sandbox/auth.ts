// The sandbox's own API credentials: Bearer sbx_… tokens of sandbox users, not Parapet sessions or API
// tokens. Parapet's auth hook lets these routes through (public: true); this hook is their real gate.
// Each token also gets a fixed one-minute request window, so connectors meet a real 429 with the
// X-RateLimit-* / Retry-After headers they must honour. The window lives in this process's memory.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { sha256 } from '../ids.js';
import { type SandboxUser, userByToken } from './repo.js';

declare module 'fastify' {
  interface FastifyRequest {
    sandboxUser?: SandboxUser;
  }
}

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

export function createSandboxAuth(ctx: AppContext, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();

  return async function sandboxAuth(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const user = token ? await userByToken(ctx.db, token) : null;
    if (!token || !user)
      throw new AppError(
        401,
        'invalid_token',
        'The sandbox API needs a valid sandbox token (Authorization: Bearer).',
        {
          'www-authenticate': 'Bearer realm="parapet-sandbox"',
        },
      );
    const key = sha256(token);
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) {
      if (windows.size >= MAX_TRACKED) windows.clear();
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    const limit = ctx.config.sandbox.rateLimitPerMinute;
    const resetSeconds = Math.ceil((w.start + WINDOW_MS) / 1000);
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - w.count)),
      'x-ratelimit-reset': String(resetSeconds),
    };
    if (w.count > limit) {
      throw new AppError(429, 'rate_limited', 'Too many sandbox API calls; wait for the reset.', {
        ...headers,
        'retry-after': String(Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000))),
      });
    }
    reply.headers(headers);
    request.sandboxUser = user;
  };
}

export function sandboxUserOf(request: FastifyRequest): SandboxUser {
  if (!request.sandboxUser)
    throw new AppError(401, 'invalid_token', 'The sandbox API needs a valid sandbox token.');
  return request.sandboxUser;
}
