// OAuth 2.0 refresh for X user-context tokens (§2.1).
//
// X refresh tokens are SINGLE-USE: a successful call consumes the old refresh token and returns a new
// access/refresh pair. The caller must persist the returned pair atomically (one transaction replacing both
// vault entries) BEFORE using the new access token, and must serialise refreshes per account: two
// concurrent refreshes with the same token, or a replay of an old one, can invalidate the whole chain
// (observed behaviour [U]). If the request fails in transit the old token may already be spent; the caller
// should then mark the account for re-authorisation rather than retry blindly with the same token.
import { CredentialsExpiredError, PermanentError } from '../errors.js';
import { type PlatformHttpOptions, platformRequest } from '../http.js';
import type { ConnectorAccount, ConnectorDeps, Credentials } from '../types.js';
import { apiBase, xRateLimitResetAt } from './http.js';

interface TokenResponse {
  token_type?: string;
  expires_in?: number;
  access_token?: string;
  refresh_token?: string;
  scope?: string;
}

// OAuth errors come as {"error":"invalid_request","error_description":"…"} rather than problem+json.
// A rejected refresh token (expired, revoked, already used) cannot be fixed by retrying: re-authorise.
const tokenHttp: PlatformHttpOptions = {
  platform: 'x',
  rateLimitResetAt: xRateLimitResetAt,
  classify(response, body) {
    const code = (body as { error?: unknown } | null)?.error;
    if (response.status === 400 && (code === 'invalid_request' || code === 'invalid_grant'))
      return new CredentialsExpiredError(`x refused the refresh token (${code})`, 'x', 400);
    return null;
  },
};

export async function refreshXCredentials(
  deps: ConnectorDeps,
  account: ConnectorAccount,
): Promise<{ credentials: Credentials; expiresAt: number | null }> {
  const { refreshToken, clientId, clientSecret } = account.credentials;
  if (!refreshToken || !clientId)
    throw new CredentialsExpiredError('x account has no refresh token or client id', 'x');
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  // Confidential clients ("Web App", the default type) must authenticate with HTTP Basic.
  if (clientSecret)
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  });
  const res = await platformRequest<TokenResponse>(deps, tokenHttp, `${apiBase(account)}/2/oauth2/token`, {
    method: 'POST',
    headers,
    body: form.toString(),
  });
  if (!res?.access_token) throw new PermanentError('x token response lacks an access token', 'x');
  // The old refresh token is spent either way. Without a new one (offline.access not granted) keep the new
  // access token anyway; the next refresh then asks for re-authorisation.
  const credentials: Record<string, string> = { accessToken: res.access_token, clientId };
  if (res.refresh_token) credentials.refreshToken = res.refresh_token;
  if (clientSecret) credentials.clientSecret = clientSecret;
  const expiresAt = typeof res.expires_in === 'number' ? deps.now() + res.expires_in * 1000 : null;
  return { credentials, expiresAt };
}
