// Platform failures mapped to a few kinds the rest of Parapet acts on (retry when, mark the account, give up).
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly platform: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** Wait until resetAt (epoch ms) before calling again; taken from the platform's rate-limit headers. */
export class RateLimitedError extends ConnectorError {
  constructor(
    platform: string,
    readonly resetAt: number,
    status: number | null = 429,
  ) {
    super(`${platform} rate limit reached; retry after ${new Date(resetAt).toISOString()}`, platform, status);
  }
}

/** The stored token or password no longer works: mark the account and alert, do not retry. */
export class CredentialsExpiredError extends ConnectorError {}

export class NotFoundError extends ConnectorError {}

/** Network failure, timeout or 5xx: retry with backoff. */
export class TransientError extends ConnectorError {}

/** The platform refused the request for good (validation, permissions): do not retry. */
export class PermanentError extends ConnectorError {}

/** The platform cannot do this at all (see the capability matrix). */
export class UnsupportedError extends ConnectorError {}
