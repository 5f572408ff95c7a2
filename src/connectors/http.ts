import {
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from './errors.js';
import type { ConnectorDeps } from './types.js';

export interface PlatformHttpOptions {
  platform: string;
  /** When a 429 (or the platform's own throttling signal) says to come back; epoch ms. */
  rateLimitResetAt(response: Response, body: unknown, now: number): number;
  /** Platform-specific reading of an error body before the generic status mapping (e.g. Meta error codes). */
  classify?(response: Response, body: unknown, now: number): Error | null;
  timeoutMs?: number;
}

/**
 * Sends one request and returns the parsed JSON body, or throws a typed connector error:
 * 401 → credentials expired, 404 → not found, 429 → rate limited (with reset time),
 * network failure / timeout / 5xx → transient, other 4xx → permanent.
 */
export async function platformRequest<T = unknown>(
  deps: ConnectorDeps,
  opts: PlatformHttpOptions,
  url: string,
  init: RequestInit = {},
): Promise<T> {
  let response: Response;
  try {
    response = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000) });
  } catch (err) {
    throw new TransientError(`${opts.platform} request failed: ${(err as Error).message}`, opts.platform);
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (response.ok) return body as T;
  const now = deps.now();
  const specific = opts.classify?.(response, body, now);
  if (specific) throw specific;
  const detail = `${opts.platform} answered ${response.status}`;
  if (response.status === 401)
    throw new CredentialsExpiredError(`${detail}: credentials rejected`, opts.platform, 401);
  if (response.status === 404) throw new NotFoundError(`${detail}: not found`, opts.platform, 404);
  if (response.status === 429)
    throw new RateLimitedError(opts.platform, opts.rateLimitResetAt(response, body, now), 429);
  if (response.status >= 500) throw new TransientError(detail, opts.platform, response.status);
  throw new PermanentError(`${detail}: ${summarise(body)}`, opts.platform, response.status);
}

// Error bodies can echo request data; keep only a short, single-line summary for messages and logs.
function summarise(body: unknown): string {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return (s ?? '').replace(/\s+/g, ' ').slice(0, 200);
}
