import type { AppContext } from '../../context.js';
import type { ApiTokenTable } from '../../db/schema.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import { newId, randomToken, sha256 } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from './policy.js';
import type { Principal, TokenScope } from './roles.js';

export interface ApiTokenView {
  id: string;
  userId: string;
  name: string;
  scopes: TokenScope[];
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
}

const toView = (t: ApiTokenTable): ApiTokenView => ({
  id: t.id,
  userId: t.user_id,
  name: t.name,
  scopes: JSON.parse(t.scopes) as TokenScope[],
  expiresAt: t.expires_at === null ? null : Number(t.expires_at),
  revokedAt: t.revoked_at === null ? null : Number(t.revoked_at),
  lastUsedAt: t.last_used_at === null ? null : Number(t.last_used_at),
  createdAt: Number(t.created_at),
});

/** Returns the token itself exactly once; only its hash is kept. */
export async function createApiToken(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: { name: string; scopes: TokenScope[]; expiresInDays: number | null },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  if (p.via === 'token')
    throw forbidden('API tokens cannot create other API tokens; sign in to the dashboard.');
  if (input.scopes.length === 0)
    throw badRequest('scopes_required', 'Choose at least one scope: read, write.');
  const token = `ppt_${randomToken()}`;
  const now = Date.now();
  const row: ApiTokenTable = {
    id: newId(),
    org_id: p.orgId,
    user_id: p.userId,
    name: input.name.trim(),
    token_hash: sha256(token),
    scopes: JSON.stringify([...new Set(input.scopes)]),
    expires_at: input.expiresInDays === null ? null : now + input.expiresInDays * 86_400_000,
    revoked_at: null,
    last_used_at: null,
    created_at: now,
  };
  await app.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_token').values(row).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'api_token.created',
      target: { type: 'api_token', id: row.id },
      summary: { name: row.name, scopes: input.scopes, expiresAt: row.expires_at },
    });
  });
  return { token, apiToken: toView(row) };
}

export async function listApiTokens(app: AppContext, p: Principal): Promise<ApiTokenView[]> {
  let q = app.db.selectFrom('api_token').selectAll().where('org_id', '=', p.orgId);
  // Admins see every token in the organisation so they can revoke a leaked one; others see their own.
  if (!policy.manageTokensOf(p, '')) q = q.where('user_id', '=', p.userId);
  return (await q.orderBy('created_at', 'desc').execute()).map(toView);
}

export async function revokeApiToken(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
): Promise<ApiTokenView> {
  const row = await app.db
    .selectFrom('api_token')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !policy.manageTokensOf(p, row.user_id)) throw notFound('API token');
  if (row.revoked_at !== null) return toView(row);
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_token').set({ revoked_at: now }).where('id', '=', id).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'api_token.revoked',
      target: { type: 'api_token', id },
      summary: { name: row.name },
    });
  });
  return toView({ ...row, revoked_at: now });
}
