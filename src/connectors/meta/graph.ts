// Meta Graph API plumbing shared by the Facebook Pages and Instagram connectors (platform-apis.md §3, §4).
// Parameters go in the query string for GET/DELETE and in a form body for POST (§3: both are accepted);
// the access token never appears in an error message: fetch failures and Graph messages are redacted.
import { PermanentError } from '../errors.js';
import { platformRequest } from '../http.js';
import type { ConnectorDeps } from '../types.js';
import { hmacSha256Hex } from '../webhook-signatures.js';
import { classifyGraphError, metaRateLimitResetAt } from './graph-errors.js';

/** Pinned version: v25.0 is the newest seen in the docs (§3). */
export const GRAPH_BASE_URL = 'https://graph.facebook.com/v25.0';

export interface GraphAuth {
  accessToken: string;
  /** When present every call carries appsecret_proof = hex(HMAC-SHA256(app_secret, access_token)) (§3.1). */
  appSecret?: string;
}

export type GraphParams = Record<string, string | number | boolean | undefined>;

export interface GraphClient {
  get<T>(path: string, params?: GraphParams): Promise<T>;
  post<T>(path: string, form: GraphParams, query?: GraphParams): Promise<T>;
  delete<T>(path: string, params?: GraphParams): Promise<T>;
}

export function createGraphClient(
  deps: ConnectorDeps,
  platform: string,
  auth: GraphAuth,
  baseUrl: string = GRAPH_BASE_URL,
): GraphClient {
  if (!auth.accessToken) throw new PermanentError(`${platform} account has no access token`, platform, null);
  const secrets = [auth.accessToken, auth.appSecret].filter((s): s is string => !!s);
  const redact = (s: string) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), s);
  const authParams: GraphParams = { access_token: auth.accessToken };
  if (auth.appSecret) authParams.appsecret_proof = hmacSha256Hex(auth.appSecret, auth.accessToken);

  // A network error message may quote the URL, and GET/DELETE URLs carry the token.
  const safeDeps: ConnectorDeps = {
    now: deps.now,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      try {
        return await deps.fetch(input, init);
      } catch (err) {
        throw new Error(redact((err as Error).message ?? String(err)));
      }
    }) as typeof fetch,
  };
  const opts = {
    platform,
    rateLimitResetAt: (response: Response, _body: unknown, now: number) =>
      metaRateLimitResetAt(response.headers, now),
    classify: (response: Response, body: unknown, now: number) =>
      classifyGraphError(platform, response, body, now, redact),
  };
  const url = (path: string, params: GraphParams = {}) => {
    const query = encodeQuery(params);
    return `${baseUrl}/${path}${query ? `?${query}` : ''}`;
  };

  return {
    get: (path, params = {}) => platformRequest(safeDeps, opts, url(path, { ...params, ...authParams })),
    delete: (path, params = {}) =>
      platformRequest(safeDeps, opts, url(path, { ...params, ...authParams }), { method: 'DELETE' }),
    post: (path, form, query = {}) =>
      platformRequest(safeDeps, opts, url(path, query), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encode({ ...form, ...authParams }),
      }),
  };
}

// Field lists such as `from{id,name}` stay readable in URLs: ',', '{' and '}' are legal in a query string.
function encodeQuery(params: GraphParams): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `${key}=${encodeURIComponent(String(value)).replace(/%2C|%7B|%7D/g, decodeURIComponent)}`,
    )
    .join('&');
}

function encode(params: GraphParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.append(key, String(value));
  return search.toString();
}

/** Writes answer {"success":true}; anything else means the platform did not do it. */
export function expectSuccess(platform: string, body: unknown, what: string): void {
  if ((body as { success?: unknown } | null)?.success !== true)
    throw new PermanentError(`${platform} did not confirm ${what}`, platform, 200);
}

/** Graph timestamps: ISO 8601 with a "+0000" offset in reads, epoch seconds in webhooks. */
export function graphTime(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return fallback;
}
