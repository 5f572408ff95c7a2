// Connecting a Mastodon account through the instance's OAuth (§5.1). Parapet registers itself once per
// instance (POST /api/v1/apps) and keeps the client secret only in the vault; the authorization code flow
// uses state + PKCE (S256, Mastodon 4.3+) kept server-side in account_connect_state, like the X flow.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { ConnectorError, PermanentError } from '../../connectors/errors.js';
import { platformRequest } from '../../connectors/http.js';
import { mastodonHttp } from '../../connectors/mastodon/http.js';
import { getConnector } from '../../connectors/registry.js';
import type { AppContext } from '../../context.js';
import type { AccountConnectStateTable } from '../../db/schema.js';
import { AppError, badRequest, forbidden } from '../../http/errors.js';
import { randomToken } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { type AccountView, findAccount, toAccountView } from './repo.js';
import { connectAccount, replaceCredentials } from './service.js';

export const MASTODON_SCOPES = 'read write';
export const MASTODON_APP_SECRET_PURPOSE = 'mastodon.app_secret';
const STATE_TTL_MS = 10 * 60_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const callbackUrl = (app: AppContext) => `${app.config.publicUrl}/api/v1/accounts/connect/mastodon/callback`;

function isPrivateIpv4(host: string): boolean {
  const [a = 0, b = 0] = host.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/**
 * The instance as an origin (https://host[:port]). Parapet will send requests there, so internal addresses
 * are refused: private/loopback IPs, bare single-label names and .local/.internal hosts. Plain http (and
 * loopback at all) only for 127.0.0.1/localhost when PARAPET_MASTODON_ALLOW_HTTP is set.
 */
export function validateInstanceUrl(app: Pick<AppContext, 'config'>, raw: string | undefined): string {
  const refuse = (why: string) =>
    badRequest('invalid_instance', `Give the Mastodon instance as https://host (${why}).`);
  if (!raw) throw refuse('the instance query parameter is missing');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('not a URL');
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    throw refuse('no path, query, fragment or credentials');
  const host = url.hostname.toLowerCase();
  if (LOOPBACK.has(host)) {
    if (!app.config.mastodonAllowHttpLoopback) throw refuse('a local address is not a Mastodon instance');
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('https only');
    return url.origin;
  }
  if (url.protocol !== 'https:') throw refuse('https only');
  if (isIP(host.replace(/^\[|\]$/g, '')) === 6) throw refuse('IPv6 literals are not accepted');
  if (isIP(host) === 4 && isPrivateIpv4(host)) throw refuse('private and reserved addresses are refused');
  if (!host.includes('.') || /\.(local|internal|localhost|localdomain|lan|home\.arpa)$/.test(host))
    throw refuse('not a public host name');
  return url.origin;
}

/** Parapet's client id on this instance, registering the app the first time only. */
async function ensureApp(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  instance: string,
): Promise<string> {
  const known = async () =>
    app.db
      .selectFrom('mastodon_app')
      .select('client_id')
      .where('instance_url', '=', instance)
      .executeTakeFirst();
  const existing = await known();
  if (existing) return existing.client_id;
  const reg = await platformRequest<{ client_id?: string; client_secret?: string }>(
    app.connectorDeps,
    mastodonHttp,
    `${instance}/api/v1/apps`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Parapet',
        redirect_uris: [callbackUrl(app)],
        scopes: MASTODON_SCOPES,
        website: app.config.publicUrl,
      }),
    },
  );
  if (!reg?.client_id || !reg.client_secret)
    throw new PermanentError('mastodon app registration returned no client credentials', 'mastodon');
  const { client_id: clientId, client_secret: secret } = reg;
  try {
    await app.db.transaction().execute(async (trx) => {
      const secretId = await app.vault.store(trx, {
        purpose: MASTODON_APP_SECRET_PURPOSE,
        orgId: null,
        plaintext: secret,
      });
      await trx
        .insertInto('mastodon_app')
        .values({
          instance_url: instance,
          client_id: clientId,
          client_secret_id: secretId,
          created_at: Date.now(),
        })
        .execute();
      await audit(app, trx, actx, {
        orgId: p.orgId,
        action: 'account.mastodon_app_registered',
        target: { type: 'mastodon_app', id: instance },
        summary: { instance, clientId },
      });
    });
  } catch (err) {
    // Two connects raced to register: the first one stored wins, this registration is simply unused.
    const winner = await known();
    if (winner) return winner.client_id;
    throw err;
  }
  return clientId;
}

