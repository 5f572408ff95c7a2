// OpenID Connect sign-in: authorization code flow with PKCE (S256), state and nonce, against the
// organisation's own identity provider. Only the e-mail claim links the IdP account to a Parapet user,
// and only within the organisation whose SSO was used.
import * as oidc from 'openid-client';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { createSession, type NewSession } from './sessions.js';
import {
  issuerMayUseHttp,
  parseSsoConfig,
  SSO_CALLBACK_PATH,
  type StoredSsoConfig,
} from './sso-config-service.js';
import { normaliseEmail } from './users-repo.js';
import { createUser } from './users-service.js';

const STATE_TTL_MS = 10 * 60_000;
const DISCOVERY_TTL_MS = 5 * 60_000;
const SCOPE = 'openid email profile';

/** Every code the flow can send to /sign-in#error=…; the sign-in page (pages.js) has a message for each. */
export const SSO_ERROR_CODES = [
  'sso_unknown_organisation',
  'sso_disabled',
  'sso_provider_unreachable',
  'sso_invalid_state',
  'sso_cancelled',
  'sso_provider_error',
  'sso_email_missing',
  'sso_email_unverified',
  'sso_unknown_user',
  'sso_domain_not_allowed',
  'sso_account_suspended',
  'sso_failed',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

/** A refusal the browser is told about as /sign-in#error=<code>; the detail stays in the server log. */
export class SsoLoginError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
  }
}

// Discovery costs two HTTP round trips to the IdP, so its result is kept a few minutes per organisation.
// The key includes everything the Configuration is built from: a changed issuer, client or secret misses.
type CacheEntry = { key: string; config: oidc.Configuration; expiresAt: number };
const discoveryCaches = new WeakMap<AppContext, Map<string, CacheEntry>>();

async function configurationFor(
  app: AppContext,
  orgId: string,
  sso: StoredSsoConfig,
): Promise<oidc.Configuration> {
  const cache = discoveryCaches.get(app) ?? new Map<string, CacheEntry>();
  discoveryCaches.set(app, cache);
  const key = `${sso.issuer}\n${sso.clientId}\n${sso.clientSecretId ?? ''}`;
  const hit = cache.get(orgId);
  if (hit && hit.key === key && hit.expiresAt > Date.now()) return hit.config;
  const issuer = new URL(sso.issuer);
  const secret = sso.clientSecretId ? await app.vault.reveal(app.db, sso.clientSecretId) : null;
  try {
    const config = await oidc.discovery(
      issuer,
      sso.clientId,
      secret ? undefined : { token_endpoint_auth_method: 'none' },
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      { timeout: 10, ...(issuerMayUseHttp(app, issuer) ? { execute: [oidc.allowInsecureRequests] } : {}) },
    );
    cache.set(orgId, { key, config, expiresAt: Date.now() + DISCOVERY_TTL_MS });
    return config;
  } catch (err) {
    throw new SsoLoginError(
      'sso_provider_unreachable',
      `discovery of ${sso.issuer} failed: ${(err as Error).message}`,
    );
  }
}

const redirectUri = (app: AppContext) => `${app.config.publicUrl}${SSO_CALLBACK_PATH}`;

/** Returns the identity provider URL to send the browser to, and the state to bind to the browser. */
export async function startSsoLogin(
  app: AppContext,
  orgSlug: string,
): Promise<{ url: string; state: string }> {
  const org = await app.db
    .selectFrom('organisation')
    .select(['id', 'sso_config'])
    .where('slug', '=', orgSlug.toLowerCase())
    .executeTakeFirst();
  if (!org) throw new SsoLoginError('sso_unknown_organisation');
  const sso = parseSsoConfig(org.sso_config);
  if (!sso?.enabled) throw new SsoLoginError('sso_disabled');
  const config = await configurationFor(app, org.id, sso);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();
  // Abandoned attempts are swept here: cheap (indexed by primary key scan on a tiny table) and needs no job.
  await app.db.deleteFrom('sso_login_state').where('expires_at', '<', now).execute();
  await app.db
    .insertInto('sso_login_state')
    .values({ state, org_id: org.id, code_verifier: codeVerifier, nonce, expires_at: now + STATE_TTL_MS })
    .execute();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(app),
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

/** Single use: the row is deleted by whoever reads it first, so a replayed callback finds nothing. */
async function consumeState(app: AppContext, state: string) {
  const row = await app.db
    .selectFrom('sso_login_state')
    .selectAll()
    .where('state', '=', state)
    .executeTakeFirst();
  if (!row) return null;
  const deleted = await app.db.deleteFrom('sso_login_state').where('state', '=', state).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1 || Number(row.expires_at) <= Date.now()) return null;
  return row;
}

