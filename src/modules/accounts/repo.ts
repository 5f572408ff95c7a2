import type { Db } from '../../db/database.js';
import type { AccountStatus, SocialAccountTable } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';

/** What the API shows of an account: never the credentials, only whether and until when they hold. */
export interface AccountView {
  id: string;
  platform: string;
  platformAccountId: string;
  handle: string;
  displayName: string;
  baseUrl: string | null;
  ownerTeamId: string | null;
  labels: string[];
  status: AccountStatus;
  statusReason: string | null;
  hasCredentials: boolean;
  credentialsExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export const toAccountView = (a: SocialAccountTable): AccountView => ({
  id: a.id,
  platform: a.platform,
  platformAccountId: a.platform_account_id,
  handle: a.handle,
  displayName: a.display_name,
  baseUrl: a.base_url,
  ownerTeamId: a.owner_team_id,
  labels: JSON.parse(a.labels) as string[],
  status: a.status,
  statusReason: a.status_reason,
  hasCredentials: a.credentials_secret_id !== null,
  credentialsExpiresAt: a.credentials_expires_at === null ? null : Number(a.credentials_expires_at),
  createdAt: Number(a.created_at),
  updatedAt: Number(a.updated_at),
});

export async function findAccount(db: Db, orgId: string, id: string): Promise<SocialAccountTable> {
  const row = await db
    .selectFrom('social_account')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Account');
  return row;
}

export async function findAccountById(db: Db, id: string): Promise<SocialAccountTable> {
  const row = await db.selectFrom('social_account').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Account');
  return row;
}

export async function assertTeamInOrg(db: Db, orgId: string, teamId: string | null): Promise<void> {
  if (teamId === null) return;
  const team = await db
    .selectFrom('team')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw notFound('Team');
}