export async function startMastodonConnect(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  rawInstance: string | undefined,
): Promise<string> {
  if (!policy.manageAccounts(p)) throw forbidden();
  const instance = validateInstanceUrl(app, rawInstance);
  let clientId: string;
  try {
    clientId = await ensureApp(app, p, actx, instance);
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    app.logger.warn({ instance, err: { message: err.message } }, 'mastodon app registration failed');
    throw new AppError(502, 'platform_error', `${instance} did not accept Parapet's app registration.`);
  }
  const state = randomToken(24);
  const verifier = randomToken(48);
  await app.db
    .insertInto('account_connect_state')
    .values({
      state,
      org_id: p.orgId,
      user_id: p.userId,
      platform: 'mastodon',
      base_url: instance,
      code_verifier: verifier,
      expires_at: Date.now() + STATE_TTL_MS,
    })
    .execute();
  await app.db.deleteFrom('account_connect_state').where('expires_at', '<', Date.now()).execute();
  const url = new URL(`${instance}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: callbackUrl(app),
    scope: MASTODON_SCOPES,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** After the state row was checked (oauth.ts): exchange the code, identify the account, store the token. */
export async function finishMastodonConnect(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  row: AccountConnectStateTable,
  code: string,
): Promise<AccountView> {
  const instance = row.base_url ?? '';
  const reg = await app.db
    .selectFrom('mastodon_app')
    .selectAll()
    .where('instance_url', '=', instance)
    .executeTakeFirst();
  if (!reg) throw badRequest('connect_expired', 'Parapet is not registered on this instance; start again.');
  let accessToken: string | undefined;
  try {
    const token = await platformRequest<{ access_token?: string }>(
      app.connectorDeps,
      mastodonHttp,
      `${instance}/oauth/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: reg.client_id,
          client_secret: await app.vault.reveal(app.db, reg.client_secret_id),
          redirect_uri: callbackUrl(app),
          code_verifier: row.code_verifier,
        }).toString(),
      },
    );
    accessToken = token?.access_token;
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    app.logger.warn({ instance, status: err.status }, 'mastodon token exchange failed');
    throw new AppError(
      502,
      'token_exchange_failed',
      `${instance} refused the authorization code; start again.`,
    );
  }
  if (!accessToken)
    throw new AppError(502, 'token_exchange_failed', `${instance} returned no access token; start again.`);
  const connector = await getConnector('mastodon', app.connectorDeps);
  const credentials = { accessToken };
  const me = await connector.verifyCredentials!({
    platformAccountId: '',
    handle: '',
    baseUrl: instance,
    credentials,
  });
  const existing = await app.db
    .selectFrom('social_account')
    .select('id')
    .where('org_id', '=', p.orgId)
    .where('platform', '=', 'mastodon')
    .where('platform_account_id', '=', me.platformAccountId)
    .where('base_url', '=', instance)
    .executeTakeFirst();
  // Authorising an already connected account again renews its token.
  if (existing) {
    await replaceCredentials(app, p, actx, existing.id, { credentials, credentialsExpiresAt: null });
    return toAccountView(await findAccount(app.db, p.orgId, existing.id));
  }
  return connectAccount(app, p, actx, {
    platform: 'mastodon',
    platformAccountId: me.platformAccountId,
    handle: me.handle,
    displayName: me.displayName ?? me.handle,
    baseUrl: instance,
    credentials,
  });
}