export interface CallbackInput {
  /** The callback URL as the IdP sent the browser to it (public URL + query string). */
  callbackUrl: URL;
  /** The state from the cookie set by /start: ties the callback to the browser that started the flow. */
  browserState: string | undefined;
  actx: ActionContext;
  userAgent: string | null;
}

export async function completeSsoLogin(
  app: AppContext,
  input: CallbackInput,
): Promise<NewSession & { userId: string }> {
  const params = input.callbackUrl.searchParams;
  const state = params.get('state');
  // Without the browser binding, an attacker could send a victim a callback link carrying the
  // attacker's own code and sign the victim into the attacker's account (login CSRF).
  if (!state || !input.browserState || state !== input.browserState)
    throw new SsoLoginError('sso_invalid_state');
  const pending = await consumeState(app, state);
  if (!pending) throw new SsoLoginError('sso_invalid_state');
  const org = await app.db
    .selectFrom('organisation')
    .select(['id', 'sso_config'])
    .where('id', '=', pending.org_id)
    .executeTakeFirst();
  const sso = parseSsoConfig(org?.sso_config ?? null);
  if (!org || !sso?.enabled) throw new SsoLoginError('sso_disabled');
  const idpError = params.get('error');
  if (idpError)
    throw new SsoLoginError(
      idpError === 'access_denied' ? 'sso_cancelled' : 'sso_provider_error',
      `IdP returned ${idpError}`,
    );

  const config = await configurationFor(app, org.id, sso);
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (err) {
    throw new SsoLoginError('sso_provider_error', `code exchange failed: ${(err as Error).message}`);
  }
  if (!claims) throw new SsoLoginError('sso_provider_error', 'no id_token');
  const rawEmail = typeof claims.email === 'string' ? claims.email : '';
  if (!/^[^\s@]+@[^\s@]+$/.test(rawEmail)) throw new SsoLoginError('sso_email_missing');
  const email = normaliseEmail(rawEmail);
  const refuse = async (code: SsoErrorCode) => {
    await app.db.transaction().execute((trx) =>
      audit(
        app,
        trx,
        { ...input.actx, actor: { type: 'anonymous', id: null, label: email } },
        {
          orgId: org.id,
          action: 'auth.sso_refused',
          summary: { reason: code, email, issuer: sso.issuer },
        },
      ),
    );
    app.metrics.signIns.inc({ outcome: 'failed' });
    return new SsoLoginError(code);
  };
  if (claims.email_verified === false) throw await refuse('sso_email_unverified');

  const findUser = () =>
    app.db
      .selectFrom('app_user')
      .selectAll()
      .where('org_id', '=', org.id)
      .where('email', '=', email)
      .executeTakeFirst();
  let user = await findUser();
  if (!user) {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!sso.autoProvisionRole) throw await refuse('sso_unknown_user');
    if (!sso.allowedEmailDomains.includes(domain)) throw await refuse('sso_domain_not_allowed');
    const name =
      typeof claims.name === 'string' && claims.name.trim()
        ? claims.name.trim().slice(0, 200)
        : email.split('@')[0]!;
    const actor = { ...input.actx, actor: { type: 'system' as const, id: null, label: `sso:${sso.issuer}` } };
    try {
      await createUser(app, org.id, actor, { email, name, roles: [sso.autoProvisionRole], invite: false });
    } catch (err) {
      // e-mail addresses are unique across organisations: the address belongs to someone elsewhere.
      if (err instanceof AppError && err.code === 'email_taken') throw await refuse('sso_unknown_user');
      throw err;
    }
    user = await findUser();
    if (!user) throw await refuse('sso_unknown_user');
  }
  if (user.status !== 'active') throw await refuse('sso_account_suspended');

  const signedIn = user;
  const session = await app.db.transaction().execute(async (trx) => {
    // Stage 'active' straight away, even for users with TOTP or an organisation requiring MFA: the
    // organisation's IdP authenticated the person and is where its MFA policy is enforced, so asking for
    // Parapet's own TOTP too would be a second, separately-managed second factor.
    const created = await createSession(app, trx, {
      userId: signedIn.id,
      orgId: org.id,
      stage: 'active',
      ip: input.actx.ip,
      userAgent: input.userAgent,
    });
    await audit(
      app,
      trx,
      { ...input.actx, actor: { type: 'user', id: signedIn.id, label: signedIn.email } },
      {
        orgId: org.id,
        action: 'auth.signed_in',
        target: { type: 'user', id: signedIn.id },
        summary: { method: 'sso', stage: 'active', issuer: sso.issuer, subject: String(claims.sub) },
      },
    );
    return created;
  });
  app.metrics.signIns.inc({ outcome: 'success' });
  return { ...session, userId: signedIn.id };
}
