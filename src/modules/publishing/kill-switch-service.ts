// The organisation-wide "pause all publishing" switch. While paused, publish jobs that come due hold their
// posts (nothing is lost); resuming releases every post the pause held, each with a fresh publish job.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { releaseHolds } from './kill-switch-holds.js';
import { publishPolicy } from './publish-policy.js';

export interface PublishingStatus {
  paused: boolean;
  reason: string | null;
  pausedAt: number | null;
  pausedBy: string | null;
  /** Posts currently held, by what holds them (organisation_paused, account_suspended, author_suspended…). */
  held: Record<string, number>;
}

export async function publishingPause(
  db: Db,
  orgId: string,
): Promise<{ pausedAt: number; reason: string } | null> {
  const org = await db
    .selectFrom('organisation')
    .select(['publishing_paused_at', 'publishing_paused_reason'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw notFound('The organisation');
  return org.publishing_paused_at === null
    ? null
    : { pausedAt: org.publishing_paused_at, reason: org.publishing_paused_reason ?? '' };
}

export async function getPublishingStatus(app: AppContext, p: Principal): Promise<PublishingStatus> {
  if (!publishPolicy.viewPublishingStatus(p)) throw forbidden();
  const org = await app.db
    .selectFrom('organisation')
    .select(['publishing_paused_at', 'publishing_paused_reason', 'publishing_paused_by'])
    .where('id', '=', p.orgId)
    .executeTakeFirstOrThrow();
  const counts = await app.db
    .selectFrom('post_hold')
    .innerJoin('post', 'post.id', 'post_hold.post_id')
    .select(['post_hold.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_hold.org_id', '=', p.orgId)
    .where('post.status', '=', 'held')
    .groupBy('post_hold.kind')
    .execute();
  return {
    paused: org.publishing_paused_at !== null,
    reason: org.publishing_paused_reason,
    pausedAt: org.publishing_paused_at,
    pausedBy: org.publishing_paused_by,
    held: Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])),
  };
}

export async function pausePublishing(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  reason: string,
): Promise<PublishingStatus> {
  if (!publishPolicy.controlPublishing(p)) throw forbidden();
  await app.db.transaction().execute(async (trx) => {
    const now = Date.now();
    const res = await trx
      .updateTable('organisation')
      .set({
        publishing_paused_at: now,
        publishing_paused_reason: reason,
        publishing_paused_by: p.userId,
        updated_at: now,
      })
      .where('id', '=', p.orgId)
      .where('publishing_paused_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      throw conflict('already_paused', 'Publishing is already paused; resume it first to change the reason.');
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'publishing.paused',
      target: { type: 'organisation', id: p.orgId },
      summary: { reason },
    });
  });
  return getPublishingStatus(app, p);
}

export async function resumePublishing(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
): Promise<PublishingStatus & { released: number }> {
  if (!publishPolicy.controlPublishing(p)) throw forbidden();
  const released = await app.db.transaction().execute(async (trx) => {
    const before = await publishingPause(trx, p.orgId);
    if (!before) throw conflict('not_paused', 'Publishing is not paused.');
    await trx
      .updateTable('organisation')
      .set({
        publishing_paused_at: null,
        publishing_paused_reason: null,
        publishing_paused_by: null,
        updated_at: Date.now(),
      })
      .where('id', '=', p.orgId)
      .execute();
    const n = await releaseHolds(app, trx, actx, { orgId: p.orgId, kind: 'organisation_paused' });
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'publishing.resumed',
      target: { type: 'organisation', id: p.orgId },
      summary: { pausedReason: before.reason, pausedFor: Date.now() - before.pausedAt, released: n },
    });
    return n;
  });
  app.jobSignal.notify();
  return { ...(await getPublishingStatus(app, p)), released };
}
