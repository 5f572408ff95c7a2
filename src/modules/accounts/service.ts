// Social accounts: connecting, describing, suspending. Credentials go into the vault as one JSON secret
// and come out only through withAccountCredentials (credentials.ts), for the duration of a connector call.

import type { Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { badRequest, conflict, forbidden } from '../../http/errors.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { onAccountSuspension, onAccountUsable } from '../publishing/kill-switch-hooks.js';
import { type AccountView, assertTeamInOrg, findAccount, toAccountView } from './repo.js';

export const CREDENTIALS_PURPOSE = 'account.credentials';

export interface ConnectInput {
  platform: Platform;
  platformAccountId: string;
  handle: string;
  displayName?: string;
  baseUrl?: string | null;
  ownerTeamId?: string | null;
  labels?: string[];
  credentials: Record<string, string>;
  credentialsExpiresAt?: number | null;
}

export function assertCredentials(credentials: Record<string, string>): void {
  if (Object.keys(credentials).length === 0)
    throw badRequest(
      'credentials_required',
      'Give the account credentials (e.g. an access token or app password).',
    );
}

const cleanLabels = (labels: string[]): string[] =>
  [...new Set(labels.map((l) => l.trim()).filter(Boolean))].sort();

async function visibleIds(app: AppContext, p: Principal): Promise<string[] | null> {
  if (policy.viewAllAccounts(p)) return null;
  const grants = await app.db
    .selectFrom('account_grant')
    .select(['account_id', 'permissions'])
    .where('org_id', '=', p.orgId)
    .where('user_id', '=', p.userId)
    .execute();
  return grants.filter((g) => (JSON.parse(g.permissions) as string[]).length > 0).map((g) => g.account_id);
}

export async function listAccounts(
  app: AppContext,
  p: Principal,
  filter: { platform?: string; status?: string; team?: string; label?: string },
): Promise<AccountView[]> {
  const visible = await visibleIds(app, p);
  if (visible?.length === 0) return [];
  let q = app.db.selectFrom('social_account').selectAll().where('org_id', '=', p.orgId);
  if (visible) q = q.where('id', 'in', visible);
  if (filter.platform) q = q.where('platform', '=', filter.platform);
  if (filter.status) q = q.where('status', '=', filter.status as SocialAccountTable['status']);
  if (filter.team) q = q.where('owner_team_id', '=', filter.team);
  const rows = await q.orderBy('platform').orderBy('handle').execute();
  const views = rows.map(toAccountView);
  return filter.label ? views.filter((a) => a.labels.includes(filter.label!)) : views;
}

export async function getAccount(app: AppContext, p: Principal, id: string): Promise<AccountView> {
  const row = await findAccount(app.db, p.orgId, id);
  const visible = await visibleIds(app, p);
  if (visible && !visible.includes(id)) throw forbidden();
  return toAccountView(row);
}

export async function connectAccount(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: ConnectInput,
): Promise<AccountView> {
  if (!policy.manageAccounts(p)) throw forbidden();
  assertCredentials(input.credentials);
  await assertTeamInOrg(app.db, p.orgId, input.ownerTeamId ?? null);
  const existing = await app.db
    .selectFrom('social_account')
    .select('id')
    .where('org_id', '=', p.orgId)
    .where('platform', '=', input.platform)
    .where('platform_account_id', '=', input.platformAccountId)
    .executeTakeFirst();
  if (existing)
    throw conflict('account_exists', 'This account is already connected; replace its credentials instead.');
  const now = Date.now();
  const id = newId();
  await app.db.transaction().execute(async (trx) => {
    const secretId = await app.vault.store(trx, {
      purpose: CREDENTIALS_PURPOSE,
      orgId: p.orgId,
      plaintext: JSON.stringify(input.credentials),
    });
    await trx
      .insertInto('social_account')
      .values({
        id,
        org_id: p.orgId,
        platform: input.platform,
        platform_account_id: input.platformAccountId,
        handle: input.handle,
        display_name: input.displayName ?? input.handle,
        base_url: input.baseUrl ?? null,
        owner_team_id: input.ownerTeamId ?? null,
        labels: JSON.stringify(cleanLabels(input.labels ?? [])),
        status: 'active',
        status_reason: null,
        credentials_secret_id: secretId,
        credentials_expires_at: input.credentialsExpiresAt ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account.connected',
      target: { type: 'social_account', id },
      // Names of the credential fields only, never their values.
      summary: {
        platform: input.platform,
        handle: input.handle,
        platformAccountId: input.platformAccountId,
        credentialFields: Object.keys(input.credentials).sort(),
      },
    });
  });
  return toAccountView(await findAccount(app.db, p.orgId, id));
}

export async function updateAccount(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  input: { displayName?: string; ownerTeamId?: string | null; labels?: string[] },
): Promise<AccountView> {
  if (!policy.manageAccounts(p)) throw forbidden();
  const before = await findAccount(app.db, p.orgId, id);
  if (input.ownerTeamId !== undefined) await assertTeamInOrg(app.db, p.orgId, input.ownerTeamId);
  const set: Partial<SocialAccountTable> = { updated_at: Date.now() };
  if (input.displayName !== undefined) set.display_name = input.displayName.trim();
  if (input.ownerTeamId !== undefined) set.owner_team_id = input.ownerTeamId;
  if (input.labels !== undefined) set.labels = JSON.stringify(cleanLabels(input.labels));
  await app.db.transaction().execute(async (trx) => {
    await trx.updateTable('social_account').set(set).where('id', '=', id).execute();
    const view = toAccountView(before);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account.updated',
      target: { type: 'social_account', id },
      summary: {
        before: { displayName: view.displayName, ownerTeamId: view.ownerTeamId, labels: view.labels },
        after: {
          displayName: set.display_name ?? view.displayName,
          ownerTeamId: set.owner_team_id !== undefined ? set.owner_team_id : view.ownerTeamId,
          labels: set.labels ? (JSON.parse(set.labels) as string[]) : view.labels,
        },
      },
    });
  });
  return toAccountView(await findAccount(app.db, p.orgId, id));
}

