// Helpers for the ingestion tests: connect an account directly (no platform verification), sign webhook bodies,
// send raw deliveries, read stored items.
import type { Platform } from '../../src/connectors/types.js';
import { hmacSha256Base64, hmacSha256Hex } from '../../src/connectors/webhook-signatures.js';
import { connectAccount } from '../../src/modules/accounts/service.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import type { Principal } from '../../src/modules/identity/roles.js';
import type { Org, TestApp } from './app.js';

export const X_SECRET = 'x-consumer-secret-EXAMPLE';
export const META_SECRET = 'fb-app-secret-EXAMPLE';
export const META_VERIFY = 'meta-verify-token-EXAMPLE';
export const WEBHOOK_SETTINGS = {
  PARAPET_X_CONSUMER_SECRET: X_SECRET,
  PARAPET_META_APP_SECRET: META_SECRET,
  PARAPET_META_VERIFY_TOKEN: META_VERIFY,
};

export const adminPrincipal = (org: Org): Principal => ({
  userId: org.adminId,
  orgId: org.orgId,
  email: org.adminEmail,
  name: 'Admin',
  roles: ['admin'],
  via: 'session',
  sessionId: null,
  stage: 'active',
  scopes: null,
});

/** Connects an account with the given platform id, skipping the platform check (tests only). */
export async function connectDirect(
  t: TestApp,
  org: Org,
  platform: Platform,
  platformAccountId: string,
  extra: { baseUrl?: string; credentials?: Record<string, string>; handle?: string } = {},
): Promise<string> {
  const view = await connectAccount(t.ctx, adminPrincipal(org), systemContext('test'), {
    platform,
    platformAccountId,
    handle: extra.handle ?? `acct_${platformAccountId.slice(-6)}`,
    baseUrl: extra.baseUrl ?? null,
    credentials: extra.credentials ?? { accessToken: 'token-EXAMPLE' },
  });
  return view.id;
}

export const xSignature = (body: string | Buffer, secret = X_SECRET) =>
  `sha256=${hmacSha256Base64(secret, body)}`;
export const metaSignature = (body: string | Buffer, secret = META_SECRET) =>
  `sha256=${hmacSha256Hex(secret, body)}`;

export function deliver(
  t: TestApp,
  platform: 'x' | 'facebook' | 'instagram',
  body: string | Buffer,
  signature: string | null,
) {
  const header = platform === 'x' ? 'x-twitter-webhooks-signature' : 'x-hub-signature-256';
  return t.app.inject({
    method: 'POST',
    url: `/webhooks/${platform}`,
    headers: { 'content-type': 'application/json', ...(signature ? { [header]: signature } : {}) },
    payload: body,
  });
}

export async function itemsOf(t: TestApp, accountId: string) {
  return t.ctx.db
    .selectFrom('inbound_item')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('platform_item_id')
    .execute();
}
