// Connecting an account through the platform's OAuth (X: authorization code + PKCE, §2.1). State and the
// PKCE verifier stay on the server, bound to the user who started, single-use and short-lived.
import { createHash } from 'node:crypto';
import { CredentialsExpiredError, PermanentError } from '../../connectors/errors.js';
import { platformRequest } from '../../connectors/http.js';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { randomToken } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { finishMastodonConnect, startMastodonConnect } from './mastodon-oauth.js';
import { type AccountView, findAccount, toAccountView } from './repo.js';
import { connectAccount, replaceCredentials } from './service.js';

const STATE_TTL_MS = 10 * 60_000;
export const X_AUTHORIZE_URL = 'https://x.com/i/oauth2/authorize';
export const X_TOKEN_URL = 'https://api.x.com/2/oauth2/token';
export const X_ME_URL = 'https://api.x.com/2/users/me';
export const X_SCOPES = 'tweet.read users.read tweet.write tweet.moderate.write mute.write offline.access';
export const OAUTH_PLATFORMS = ['x', 'mastodon'] as const;

const callbackUrl = (app: AppContext, platform: string) =>
  `${app.config.publicUrl}/api/v1/accounts/connect/${platform}/callback`;

function xClient(app: AppContext) {
  const client = app.config.xClient;
  if (!client)
    throw new AppError(
      409,
      'platform_not_configured',
      'Set PARAPET_X_CLIENT_ID (and _SECRET) to connect X accounts.',
    );
  return client;
}

/** Returns the platform's authorization URL to send the browser to. */
export async function startConnect(
  app: AppContext,
  p: Principal,
  platform: string,
  opts: { actx?: ActionContext; instance?: string } = {},
): Promise<string> {
  if (!policy.manageAccounts(p)) throw forbidden();
  if (platform === 'mastodon' && opts.actx) return startMastodonConnect(app, p, opts.actx, opts.instance);
  if (platform !== 'x')
    throw badRequest(
      'oauth_unsupported',
      `Connect ${platform} accounts with POST /api/v1/accounts (credentials).`,
    );
  const client = xClient(app);
  const state = randomToken(24);
  const verifier = randomToken(48);
  await app.db
    .insertInto('account_connect_state')
    .values({
      state,
      org_id: p.orgId,
      user_id: p.userId,
      platform,
      base_url: null,
      code_verifier: verifier,
      expires_at: Date.now() + STATE_TTL_MS,
    })
    .execute();
  // Expired attempts are dropped as new ones start, so the table stays small.
  await app.db.deleteFrom('account_connect_state').where('expires_at', '<', Date.now()).execute();
  const url = new URL(X_AUTHORIZE_URL);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: callbackUrl(app, platform),
    scope: X_SCOPES,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

interface XToken {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

const xHttp = {
  platform: 'x',
  rateLimitResetAt: (res: Response, _body: unknown, now: number) =>
    Number(res.headers.get('x-rate-limit-reset')) * 1000 || now + 60_000,
  classify: (res: Response, body: unknown) => {
    const code = (body as { error?: unknown } | null)?.error;
    return res.status === 400 && typeof code === 'string'
      ? new CredentialsExpiredError(`x refused the authorization code (${code})`, 'x', 400)
      : null;
  },
};

/** Finishes the flow: exchanges the code, identifies the account, stores the tokens in the vault. */
export async function finishConnect(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  platform: string,
  query: { state: string; code?: string; error?: string },
): Promise<AccountView> {
  const row = await app.db
    .deleteFrom('account_connect_state')
    .where('state', '=', query.state)
    .returningAll()
    .executeTakeFirst();
  // Bound to the user who started it: a link someone else started cannot attach an account to their org.
  if (!row || row.user_id !== p.userId || row.org_id !== p.orgId || row.platform !== platform)
    throw notFound('Connection attempt');
  if (Number(row.expires_at) < Date.now())
    throw badRequest('connect_expired', 'The connection attempt expired; start again.');
  if (query.error || !query.code)
    throw badRequest(
      'connect_cancelled',
      `The platform did not authorise the connection (${query.error ?? 'no code'}).`,
    );
  if (platform === 'mastodon') return finishMastodonConnect(app, p, actx, row, query.code);
  const client = xClient(app);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.clientSecret)
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  const token = await platformRequest<XToken>(app.connectorDeps, xHttp, X_TOKEN_URL, {
    method: 'POST',
    headers,
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.code,
      redirect_uri: callbackUrl(app, platform),
      code_verifier: row.code_verifier,
      client_id: client.clientId,
    }).toString(),
  });
  if (!token?.access_token) throw new PermanentError('x token response lacks an access token', 'x');
  const me = await platformRequest<{ data?: { id: string; username: string; name: string } }>(
    app.connectorDeps,
    xHttp,
    X_ME_URL,
    { headers: { authorization: `Bearer ${token.access_token}` } },
  );
  if (!me?.data?.id) throw new PermanentError('x did not say which account was authorised', 'x');
  const credentials: Record<string, string> = { accessToken: token.access_token, clientId: client.clientId };
  if (token.refresh_token) credentials.refreshToken = token.refresh_token;
  if (client.clientSecret) credentials.clientSecret = client.clientSecret;
  const credentialsExpiresAt =
    typeof token.expires_in === 'number' ? app.connectorDeps.now() + token.expires_in * 1000 : null;
  const existing = await app.db
    .selectFrom('social_account')
    .select('id')
    .where('org_id', '=', p.orgId)
    .where('platform', '=', 'x')
    .where('platform_account_id', '=', me.data.id)
    .executeTakeFirst();
  // Authorising an already connected account again renews its tokens.
  if (existing) {
    await replaceCredentials(app, p, actx, existing.id, { credentials, credentialsExpiresAt });
    return toAccountView(await findAccount(app.db, p.orgId, existing.id));
  }
  return connectAccount(app, p, actx, {
    platform: 'x',
    platformAccountId: me.data.id,
    handle: me.data.username,
    displayName: me.data.name,
    credentials,
    credentialsExpiresAt,
  });
}
