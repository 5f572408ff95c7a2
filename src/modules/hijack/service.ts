// Hijack policy per account, the list of detections, and unlocking an account after an investigation.
import type { AppContext } from '../../context.js';
import { conflict, forbidden } from '../../http/errors.js';
import { findAccount } from '../accounts/repo.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { onAccountUsable } from '../publishing/kill-switch-hooks.js';
import { type HijackPolicy, hijackPolicy } from './policy.js';
import { hijackStateOf, updateHijackState } from './state.js';

export async function setHijackPolicy(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  accountId: string,
  policy: HijackPolicy,
) {
  if (!hijackPolicy.setHijackPolicy(p)) throw forbidden();
  return app.db.transaction().execute(async (trx) => {
    const account = await findAccount(trx, p.orgId, accountId);
    const before = await hijackStateOf(trx, account);
    await updateHijackState(trx, account.id, { policy });
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account.hijack_policy_changed',
      target: { type: 'social_account', id: account.id },
      summary: { before: before.policy, after: policy },
    });
    return { accountId: account.id, policy };
  });
}

/** The account's hijack settings and the state of its last check (for the account page). */
export async function getHijackState(app: AppContext, p: Principal, accountId: string) {
  if (!hijackPolicy.viewDetections(p)) throw forbidden();
  const account = await findAccount(app.db, p.orgId, accountId);
  const s = await hijackStateOf(app.db, account, { create: false });
  return {
    accountId: account.id,
    policy: s.policy as HijackPolicy,
    watermark: s.watermark,
    lastCheckedAt: s.last_checked_at,
    lastError: s.last_error,
    retryAfter: s.retry_after,
  };
}

export async function unlockAccount(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  accountId: string,
  reason: string,
) {
  if (!hijackPolicy.unlockAccount(p)) throw forbidden();
  return app.db.transaction().execute(async (trx) => {
    const account = await findAccount(trx, p.orgId, accountId);
    if (account.status !== 'locked') throw conflict('not_locked', 'The account is not locked.');
    await trx
      .updateTable('social_account')
      .set({ status: 'active', status_reason: null, updated_at: Date.now() })
      .where('id', '=', account.id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account.unlocked',
      target: { type: 'social_account', id: account.id },
      summary: { reason, lockReason: account.status_reason },
    });
    // Posts held while the account was locked publish again.
    await onAccountUsable(app, trx, actx, { orgId: p.orgId, accountId: account.id });
    return { accountId: account.id, status: 'active' as const };
  });
}

export async function listDetections(
  app: AppContext,
  p: Principal,
  filter: { accountId?: string; limit?: number },
) {
  if (!hijackPolicy.viewDetections(p)) throw forbidden();
  let q = app.db
    .selectFrom('hijack_detection')
    .innerJoin('social_account', 'social_account.id', 'hijack_detection.account_id')
    .select([
      'hijack_detection.id',
      'hijack_detection.account_id',
      'social_account.handle',
      'hijack_detection.platform',
      'hijack_detection.platform_post_id',
      'hijack_detection.text',
      'hijack_detection.url',
      'hijack_detection.platform_created_at',
      'hijack_detection.detected_at',
      'hijack_detection.action',
      'hijack_detection.deleted_at',
      'hijack_detection.delete_error',
    ])
    .where('hijack_detection.org_id', '=', p.orgId);
  if (filter.accountId) q = q.where('hijack_detection.account_id', '=', filter.accountId);
  const rows = await q
    .orderBy('hijack_detection.detected_at', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    handle: r.handle,
    platform: r.platform,
    platformPostId: r.platform_post_id,
    text: r.text,
    url: r.url,
    createdOnPlatformAt: Number(r.platform_created_at),
    detectedAt: Number(r.detected_at),
    action: r.action,
    deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
    deleteError: r.delete_error,
  }));
}
