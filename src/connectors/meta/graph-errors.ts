// Graph error bodies → typed connector errors (platform-apis.md §3.4). HTTP status is unreliable on Graph
// (errors are usually 400), so the decision is made on error.code.
import { CredentialsExpiredError, PermanentError, RateLimitedError, TransientError } from '../errors.js';

/** 4 app, 17 user, 32 Page, 613 custom, 80001 Pages BUC. */
export const THROTTLE_CODES: ReadonlySet<number> = new Set([4, 17, 32, 613, 80001]);

const TOKEN_SUBCODES: Record<number, string> = {
  458: 'app not installed',
  460: 'password changed',
  463: 'expired',
  464: 'unconfirmed user',
  467: 'invalid',
};

interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

export function classifyGraphError(
  platform: string,
  response: Response,
  body: unknown,
  now: number,
  redact: (s: string) => string,
): Error | null {
  const error = (body as { error?: GraphErrorBody } | null)?.error;
  if (!error || typeof error !== 'object' || typeof error.code !== 'number') return null;
  const { code, error_subcode: subcode } = error;
  const status = response.status;
  const id = `Graph error ${code}${subcode ? `/${subcode}` : ''}${error.fbtrace_id ? ` (fbtrace ${error.fbtrace_id})` : ''}`;
  if (code === 190) {
    // Graph's own message is left out on purpose: the account needs re-authentication, nothing more to say.
    const why = (subcode && TOKEN_SUBCODES[subcode]) || 'invalid or expired';
    return new CredentialsExpiredError(`${platform} access token rejected: ${why} (${id})`, platform, status);
  }
  if (THROTTLE_CODES.has(code))
    return new RateLimitedError(platform, metaRateLimitResetAt(response.headers, now), status);
  const message = redact(String(error.message ?? ''))
    .replace(/\s+/g, ' ')
    .slice(0, 200);
  if (code === 1 || code === 2 || status >= 500)
    return new TransientError(`${platform} temporary failure, ${id}: ${message}`, platform, status);
  if (code === 10 || (code >= 200 && code <= 299))
    return new PermanentError(`${platform} permission missing, ${id}: ${message}`, platform, status);
  return new PermanentError(`${platform} refused the request, ${id}: ${message}`, platform, status);
}

const MINUTE = 60_000;
/** Used when the headers give no time: Platform (X-App-Usage) limits count over a rolling hour [U]. */
const FULL_WINDOW_MS = 60 * MINUTE;
const DEFAULT_BACKOFF_MS = 5 * MINUTE;

/**
 * When to call again after a throttling error, from the usage headers (§3.4):
 * 1. X-Business-Use-Case-Usage: the largest `estimated_time_to_regain_access` (minutes) over every
 *    business id and type, if above 0;
 * 2. otherwise, if any usage percentage in either header (call_count, total_cputime, total_time) is at
 *    100 or more, one full hour (the window is used up and the headers don't say when it frees);
 * 3. otherwise a 5-minute backoff (the throttle came from a limit the headers do not show, e.g. code 613).
 */
export function metaRateLimitResetAt(headers: Headers, now: number): number {
  let regainMinutes = 0;
  let peak = 0;
  const usage = (entry: unknown) => {
    if (!entry || typeof entry !== 'object') return;
    const e = entry as Record<string, unknown>;
    for (const key of ['call_count', 'total_cputime', 'total_time']) peak = Math.max(peak, num(e[key]));
    regainMinutes = Math.max(regainMinutes, num(e.estimated_time_to_regain_access));
  };
  const buc = parseHeader(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object')
    for (const entries of Object.values(buc)) if (Array.isArray(entries)) entries.forEach(usage);
  usage(parseHeader(headers.get('x-app-usage')));
  if (regainMinutes > 0) return now + regainMinutes * MINUTE;
  return now + (peak >= 100 ? FULL_WINDOW_MS : DEFAULT_BACKOFF_MS);
}

function parseHeader(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}
