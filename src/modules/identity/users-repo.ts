import type { Db } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import { parseRoles, type Role } from './roles.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  teamId: string | null;
  status: 'active' | 'suspended';
  statusReason: string | null;
  mfaEnabled: boolean;
  lockedUntil: number | null;
  hasPassword: boolean;
  createdAt: number;
}

export function toUserView(u: UserTable): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: parseRoles(u.roles),
    teamId: u.team_id,
    status: u.status,
    statusReason: u.status_reason,
    mfaEnabled: u.mfa_enabled === 1,
    lockedUntil: u.locked_until && u.locked_until > Date.now() ? Number(u.locked_until) : null,
    hasPassword: u.password_hash !== null,
    createdAt: Number(u.created_at),
  };
}

/** Every lookup is scoped to the caller's organisation: another organisation's user is simply "not found". */
export async function findUserInOrg(db: Db, orgId: string, userId: string): Promise<UserTable> {
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('User');
  return user;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string): Promise<UserTable | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function countActiveAdmins(db: Db, orgId: string): Promise<number> {
  const rows = await db
    .selectFrom('app_user')
    .select('roles')
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .execute();
  return rows.filter((r) => parseRoles(r.roles).includes('admin')).length;
}

export async function revokeAllSessions(db: Db, userId: string, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
