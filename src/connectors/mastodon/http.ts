// Mastodon request plumbing: every account lives on its own instance (account.baseUrl), bearer tokens that
// never expire, and the X-RateLimit-* headers of §5.4 (reset as an ISO-8601 time, not epoch seconds).
import { PermanentError } from '../errors.js';
import { type PlatformHttpOptions, platformRequest } from '../http.js';
import type { ConnectorAccount, ConnectorDeps } from '../types.js';

// The default window is 5 minutes; used only when a 429 carries no parsable reset header.
const DEFAULT_WINDOW_MS = 5 * 60_000;

export function mastodonRateLimitResetAt(response: Response, _body: unknown, now: number): number {
  const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
  return Number.isFinite(reset) ? reset : now + DEFAULT_WINDOW_MS;
}

export const mastodonHttp: PlatformHttpOptions = {
  platform: 'mastodon',
  rateLimitResetAt: mastodonRateLimitResetAt,
};

export function instanceBase(account: ConnectorAccount): string {
  if (!account.baseUrl) throw new PermanentError('mastodon account has no instance URL', 'mastodon');
  return account.baseUrl.replace(/\/+$/, '');
}

export function mastodonCall<T>(
  deps: ConnectorDeps,
  account: ConnectorAccount,
  method: string,
  path: string,
  json?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const token = account.credentials.accessToken;
  if (!token) throw new PermanentError('mastodon account has no access token', 'mastodon');
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...extraHeaders };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return platformRequest<T>(deps, mastodonHttp, `${instanceBase(account)}${path}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

/** Mastodon ids are numeric strings; forks use short alphanumeric flake ids. Nothing else goes in a path. */
export function mastodonId(id: string, what: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw new PermanentError(`mastodon ${what} id is not a valid id`, 'mastodon');
  return id;
}

/** Compares two ids in Mastodon's order (numeric strings: longer is newer, then lexical). */
export function newerId(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
