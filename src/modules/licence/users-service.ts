// Licence status of people (mine, everyone's), their training records, and the organisation's settings.
import type { AppContext } from '../../context.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { onLicenceRestored } from '../publishing/kill-switch-hooks.js';
import {
  currentAgreementVersion,
  DEFAULT_WARN_DAYS,
  decideLicence,
  licenceStatus,
  loadLicenceSettings,
} from './check.js';
import { licencePolicy } from './policy.js';

/** Licence rows for some (or all) members of one organisation, computed in four queries whatever the count. */
async function statusesOf(app: AppContext, orgId: string, userId?: string) {
  const now = Date.now();
  const settings = await loadLicenceSettings(app.db, orgId);
  const currentVersion = await currentAgreementVersion(app.db, orgId);
  let users = app.db.selectFrom('app_user').select(['id', 'name', 'email']).where('org_id', '=', orgId);
  if (userId) users = users.where('id', '=', userId);
  let accepted = app.db
    .selectFrom('licence_acceptance')
    .select(['user_id', 'version', 'accepted_at'])
    .where('org_id', '=', orgId);
  if (userId) accepted = accepted.where('user_id', '=', userId);
  let training = app.db.selectFrom('licence_training').selectAll().where('org_id', '=', orgId);
  if (userId) training = training.where('user_id', '=', userId);
  const latest = new Map<string, { version: number; at: number }>();
  for (const a of await accepted.execute()) {
    const prev = latest.get(a.user_id);
    if (!prev || Number(a.version) > prev.version)
      latest.set(a.user_id, { version: Number(a.version), at: Number(a.accepted_at) });
  }
  const trained = new Map((await training.execute()).map((r) => [r.user_id, r]));
  return (await users.orderBy('name').execute()).map((u) => {
    const acc = latest.get(u.id) ?? null;
    const tr = trained.get(u.id);
    const trainingExpiresAt = tr ? Number(tr.expires_at) : null;
    const decision = decideLicence({
      currentVersion,
      acceptedVersion: acc?.version ?? null,
      trainingRequired: settings.trainingRequired,
      trainingExpiresAt,
      now,
    });
    return {
      userId: u.id,
      name: u.name,
      email: u.email,
      ...decision,
      acceptedVersion: acc?.version ?? null,
      acceptedAt: acc?.at ?? null,
      currentVersion,
      trainingRequired: settings.trainingRequired,
      trainingCompletedAt: tr ? Number(tr.completed_at) : null,
      trainingExpiresAt,
    };
  });
}

export async function myLicence(app: AppContext, p: Principal) {
  const [mine] = await statusesOf(app, p.orgId, p.userId);
  if (!mine) throw notFound('Your user');
  const { userId: _u, name: _n, email: _e, ...status } = mine;
  return status;
}

export async function listUserLicences(app: AppContext, p: Principal) {
  if (!licencePolicy.viewLicenceOfUsers(p)) throw forbidden();
  return statusesOf(app, p.orgId);
}

async function memberOrNotFound(app: AppContext, orgId: string, userId: string) {
  const user = await app.db
    .selectFrom('app_user')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('The user');
}

const CLOCK_SKEW_MS = 5 * 60_000;

export async function recordTraining(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  userId: string,
  input: { completedAt: number; expiresAt: number },
) {
  if (!licencePolicy.manageLicence(p)) throw forbidden();
  await memberOrNotFound(app, p.orgId, userId);
  if (input.completedAt > Date.now() + CLOCK_SKEW_MS)
    throw badRequest(
      'invalid_training',
      'completedAt is in the future: record training once it is completed.',
    );
  if (input.expiresAt <= input.completedAt)
    throw badRequest('invalid_training', 'expiresAt must be after completedAt.');
  const now = Date.now();
  const row = {
    org_id: p.orgId,
    user_id: userId,
    ...toColumns(input),
    recorded_by: p.userId,
    updated_at: now,
  };
  await app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('licence_training')
      .values(row)
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ ...toColumns(input), recorded_by: p.userId, updated_at: now }),
      )
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'licence.training_recorded',
      target: { type: 'user', id: userId },
      summary: { completedAt: input.completedAt, expiresAt: input.expiresAt },
    });
    if ((await licenceStatus(trx, p.orgId, userId)).canPost)
      await onLicenceRestored(app, trx, actx, { orgId: p.orgId, userId });
  });
  return { userId, completedAt: input.completedAt, expiresAt: input.expiresAt };
}

const toColumns = (i: { completedAt: number; expiresAt: number }) => ({
  completed_at: i.completedAt,
  expires_at: i.expiresAt,
});

export async function clearTraining(app: AppContext, p: Principal, actx: ActionContext, userId: string) {
  if (!licencePolicy.manageLicence(p)) throw forbidden();
  await memberOrNotFound(app, p.orgId, userId);
  await app.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('licence_training')
      .where('org_id', '=', p.orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('A training record for this user');
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'licence.training_cleared',
      target: { type: 'user', id: userId },
      summary: {},
    });
  });
}

export async function getSettings(app: AppContext, p: Principal) {
  return loadLicenceSettings(app.db, p.orgId);
}

export async function updateSettings(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: { trainingRequired?: boolean; warnDaysBeforeExpiry?: number },
) {
  if (!licencePolicy.manageLicence(p)) throw forbidden();
  return app.db.transaction().execute(async (trx) => {
    const before = await loadLicenceSettings(trx, p.orgId);
    const after = {
      trainingRequired: input.trainingRequired ?? before.trainingRequired,
      warnDaysBeforeExpiry: input.warnDaysBeforeExpiry ?? before.warnDaysBeforeExpiry ?? DEFAULT_WARN_DAYS,
    };
    const cols = {
      training_required: after.trainingRequired ? 1 : 0,
      warn_days_before_expiry: after.warnDaysBeforeExpiry,
      updated_at: Date.now(),
    };
    await trx
      .insertInto('licence_setting')
      .values({ org_id: p.orgId, ...cols })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(cols))
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'licence.settings_changed',
      target: { type: 'organisation', id: p.orgId },
      summary: { before, after },
    });
    return after;
  });
}
