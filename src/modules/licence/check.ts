// Licence to post: may this user publish right now? (Owned by the licence module; the body is filled in there.)
import type { Db } from '../../db/database.js';

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

export async function licenceStatus(
  _db: Db,
  _orgId: string,
  _userId: string,
  _now = Date.now(),
): Promise<LicenceStatus> {
  throw new Error('licenceStatus: not implemented yet');
}

/** Throws a 403 AppError (code licence_required) with the status message when the user may not post. */
export async function assertLicenceToPost(
  db: Db,
  orgId: string,
  userId: string,
  now = Date.now(),
): Promise<void> {
  await licenceStatus(db, orgId, userId, now);
  throw new Error('assertLicenceToPost: not implemented yet');
}