export async function setSuspended(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  suspend: boolean,
  reason: string,
): Promise<AccountView> {
  if (!policy.manageAccounts(p)) throw forbidden();
  const before = await findAccount(app.db, p.orgId, id);
  if (suspend && before.status === 'suspended')
    throw conflict('already_suspended', 'The account is already suspended.');
  if (!suspend && before.status !== 'suspended')
    throw conflict('not_suspended', 'The account is not suspended.');
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('social_account')
      .set({
        status: suspend ? 'suspended' : 'active',
        status_reason: suspend ? reason : null,
        updated_at: Date.now(),
      })
      .where('id', '=', id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: suspend ? 'account.suspended' : 'account.reinstated',
      target: { type: 'social_account', id },
      summary: { reason, previousStatus: before.status },
    });
    await onAccountSuspension(app, trx, actx, { orgId: p.orgId, accountId: id, suspended: suspend, reason });
  });
  app.jobSignal.notify();
  return toAccountView(await findAccount(app.db, p.orgId, id));
}

export async function replaceCredentials(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  input: { credentials: Record<string, string>; credentialsExpiresAt?: number | null },
): Promise<AccountView> {
  if (!policy.manageAccounts(p)) throw forbidden();
  const before = await findAccount(app.db, p.orgId, id);
  assertCredentials(input.credentials);
  await app.db.transaction().execute(async (trx) => {
    const plaintext = JSON.stringify(input.credentials);
    let secretId = before.credentials_secret_id;
    if (secretId) await app.vault.replace(trx, secretId, plaintext);
    else secretId = await app.vault.store(trx, { purpose: CREDENTIALS_PURPOSE, orgId: p.orgId, plaintext });
    const revive = before.status === 'credentials_expired';
    await trx
      .updateTable('social_account')
      .set({
        credentials_secret_id: secretId,
        credentials_expires_at: input.credentialsExpiresAt ?? null,
        updated_at: Date.now(),
        ...(revive ? { status: 'active' as const, status_reason: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account.credentials_replaced',
      target: { type: 'social_account', id },
      summary: {
        credentialFields: Object.keys(input.credentials).sort(),
        statusBefore: before.status,
        statusAfter: revive ? 'active' : before.status,
      },
    });
    if (revive) await onAccountUsable(app, trx, actx, { orgId: p.orgId, accountId: id });
  });
  app.jobSignal.notify();
  return toAccountView(await findAccount(app.db, p.orgId, id));
}
