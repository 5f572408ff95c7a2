// Agreement versions and acceptances. A new version suspends everyone's posting rights at once (their accepted
// version is now older than the current one) and tells each member, in the same transaction.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { LicenceAgreementTable } from '../../db/schema/licence.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { raiseAlert } from '../alerts/raise.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { isUniqueViolation } from '../dictionaries/repo.js';
import type { Principal } from '../identity/roles.js';
import { onLicenceRestored } from '../publishing/kill-switch-hooks.js';
import { currentAgreementVersion, type LicenceStatus, licenceStatus } from './check.js';
import { licencePolicy } from './policy.js';

const toAgreement = (r: LicenceAgreementTable) => ({
  version: Number(r.version),
  title: r.title,
  body: r.body,
  format: r.body_format,
  publishedBy: r.published_by_label,
  publishedAt: Number(r.published_at),
});

export async function listAgreements(app: AppContext, p: Principal) {
  if (!licencePolicy.readAgreements(p)) throw forbidden();
  const rows = await app.db
    .selectFrom('licence_agreement')
    .select(['version', 'title', 'body_format', 'published_by_label', 'published_at'])
    .where('org_id', '=', p.orgId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    title: r.title,
    format: r.body_format,
    publishedBy: r.published_by_label,
    publishedAt: Number(r.published_at),
  }));
}

export async function getAgreement(app: AppContext, p: Principal, version: number) {
  if (!licencePolicy.readAgreements(p)) throw forbidden();
  const row = await app.db
    .selectFrom('licence_agreement')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw notFound(`Version ${version} of the social media agreement`);
  return toAgreement(row);
}

export async function publishAgreement(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: { title: string; body: string; format?: 'markdown' | 'plain' },
) {
  if (!licencePolicy.manageLicence(p)) throw forbidden();
  const now = Date.now();
  const row = await app.db
    .transaction()
    .execute(async (trx) => {
      const version = ((await currentAgreementVersion(trx, p.orgId)) ?? 0) + 1;
      const agreement: LicenceAgreementTable = {
        id: newId(),
        org_id: p.orgId,
        version,
        title: input.title,
        body: input.body,
        body_format: input.format ?? 'markdown',
        published_by: p.userId,
        published_by_label: p.email,
        published_at: now,
      };
      await trx.insertInto('licence_agreement').values(agreement).execute();
      const notified = await notifyMembers(trx, p.orgId, version, input.title, now);
      await audit(app, trx, actx, {
        orgId: p.orgId,
        action: 'licence.agreement_published',
        target: { type: 'licence_agreement', id: agreement.id },
        summary: { version, title: input.title, format: agreement.body_format, usersSuspended: notified },
      });
      return agreement;
    })
    .catch((err: unknown) => {
      // Two simultaneous publishes: the unique (org_id, version) refuses the second rather than overwrite.
      if (isUniqueViolation(err))
        throw conflict(
          'agreement_publish_conflict',
          'Another version was published at the same moment: reload and try again.',
        );
      throw err;
    });
  app.jobSignal.notify();
  return toAgreement(row);
}

/** Every active member must (re-)accept: each gets their own alert. Returns how many were told. */
async function notifyMembers(trx: Db, orgId: string, version: number, title: string, now: number) {
  const users = await trx
    .selectFrom('app_user')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .execute();
  for (const u of users)
    await raiseAlert(
      trx,
      {
        orgId,
        kind: 'licence.new_version',
        severity: 'warning',
        recipientUserId: u.id,
        subject: { type: 'licence_agreement', id: String(version) },
        summary: `Version ${version} of the social media agreement ("${title}") was published: accept it in Parapet before you post again.`,
        detail: { version, title },
        dedupeKey: `licence.new_version:${u.id}:${version}`,
      },
      now,
    );
  return users.length;
}

/** Accepts the current version (only the current one: accepting an outdated text is refused with 409). */
export async function acceptAgreement(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  version: number,
): Promise<LicenceStatus> {
  return app.db.transaction().execute(async (trx) => {
    const current = await currentAgreementVersion(trx, p.orgId);
    if (current === null || version > current)
      throw notFound(`Version ${version} of the social media agreement`);
    if (version < current)
      throw conflict(
        'agreement_outdated',
        `Version ${version} is no longer current: read and accept version ${current} instead.`,
      );
    const already = await trx
      .selectFrom('licence_acceptance')
      .select('id')
      .where('org_id', '=', p.orgId)
      .where('user_id', '=', p.userId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!already) {
      const id = newId();
      await trx
        .insertInto('licence_acceptance')
        .values({ id, org_id: p.orgId, user_id: p.userId, version, accepted_at: Date.now(), ip: actx.ip })
        .execute();
      await audit(app, trx, actx, {
        orgId: p.orgId,
        action: 'licence.accepted',
        target: { type: 'user', id: p.userId },
        summary: { version },
      });
    }
    const status = await licenceStatus(trx, p.orgId, p.userId);
    // Posts held while this user was not licensed resume now that they are.
    if (status.canPost) await onLicenceRestored(app, trx, actx, { orgId: p.orgId, userId: p.userId });
    return status;
  });
}
