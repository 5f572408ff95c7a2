import type { AppContext } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../http/errors.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { onUserSuspension } from '../publishing/kill-switch-hooks.js';
import { createInvite } from './invites.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.js';
import { policy } from './policy.js';
import type { Principal, Role } from './roles.js';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserInOrg,
  normaliseEmail,
  revokeAllSessions,
  toUserView,
  type UserView,
} from './users-repo.js';

export interface NewUserInput {
  email: string;
  name: string;
  roles: Role[];
  teamId?: string | null;
  password?: string;
  /** Without a password an invite link is made, unless false (accounts that sign in only through SSO). */
  invite?: boolean;
}

async function assertTeamInOrg(app: AppContext, orgId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const team = await app.db
    .selectFrom('team')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw badRequest('unknown_team', 'That team does not exist in your organisation.');
}

/** Creates a user in the organisation. Without a password, returns a one-time invite link instead. */
export async function createUser(app: AppContext, orgId: string, actx: ActionContext, input: NewUserInput) {
  if (input.roles.length === 0) throw badRequest('roles_required', 'Give the user at least one role.');
  if (input.password !== undefined) assertAcceptablePassword(input.password);
  await assertTeamInOrg(app, orgId, input.teamId);
  if (await findUserByEmail(app.db, input.email)) {
    throw conflict(
      'email_taken',
      `A user with the e-mail address ${normaliseEmail(input.email)} already exists.`,
    );
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const now = Date.now();
  const id = newId();
  return app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_user')
      .values({
        id,
        org_id: orgId,
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        roles: JSON.stringify([...new Set(input.roles)]),
        team_id: input.teamId ?? null,
        password_hash: passwordHash,
        status: 'active',
        status_reason: null,
        mfa_secret: null,
        mfa_enabled: 0,
        mfa_last_step: null,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const inviteUrl = passwordHash || input.invite === false ? null : await createInvite(app, trx, orgId, id);
    await audit(app, trx, actx, {
      orgId,
      action: 'user.created',
      target: { type: 'user', id },
      summary: {
        email: normaliseEmail(input.email),
        roles: input.roles,
        teamId: input.teamId ?? null,
        invited: inviteUrl !== null,
      },
    });
    const user = await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { user: toUserView(user), inviteUrl };
  });
}

export async function listUsers(
  app: AppContext,
  p: Principal,
  filter: { status?: 'active' | 'suspended'; role?: Role; teamId?: string; q?: string },
): Promise<UserView[]> {
  if (!policy.viewUsers(p)) throw forbidden();
  return listUsersInOrg(app, p.orgId, filter);
}

/** Unchecked listing for trusted callers (the CLI); HTTP goes through listUsers and its policy. */
export async function listUsersInOrg(
  app: AppContext,
  orgId: string,
  filter: { status?: 'active' | 'suspended'; role?: Role; teamId?: string; q?: string },
): Promise<UserView[]> {
  let q = app.db.selectFrom('app_user').selectAll().where('org_id', '=', orgId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb('email', 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
  }
  const users = (await q.orderBy('name').execute()).map(toUserView);
  return filter.role ? users.filter((u) => u.roles.includes(filter.role!)) : users;
}

export async function getUser(app: AppContext, p: Principal, userId: string): Promise<UserView> {
  if (!policy.viewUsers(p) && p.userId !== userId) throw forbidden();
  return toUserView(await findUserInOrg(app.db, p.orgId, userId));
}

export async function updateUser(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  userId: string,
  change: { name?: string; roles?: Role[]; teamId?: string | null },
): Promise<UserView> {
  if (!policy.manageUsers(p)) throw forbidden();
  const before = await findUserInOrg(app.db, p.orgId, userId);
  const beforeView = toUserView(before);
  if (change.roles?.length === 0) throw badRequest('roles_required', 'Give the user at least one role.');
  await assertTeamInOrg(app, p.orgId, change.teamId);
  return app.db.transaction().execute(async (trx) => {
    if (
      change.roles &&
      beforeView.roles.includes('admin') &&
      !change.roles.includes('admin') &&
      before.status === 'active'
    ) {
      if ((await countActiveAdmins(trx, p.orgId)) <= 1) {
        throw conflict(
          'last_admin',
          'This is the last active administrator; make someone else an administrator first.',
        );
      }
    }
    await trx
      .updateTable('app_user')
      .set({
        ...(change.name !== undefined ? { name: change.name.trim() } : {}),
        ...(change.roles ? { roles: JSON.stringify([...new Set(change.roles)]) } : {}),
        ...(change.teamId !== undefined ? { team_id: change.teamId } : {}),
        updated_at: Date.now(),
      })
      .where('id', '=', userId)
      .execute();
    const after = toUserView(await findUserInOrg(trx, p.orgId, userId));
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['name', 'roles', 'teamId'] as const) {
      if (JSON.stringify(beforeView[key]) !== JSON.stringify(after[key]))
        diff[key] = { from: beforeView[key], to: after[key] };
    }
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'user.updated',
      target: { type: 'user', id: userId },
      summary: diff,
    });
    return after;
  });
}

