// Licence to post: may this user publish right now? Called by publishing at submit and again at publish time.
//
// Policy when the organisation has never published an agreement: posting is ALLOWED (the agreement part of the
// licence is simply not in force yet). A fresh installation (or a force trying Parapet on the Sandbox) must be
// usable before comms has written its agreement, and the moment version 1 is published every user is suspended
// until they accept it, so the control switches on for everyone at once. Training, when the organisation
// requires it, applies independently of whether an agreement exists.
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';

export interface LicenceStatus {
  canPost: boolean;
  /** Machine-readable reason when canPost is false: agreement_not_accepted, agreement_outdated, training_missing, training_expired. */
  reason: string | null;
  /** A sentence the user can act on. */
  message: string | null;
  acceptedVersion: number | null;
  currentVersion: number | null;
  trainingExpiresAt: number | null;
}

export const DEFAULT_WARN_DAYS = 14;

export interface LicenceSettings {
  trainingRequired: boolean;
  warnDaysBeforeExpiry: number;
}

export async function loadLicenceSettings(db: Db, orgId: string): Promise<LicenceSettings> {
  const row = await db
    .selectFrom('licence_setting')
    .select(['training_required', 'warn_days_before_expiry'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return {
    trainingRequired: row ? Number(row.training_required) === 1 : false,
    warnDaysBeforeExpiry: row ? Number(row.warn_days_before_expiry) : DEFAULT_WARN_DAYS,
  };
}

export async function currentAgreementVersion(db: Db, orgId: string): Promise<number | null> {
  const row = await db
    .selectFrom('licence_agreement')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.v == null ? null : Number(row.v);
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Pure decision from the loaded facts (unit-tested as a matrix). */
export function decideLicence(input: {
  currentVersion: number | null;
  acceptedVersion: number | null;
  trainingRequired: boolean;
  trainingExpiresAt: number | null;
  now: number;
}): Pick<LicenceStatus, 'canPost' | 'reason' | 'message'> {
  const { currentVersion: cur, acceptedVersion: acc } = input;
  if (cur !== null && acc === null)
    return deny(
      'agreement_not_accepted',
      `Accept version ${cur} of the social media agreement in Parapet before posting.`,
    );
  if (cur !== null && acc !== null && acc < cur)
    return deny(
      'agreement_outdated',
      `The social media agreement changed: accept version ${cur} in Parapet before posting (you accepted version ${acc}).`,
    );
  if (input.trainingRequired && input.trainingExpiresAt === null)
    return deny(
      'training_missing',
      'Complete the social media training before posting; ask your communications team to record it in Parapet.',
    );
  if (input.trainingRequired && input.trainingExpiresAt !== null && input.trainingExpiresAt <= input.now)
    return deny(
      'training_expired',
      `Your social media training expired on ${day(input.trainingExpiresAt)}: complete it again and ask your communications team to record it before posting.`,
    );
  return { canPost: true, reason: null, message: null };
}

const deny = (reason: string, message: string) => ({ canPost: false, reason, message });

export async function licenceStatus(
  db: Db,
  orgId: string,
  userId: string,
  now = Date.now(),
): Promise<LicenceStatus> {
  const [settings, currentVersion, accepted, training] = await Promise.all([
    loadLicenceSettings(db, orgId),
    currentAgreementVersion(db, orgId),
    db
      .selectFrom('licence_acceptance')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('licence_training')
      .select('expires_at')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  ]);
  const acceptedVersion = accepted?.v == null ? null : Number(accepted.v);
  const trainingExpiresAt = training ? Number(training.expires_at) : null;
  const decision = decideLicence({
    currentVersion,
    acceptedVersion,
    trainingRequired: settings.trainingRequired,
    trainingExpiresAt,
    now,
  });
  return { ...decision, acceptedVersion, currentVersion, trainingExpiresAt };
}

/** Throws a 403 AppError (code licence_required) with the status message when the user may not post. */
export async function assertLicenceToPost(
  db: Db,
  orgId: string,
  userId: string,
  now = Date.now(),
): Promise<void> {
  const status = await licenceStatus(db, orgId, userId, now);
  if (!status.canPost)
    throw new AppError(403, 'licence_required', status.message ?? 'Licence to post required.');
}
