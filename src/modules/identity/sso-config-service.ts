// Per-organisation OpenID Connect settings. The client secret lives in the vault; organisation.sso_config
// holds the rest as JSON plus the vault id, so the secret never sits in plain text next to the settings.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from './policy.js';
import type { Principal, Role } from './roles.js';

export const SSO_SECRET_PURPOSE = 'sso.client_secret';
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

/** What is stored in organisation.sso_config. */
export interface StoredSsoConfig {
  issuer: string;
  clientId: string;
  clientSecretId: string | null;
  enabled: boolean;
  autoProvisionRole: Role | null;
  allowedEmailDomains: string[];
}

export interface SsoConfigInput {
  issuer: string;
  clientId: string;
  /** A string sets or replaces the secret, null removes it (public client, PKCE only), absent keeps it. */
  clientSecret?: string | null;
  enabled: boolean;
  autoProvisionRole: Role | null;
  allowedEmailDomains: string[];
}

export interface SsoConfigView extends Omit<StoredSsoConfig, 'clientSecretId'> {
  clientSecretSet: boolean;
  redirectUri: string;
  startUrl: string;
}

export function parseSsoConfig(json: string | null): StoredSsoConfig | null {
  return json === null ? null : (JSON.parse(json) as StoredSsoConfig);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http is only for an IdP on this machine (tests, development) or when the operator opts in. */
export function issuerMayUseHttp(app: Pick<AppContext, 'config'>, issuer: URL): boolean {
  return (
    issuer.protocol === 'http:' && (LOOPBACK_HOSTS.has(issuer.hostname) || app.config.ssoAllowHttpIssuer)
  );
}

function validate(app: AppContext, input: SsoConfigInput): { issuer: string; allowedEmailDomains: string[] } {
  let issuer: URL;
  try {
    issuer = new URL(input.issuer);
  } catch {
    throw badRequest('invalid_issuer', 'The issuer must be a URL such as https://login.example.org.');
  }
  if (issuer.search || issuer.hash || issuer.username || issuer.password) {
    throw badRequest('invalid_issuer', 'The issuer URL must not contain a query, fragment or credentials.');
  }
  if (issuer.protocol !== 'https:' && !issuerMayUseHttp(app, issuer)) {
    throw badRequest(
      'insecure_issuer',
      'The issuer must use https (plain http is accepted only for 127.0.0.1/localhost or with PARAPET_SSO_ALLOW_HTTP).',
    );
  }
  const domains = [...new Set(input.allowedEmailDomains.map((d) => d.trim().toLowerCase()))];
  // Auto-provisioning without a domain list would let anyone the IdP knows (e.g. any account of a
  // multi-tenant IdP) create an account here, so the list is required for it.
  if (input.autoProvisionRole !== null && domains.length === 0) {
    throw badRequest('domains_required', 'List the e-mail domains allowed to create accounts automatically.');
  }
  return { issuer: input.issuer.trim(), allowedEmailDomains: domains };
}

function toView(app: AppContext, slug: string, stored: StoredSsoConfig): SsoConfigView {
  const { clientSecretId, ...rest } = stored;
  return { ...rest, clientSecretSet: clientSecretId !== null, ...urls(app, slug) };
}

const urls = (app: AppContext, slug: string) => ({
  redirectUri: `${app.config.publicUrl}${SSO_CALLBACK_PATH}`,
  startUrl: `${app.config.publicUrl}/api/v1/auth/sso/${encodeURIComponent(slug)}/start`,
});

async function readStored(db: Db, orgId: string): Promise<{ slug: string; stored: StoredSsoConfig | null }> {
  const org = await db
    .selectFrom('organisation')
    .select(['slug', 'sso_config'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { slug: org.slug, stored: parseSsoConfig(org.sso_config) };
}

export async function getSsoConfig(
  app: AppContext,
  p: Principal,
): Promise<SsoConfigView & { configured: boolean }> {
  if (!policy.manageOrganisation(p)) throw forbidden();
  const { slug, stored } = await readStored(app.db, p.orgId);
  if (!stored) {
    return {
      configured: false,
      issuer: '',
      clientId: '',
      clientSecretSet: false,
      enabled: false,
      autoProvisionRole: null,
      allowedEmailDomains: [],
      ...urls(app, slug),
    };
  }
  return { configured: true, ...toView(app, slug, stored) };
}

export async function putSsoConfig(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: SsoConfigInput,
): Promise<SsoConfigView & { configured: boolean }> {
  if (!policy.manageOrganisation(p)) throw forbidden();
  const { issuer, allowedEmailDomains } = validate(app, input);
  const view = await app.db.transaction().execute(async (trx) => {
    const { slug, stored: before } = await readStored(trx, p.orgId);
    let clientSecretId = before?.clientSecretId ?? null;
    if (input.clientSecret !== undefined) {
      if (clientSecretId) await app.vault.remove(trx, clientSecretId);
      clientSecretId =
        input.clientSecret === null
          ? null
          : await app.vault.store(trx, {
              purpose: SSO_SECRET_PURPOSE,
              orgId: p.orgId,
              plaintext: input.clientSecret,
            });
    }
    const stored: StoredSsoConfig = {
      issuer,
      clientId: input.clientId,
      clientSecretId,
      enabled: input.enabled,
      autoProvisionRole: input.autoProvisionRole,
      allowedEmailDomains,
    };
    await trx
      .updateTable('organisation')
      .set({ sso_config: JSON.stringify(stored), updated_at: Date.now() })
      .where('id', '=', p.orgId)
      .execute();
    const { clientSecretId: _omit, ...summary } = stored;
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: before ? 'organisation.sso_updated' : 'organisation.sso_configured',
      target: { type: 'organisation', id: p.orgId },
      // Only whether the secret changed, never the secret or its vault id.
      summary: {
        ...summary,
        clientSecretChanged: input.clientSecret !== undefined,
        clientSecretSet: clientSecretId !== null,
      },
    });
    return toView(app, slug, stored);
  });
  return { configured: true, ...view };
}

export async function deleteSsoConfig(app: AppContext, p: Principal, actx: ActionContext): Promise<void> {
  if (!policy.manageOrganisation(p)) throw forbidden();
  await app.db.transaction().execute(async (trx) => {
    const { stored: before } = await readStored(trx, p.orgId);
    if (!before) throw notFound('Single sign-on configuration');
    if (before.clientSecretId) await app.vault.remove(trx, before.clientSecretId);
    await trx
      .updateTable('organisation')
      .set({ sso_config: null, updated_at: Date.now() })
      .where('id', '=', p.orgId)
      .execute();
    await trx.deleteFrom('sso_login_state').where('org_id', '=', p.orgId).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'organisation.sso_removed',
      target: { type: 'organisation', id: p.orgId },
      summary: { issuer: before.issuer, clientId: before.clientId },
    });
  });
}
