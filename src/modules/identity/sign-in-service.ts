import type { AppContext } from '../../context.js';
import { AppError, forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { verifyPassword } from './passwords.js';
import type { SessionStage } from './roles.js';
import { createSession, type NewSession } from './sessions.js';
import { findUserByEmail } from './users-repo.js';

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'The e-mail address or password is wrong.');

export function lockedError(lockedUntil: number): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - Date.now()) / 60_000));
  return new AppError(
    423,
    'account_locked',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator.`,
    { 'retry-after': String(minutes * 60) },
  );
}

/**
 * Counts a failed first or second factor. Reaching the limit locks the account for a while: this
 * slows password guessing on one account however many addresses the guesses come from.
 */
export async function recordFailedFactor(
  app: AppContext,
  userId: string,
  orgId: string,
  actx: ActionContext,
  reason: string,
) {
  await app.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['failed_sign_ins'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const failures = user.failed_sign_ins + 1;
    const locks = failures >= app.config.maxFailedSignIns;
    const lockedUntil = locks ? Date.now() + app.config.lockoutMinutes * 60_000 : null;
    await trx
      .updateTable('app_user')
      .set(locks ? { failed_sign_ins: 0, locked_until: lockedUntil } : { failed_sign_ins: failures })
      .where('id', '=', userId)
      .execute();
    await audit(app, trx, actx, {
      orgId,
      action: 'auth.sign_in_failed',
      target: { type: 'user', id: userId },
      summary: { reason },
    });
    if (locks) {
      await audit(app, trx, actx, {
        orgId,
        action: 'auth.locked_out',
        target: { type: 'user', id: userId },
        summary: { minutes: app.config.lockoutMinutes },
      });
    }
  });
}

export async function signInWithPassword(
  app: AppContext,
  actx: ActionContext,
  input: { email: string; password: string; userAgent: string | null },
): Promise<NewSession & { userId: string }> {
  const user = await findUserByEmail(app.db, input.email);
  if (user?.locked_until && user.locked_until > Date.now()) {
    app.metrics.signIns.inc({ outcome: 'locked' });
    throw lockedError(Number(user.locked_until));
  }
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok) {
    app.metrics.signIns.inc({ outcome: 'failed' });
    if (user)
      await recordFailedFactor(
        app,
        user.id,
        user.org_id,
        { ...actx, actor: { type: 'anonymous', id: null, label: user.email } },
        'password',
      );
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    app.metrics.signIns.inc({ outcome: 'suspended' });
    throw forbidden('This account is suspended. Ask your communications team or an administrator.');
  }
  const org = await app.db
    .selectFrom('organisation')
    .select(['require_mfa'])
    .where('id', '=', user.org_id)
    .executeTakeFirstOrThrow();
  const stage: SessionStage = user.mfa_enabled
    ? 'mfa_pending'
    : org.require_mfa
      ? 'mfa_enrolment_required'
      : 'active';
  const actor = { ...actx, actor: { type: 'user' as const, id: user.id, label: user.email } };
  const session = await app.db.transaction().execute(async (trx) => {
    // With MFA on, the count is reset only once the second factor passes (completeMfaChallenge): resetting
    // it here would let someone who knows the password guess codes forever by signing in again in between.
    if (stage === 'mfa_pending' ? user.locked_until : user.failed_sign_ins > 0 || user.locked_until) {
      await trx
        .updateTable('app_user')
        .set(stage === 'mfa_pending' ? { locked_until: null } : { failed_sign_ins: 0, locked_until: null })
        .where('id', '=', user.id)
        .execute();
    }
    const created = await createSession(app, trx, {
      userId: user.id,
      orgId: user.org_id,
      stage,
      ip: actx.ip,
      userAgent: input.userAgent,
    });
    await audit(app, trx, actor, {
      orgId: user.org_id,
      action: stage === 'mfa_pending' ? 'auth.password_verified' : 'auth.signed_in',
      target: { type: 'user', id: user.id },
      summary: { method: 'password', stage },
    });
    return created;
  });
  app.metrics.signIns.inc({ outcome: stage === 'mfa_pending' ? 'mfa_pending' : 'success' });
  return { ...session, userId: user.id };
}