/** Instant suspension: every session and token of the user stops working at once. */
export async function setUserStatus(
  app: AppContext,
  orgId: string,
  actx: ActionContext,
  userId: string,
  status: 'active' | 'suspended',
  reason: string,
): Promise<UserView> {
  if (!reason.trim()) throw badRequest('reason_required', 'Give a reason: it is kept in the audit log.');
  const user = await findUserInOrg(app.db, orgId, userId);
  if (user.status === status) {
    throw conflict(
      `already_${status}`,
      `This user is already ${status === 'active' ? 'active' : 'suspended'}.`,
    );
  }
  return app.db.transaction().execute(async (trx) => {
    if (
      status === 'suspended' &&
      toUserView(user).roles.includes('admin') &&
      (await countActiveAdmins(trx, orgId)) <= 1
    ) {
      throw conflict('last_admin', 'This is the last active administrator and cannot be suspended.');
    }
    await trx
      .updateTable('app_user')
      .set({ status, status_reason: status === 'suspended' ? reason : null, updated_at: Date.now() })
      .where('id', '=', userId)
      .execute();
    const sessionsRevoked = status === 'suspended' ? await revokeAllSessions(trx, userId) : 0;
    await onUserSuspension(app, trx, actx, { orgId, userId, suspended: status === 'suspended', reason });
    await audit(app, trx, actx, {
      orgId,
      action: status === 'suspended' ? 'user.suspended' : 'user.reinstated',
      target: { type: 'user', id: userId },
      summary: { reason, sessionsRevoked },
    });
    return toUserView(await findUserInOrg(trx, orgId, userId));
  });
}

export async function suspendOrReinstate(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  userId: string,
  status: 'active' | 'suspended',
  reason: string,
) {
  if (!policy.suspendUsers(p)) throw forbidden();
  if (status === 'suspended' && userId === p.userId)
    throw badRequest('cannot_suspend_self', 'You cannot suspend yourself.');
  return setUserStatus(app, p.orgId, actx, userId, status, reason);
}

export async function revokeSessions(app: AppContext, p: Principal, actx: ActionContext, userId: string) {
  if (!policy.revokeSessionsOf(p, userId)) throw forbidden();
  await findUserInOrg(app.db, p.orgId, userId);
  return app.db.transaction().execute(async (trx) => {
    const revoked = await revokeAllSessions(trx, userId);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'user.sessions_revoked',
      target: { type: 'user', id: userId },
      summary: { revoked },
    });
    return { revoked };
  });
}

export async function changeOwnPassword(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  current: string,
  next: string,
) {
  const user = await findUserInOrg(app.db, p.orgId, p.userId);
  if (!(await verifyPassword(user.password_hash, current))) {
    throw badRequest('wrong_password', 'Your current password is wrong.');
  }
  assertAcceptablePassword(next);
  const hash = await hashPassword(next);
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, updated_at: Date.now() })
      .where('id', '=', p.userId)
      .execute();
    // Other devices signed in with the old password are signed out.
    await trx
      .updateTable('session')
      .set({ revoked_at: Date.now() })
      .where('user_id', '=', p.userId)
      .where('id', '!=', p.sessionId ?? '')
      .where('revoked_at', 'is', null)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'user.password_changed',
      target: { type: 'user', id: p.userId },
    });
  });
}
