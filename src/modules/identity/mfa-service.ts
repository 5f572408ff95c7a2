import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { AppError, badRequest, conflict } from '../../http/errors.js';
import { newId, sha256 } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from './roles.js';
import { lockedError, recordFailedFactor } from './sign-in-service.js';
import { findUserInOrg } from './users-repo.js';

const RECOVERY_CODE_COUNT = 10;
const wrongCode = () =>
  new AppError(401, 'invalid_mfa_code', 'That code is wrong or has expired. Enter the current 6-digit code.');

function newRecoveryCode(): string {
  const raw = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').toLowerCase().slice(0, 12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}
const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(codes.map((c) => ({ id: newId(), user_id: userId, code_hash: sha256(c), used_at: null })))
    .execute();
  return codes;
}

/** Checks a TOTP code and refuses replays of a code already used (afterTimeStep). */
async function checkTotp(
  app: AppContext,
  user: { id: string; mfa_secret: string | null; mfa_last_step: number | null },
  code: string,
) {
  if (!user.mfa_secret || !/^\d{6}$/.test(code.trim())) return false;
  const secret = await app.vault.reveal(app.db, user.mfa_secret);
  // otplib throws when afterTimeStep lies past the window (clock moved back, skewed servers): that code
  // cannot be accepted anyway, so it is a wrong code rather than a server error.
  const maxStep = Math.floor(Date.now() / 1000 / 30) + 1;
  if (user.mfa_last_step && Number(user.mfa_last_step) > maxStep) return false;
  const result = await verify({
    secret,
    token: code.trim(),
    epochTolerance: 30,
    ...(user.mfa_last_step ? { afterTimeStep: Number(user.mfa_last_step) } : {}),
  });
  if (!result.valid) return false;
  await app.db
    .updateTable('app_user')
    .set({ mfa_last_step: 'timeStep' in result ? result.timeStep : null })
    .where('id', '=', user.id)
    .execute();
  return true;
}

export async function startEnrolment(app: AppContext, p: Principal, actx: ActionContext) {
  const user = await findUserInOrg(app.db, p.orgId, p.userId);
  if (user.mfa_enabled)
    throw conflict('mfa_already_enabled', 'Two-factor sign-in is already on for your account.');
  const secret = generateSecret();
  await app.db.transaction().execute(async (trx) => {
    if (user.mfa_secret) await app.vault.remove(trx, user.mfa_secret);
    const secretId = await app.vault.store(trx, { purpose: 'user.totp', orgId: p.orgId, plaintext: secret });
    await trx
      .updateTable('app_user')
      .set({ mfa_secret: secretId, mfa_last_step: null })
      .where('id', '=', user.id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'mfa.enrolment_started',
      target: { type: 'user', id: user.id },
    });
  });
  // The secret goes to its owner once, to put in an authenticator app; it is stored only encrypted.
  return { secret, otpauthUrl: generateURI({ issuer: 'Parapet', label: user.email, secret }) };
}

export async function activateMfa(app: AppContext, p: Principal, actx: ActionContext, code: string) {
  const user = await findUserInOrg(app.db, p.orgId, p.userId);
  if (user.mfa_enabled)
    throw conflict('mfa_already_enabled', 'Two-factor sign-in is already on for your account.');
  if (!user.mfa_secret)
    throw badRequest('mfa_not_enrolled', 'Start enrolment first: POST /api/v1/me/mfa/enrol.');
  if (!(await checkTotp(app, user, code))) throw wrongCode();
  return app.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ mfa_enabled: 1 }).where('id', '=', user.id).execute();
    if (p.sessionId) {
      await trx
        .updateTable('session')
        .set({ stage: 'active' })
        .where('id', '=', p.sessionId)
        .where('stage', '=', 'mfa_enrolment_required')
        .execute();
    }
    const recoveryCodes = await replaceRecoveryCodes(trx, user.id);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'mfa.enabled',
      target: { type: 'user', id: user.id },
    });
    return { recoveryCodes };
  });
}

/** Second step of sign-in for a session that passed the password but not yet the second factor. */
export async function completeMfaChallenge(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: { code?: string; recoveryCode?: string },
) {
  const user = await findUserInOrg(app.db, p.orgId, p.userId);
  if (user.locked_until && user.locked_until > Date.now()) throw lockedError(Number(user.locked_until));
  let method: 'totp' | 'recovery_code' | null = null;
  if (input.code && (await checkTotp(app, user, input.code))) method = 'totp';
  if (!method && input.recoveryCode) {
    const used = await app.db
      .updateTable('recovery_code')
      .set({ used_at: Date.now() })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', sha256(normaliseRecoveryCode(input.recoveryCode)))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 1) method = 'recovery_code';
  }
  if (!method) {
    await recordFailedFactor(app, user.id, user.org_id, actx, 'second_factor');
    throw wrongCode();
  }
  await app.db.transaction().execute(async (trx) => {
    await trx.updateTable('session').set({ stage: 'active' }).where('id', '=', p.sessionId!).execute();
    await trx.updateTable('app_user').set({ failed_sign_ins: 0 }).where('id', '=', user.id).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'auth.signed_in',
      target: { type: 'user', id: user.id },
      summary: { method },
    });
  });
  const remaining = await app.db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { method, recoveryCodesRemaining: Number(remaining.n) };
}

export async function regenerateRecoveryCodes(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  code: string,
) {
  const user = await findUserInOrg(app.db, p.orgId, p.userId);
  if (!user.mfa_enabled) throw badRequest('mfa_not_enabled', 'Turn on two-factor sign-in first.');
  if (!(await checkTotp(app, user, code))) throw wrongCode();
  return app.db.transaction().execute(async (trx) => {
    const recoveryCodes = await replaceRecoveryCodes(trx, user.id);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'mfa.recovery_codes_regenerated',
      target: { type: 'user', id: user.id },
    });
    return { recoveryCodes };
  });
}

/** Turns MFA off for a user (their own, with a code; or an admin resetting a lost device). */
export async function resetMfa(
  app: AppContext,
  db: Db,
  actx: ActionContext,
  orgId: string,
  userId: string,
  reason: string,
) {
  const user = await findUserInOrg(db, orgId, userId);
  if (user.mfa_secret) await app.vault.remove(db, user.mfa_secret);
  await db
    .updateTable('app_user')
    .set({ mfa_enabled: 0, mfa_secret: null, mfa_last_step: null })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await audit(app, db, actx, {
    orgId,
    action: 'mfa.reset',
    target: { type: 'user', id: userId },
    summary: { reason },
  });
}

export async function disableOwnMfa(app: AppContext, p: Principal, actx: ActionContext, code: string) {
  const user = await findUserInOrg(app.db, p.orgId, p.userId);
  if (!user.mfa_enabled)
    throw badRequest('mfa_not_enabled', 'Two-factor sign-in is not on for your account.');
  const org = await app.db
    .selectFrom('organisation')
    .select('require_mfa')
    .where('id', '=', p.orgId)
    .executeTakeFirstOrThrow();
  if (org.require_mfa)
    throw conflict(
      'mfa_required',
      'Your organisation requires two-factor sign-in, so it cannot be turned off.',
    );
  if (!(await checkTotp(app, user, code))) throw wrongCode();
  await app.db
    .transaction()
    .execute((trx) => resetMfa(app, trx, actx, p.orgId, p.userId, 'turned off by the user'));
}
