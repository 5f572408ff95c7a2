// Per user × account permissions. Managed by admin and comms; every change audited with before and after.
import type { AppContext } from '../../context.js';
import type { AccountGrantTable } from '../../db/schema.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { ACCOUNT_PERMISSIONS, type AccountPermission, policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { findAccount } from './repo.js';

export interface GrantView {
  accountId: string;
  userId: string;
  permissions: AccountPermission[];
  createdAt: number;
  updatedAt: number;
}

const toView = (g: AccountGrantTable): GrantView => ({
  accountId: g.account_id,
  userId: g.user_id,
  permissions: JSON.parse(g.permissions) as AccountPermission[],
  createdAt: Number(g.created_at),
  updatedAt: Number(g.updated_at),
});

// Stored in a fixed order so before/after comparisons and audit summaries read the same way every time.
const normalise = (perms: AccountPermission[]): AccountPermission[] =>
  ACCOUNT_PERMISSIONS.filter((p) => perms.includes(p));

async function findUser(app: AppContext, orgId: string, userId: string): Promise<void> {
  const user = await app.db
    .selectFrom('app_user')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('User');
}

export async function listAccountGrants(
  app: AppContext,
  p: Principal,
  accountId: string,
): Promise<GrantView[]> {
  if (!policy.viewAllAccounts(p)) throw forbidden();
  await findAccount(app.db, p.orgId, accountId);
  const rows = await app.db
    .selectFrom('account_grant')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('account_id', '=', accountId)
    .orderBy('user_id')
    .execute();
  return rows.map(toView);
}

export async function listUserGrants(app: AppContext, p: Principal, userId: string): Promise<GrantView[]> {
  await findUser(app, p.orgId, userId);
  if (!policy.viewGrantsOf(p, userId)) throw forbidden();
  const rows = await app.db
    .selectFrom('account_grant')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('user_id', '=', userId)
    .orderBy('account_id')
    .execute();
  return rows.map(toView);
}

export async function putGrant(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  accountId: string,
  userId: string,
  permissions: AccountPermission[],
): Promise<GrantView> {
  if (!policy.manageGrants(p)) throw forbidden();
  await findAccount(app.db, p.orgId, accountId);
  await findUser(app, p.orgId, userId);
  const perms = normalise(permissions);
  const now = Date.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('account_grant')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const row: AccountGrantTable = {
      org_id: p.orgId,
      account_id: accountId,
      user_id: userId,
      permissions: JSON.stringify(perms),
      created_at: before ? Number(before.created_at) : now,
      updated_at: now,
    };
    if (before)
      await trx
        .updateTable('account_grant')
        .set({ permissions: row.permissions, updated_at: now })
        .where('account_id', '=', accountId)
        .where('user_id', '=', userId)
        .execute();
    else await trx.insertInto('account_grant').values(row).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: before ? 'account_grant.changed' : 'account_grant.created',
      target: { type: 'social_account', id: accountId },
      summary: { userId, before: before ? toView(before).permissions : null, after: perms },
    });
    return toView(row);
  });
}

export async function deleteGrant(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  accountId: string,
  userId: string,
): Promise<void> {
  if (!policy.manageGrants(p)) throw forbidden();
  await findAccount(app.db, p.orgId, accountId);
  await app.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('account_grant')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!before) throw notFound('Grant');
    await trx
      .deleteFrom('account_grant')
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account_grant.deleted',
      target: { type: 'social_account', id: accountId },
      summary: { userId, before: toView(before).permissions, after: null },
    });
  });
}
