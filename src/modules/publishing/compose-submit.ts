// Submitting posts, inside the caller's transaction: each goes to the approvers (pending_approval) or, when
// its author may publish directly and no dictionary asks for approval, straight to the publish queue.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import type { Target } from './compose-gates.js';
import { cdb, type PostRow, type StoredChecks } from './compose-repo.js';
import { alertOnVolume, assertWithinPostingRate, loadSettings, lockPostingRate } from './compose-settings.js';
import { enqueuePublish } from './publish-queue.js';

/** Where a cleared-or-not post goes: approval when the sender needs it or a dictionary requires it. */
export function routeOf(
  target: Target,
  checks: StoredChecks,
): { status: 'pending_approval' | 'scheduled'; required: number } {
  const needsApproval = target.mode === 'approval' || checks.verdict === 'require_approval';
  return needsApproval
    ? { status: 'pending_approval', required: Math.max(1, Number(target.account.approval_steps)) }
    : { status: 'scheduled', required: 0 };
}

/** Sets the post on its way (status, checks, submitted_at), enqueues its publish job when cleared, audits. */
export async function routePost(
  app: AppContext,
  trx: Db,
  actx: ActionContext,
  row: PostRow,
  target: Target,
  checks: StoredChecks,
  action: 'post.submitted' | 'post.resubmitted_after_edit',
  now: number,
): Promise<void> {
  const { status, required } = routeOf(target, checks);
  await cdb(trx)
    .updateTable('post')
    .set({
      status,
      approvals_required: required,
      checks: JSON.stringify(checks),
      // An edit re-routes the post but is not a new submission for the hourly rate.
      ...(action === 'post.submitted' ? { submitted_at: now } : {}),
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute();
  if (status === 'scheduled')
    await enqueuePublish(
      trx,
      { ...row, scheduled_at: row.scheduled_at === null ? null : Number(row.scheduled_at) },
      now,
    );
  await audit(app, trx, actx, {
    orgId: row.org_id,
    action,
    target: { type: 'post', id: row.id },
    summary: {
      accountId: row.account_id,
      batchId: row.batch_id,
      revision: Number(row.revision),
      status,
      approvalsRequired: required,
      verdict: checks.verdict,
      matches: checks.matches.map((m) => ({ dictionary: m.dictionary, term: m.term, action: m.action })),
      scheduledAt: row.scheduled_at === null ? null : Number(row.scheduled_at),
    },
  });
}

/** Submits rows (one per target): rate limit first, then routing, then the volume alert. */
export async function submitRows(
  app: AppContext,
  trx: Db,
  p: Principal,
  actx: ActionContext,
  pairs: ReadonlyArray<{ row: PostRow; target: Target }>,
  checks: StoredChecks,
  now: number,
): Promise<void> {
  await lockPostingRate(app, trx, p.userId);
  const settings = await loadSettings(trx, p.orgId);
  await assertWithinPostingRate(trx, p.orgId, p.userId, pairs.length, settings, now);
  for (const { row, target } of pairs)
    await routePost(app, trx, actx, row, target, checks, 'post.submitted', now);
  await alertOnVolume(trx, p.orgId, { id: p.userId, name: p.name }, settings, now);
}
