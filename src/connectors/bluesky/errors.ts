import { XRPCError } from '@atproto/api';
import {
  ConnectorError,
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from '../errors.js';

const PLATFORM = 'bluesky';
const SESSION_ERRORS = new Set(['ExpiredToken', 'InvalidToken', 'AuthenticationRequired']);
const AUTH_ERRORS = new Set([
  'ExpiredToken',
  'InvalidToken',
  'AuthenticationRequired',
  'AuthFactorTokenRequired',
  'AccountTakedown',
  'AccountDeactivated',
]);

/** True for the errors after which a fresh login may help (the session, not the app password, went bad). */
export function isSessionError(err: unknown): boolean {
  // AuthenticationRequired too: after a failed refresh the library drops the session and sends calls bare.
  return err instanceof XRPCError && SESSION_ERRORS.has(err.error);
}

/**
 * Maps an XRPC failure (platform-apis.md §6.6) to a typed connector error. Messages carry the operation, the
 * XRPC error name and a short single-line server message; never request data such as the app password.
 */
export function mapBlueskyError(err: unknown, op: string, now: number): Error {
  if (err instanceof ConnectorError) return err;
  if (!(err instanceof XRPCError)) {
    return new TransientError(`bluesky ${op} failed: ${oneLine((err as Error)?.message)}`, PLATFORM);
  }
  const status = Number(err.status);
  const detail = `bluesky ${op} failed: ${err.error}${err.message && err.message !== err.error ? `: ${oneLine(err.message)}` : ''}`;
  if (AUTH_ERRORS.has(err.error) || status === 401)
    return new CredentialsExpiredError(detail, PLATFORM, status);
  if (err.error === 'RateLimitExceeded' || status === 429) {
    return new RateLimitedError(PLATFORM, rateLimitReset(err.headers, now), status);
  }
  if (err.error === 'RecordNotFound' || status === 404) return new NotFoundError(detail, PLATFORM, status);
  // status 1 is the XRPC client's "Unknown" (network failure, aborted by our timeout, unreadable body).
  if (status >= 500 || status < 100) return new TransientError(detail, PLATFORM, status || null);
  return new PermanentError(detail, PLATFORM, status);
}

// RateLimit-Reset is epoch seconds (§6.6); without it, wait a minute rather than hammer the PDS.
function rateLimitReset(headers: Record<string, string | undefined> | undefined, now: number): number {
  const raw = headers?.['ratelimit-reset'] ?? headers?.['RateLimit-Reset'];
  const seconds = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : now + 60_000;
}

function oneLine(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').slice(0, 200);
}
