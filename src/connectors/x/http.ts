// X API v2 request plumbing: base URL, bearer header, and X's rate-limit headers (§2.4 of platform-apis.md).
import { PermanentError } from '../errors.js';
import { type PlatformHttpOptions, platformRequest } from '../http.js';
import type { ConnectorAccount, ConnectorDeps } from '../types.js';

export const X_API = 'https://api.x.com';
// Windows are mostly 15 minutes; used only when a 429 carries no usable reset header.
const DEFAULT_WINDOW_MS = 15 * 60_000;

/** Epoch ms to wait for: the 15-min window reset, or the 24-hour reset when that cap is the exhausted one. */
export function xRateLimitResetAt(response: Response, _body: unknown, now: number): number {
  const h = response.headers;
  const resets: number[] = [];
  const window = Number(h.get('x-rate-limit-reset'));
  if (Number.isFinite(window) && window > 0) resets.push(window);
  for (const scope of ['user', 'app']) {
    if (h.get(`x-${scope}-limit-24hour-remaining`) !== '0') continue;
    const day = Number(h.get(`x-${scope}-limit-24hour-reset`));
    if (Number.isFinite(day) && day > 0) resets.push(day);
  }
  return resets.length > 0 ? Math.max(...resets) * 1000 : now + DEFAULT_WINDOW_MS;
}

export const xHttp: PlatformHttpOptions = { platform: 'x', rateLimitResetAt: xRateLimitResetAt };

export function apiBase(account: ConnectorAccount): string {
  return (account.baseUrl ?? X_API).replace(/\/+$/, '');
}

export function xCall<T>(
  deps: ConnectorDeps,
  account: ConnectorAccount,
  method: string,
  path: string,
  json?: unknown,
): Promise<T> {
  const token = account.credentials.accessToken;
  if (!token) throw new PermanentError('x account has no access token', 'x');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return platformRequest<T>(deps, xHttp, `${apiBase(account)}${path}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

/** X ids are decimal strings of up to 19 digits; refusing anything else keeps ids out of path tricks. */
export function xId(id: string, what: string): string {
  if (!/^[0-9]{1,19}$/.test(id)) throw new PermanentError(`x ${what} id is not a valid X id`, 'x');
  return id;
}
