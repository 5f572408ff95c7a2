// Loading items for a reviewer: organisation scoping, the moderate permission, and the row lock that
// serialises concurrent claims and decisions on one item.
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { AccountPermission } from '../identity/policy.js';
import { type Principal, parseRoles } from '../identity/roles.js';
import { mayModerate, reviewPolicy } from './policy.js';

async function grantOf(db: Db, orgId: string, userId: string, accountId: string) {
  const row = await db
    .selectFrom('account_grant')
    .select('permissions')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? { permissions: JSON.parse(row.permissions) as AccountPermission[] } : null;
}

/** The accounts whose items the caller may review: null = every account of the organisation. */
export async function reviewableAccountIds(db: Db, p: Principal): Promise<string[] | null> {
  if (reviewPolicy.reviewsAllAccounts(p)) return null;
  const grants = await db
    .selectFrom('account_grant')
    .select(['account_id', 'permissions'])
    .where('org_id', '=', p.orgId)
    .where('user_id', '=', p.userId)
    .execute();
  return grants
    .filter((g) => (JSON.parse(g.permissions) as string[]).includes('moderate'))
    .map((g) => g.account_id);
}

export interface LoadedItem {
  item: InboundItemTable;
  account: SocialAccountTable;
}

/** The item, if it is the caller's organisation's (404 otherwise) and they may moderate its account (403). */
export async function loadItemFor(db: Db, p: Principal, itemId: string): Promise<LoadedItem> {
  const item = await db
    .selectFrom('inbound_item')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw notFound('Item');
  const account = await db
    .selectFrom('social_account')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('id', '=', item.account_id)
    .executeTakeFirstOrThrow();
  const grant = reviewPolicy.reviewsAllAccounts(p) ? null : await grantOf(db, p.orgId, p.userId, account.id);
  if (!mayModerate(p.roles, grant)) throw forbidden('You may not review items of this account.');
  return { item, account };
}

/** Takes the item's row lock (PostgreSQL; SQLite has one writer) so that what is read next is current. */
export async function lockItem(trx: Db, orgId: string, itemId: string): Promise<void> {
  await trx
    .updateTable('inbound_item')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .execute();
}

export interface ReviewerRef {
  id: string;
  name: string;
  email: string;
}

/** An active user of the organisation who may moderate the account, or null. */
export async function moderatorOf(
  db: Db,
  orgId: string,
  userId: string,
  accountId: string,
): Promise<ReviewerRef | null> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'email', 'roles', 'status'])
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user?.status !== 'active') return null;
  const roles = parseRoles(user.roles);
  const grant = reviewPolicy.reviewsAllAccounts({ roles })
    ? null
    : await grantOf(db, orgId, userId, accountId);
  return mayModerate(roles, grant) ? { id: user.id, name: user.name, email: user.email } : null;
}

export async function userRef(db: Db, orgId: string, userId: string | null): Promise<ReviewerRef | null> {
  if (!userId) return null;
  const u = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'email'])
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return u ?? null;
}
