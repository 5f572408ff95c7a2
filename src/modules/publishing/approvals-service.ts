// Maker-checker: approvers (comms, admins) approve or reject posts waiting for them. An account may need N
// approvals (approval_steps); they count only for the post's current revision and from distinct people,
// and nobody approves their own post. The author hears of every decision (a publishing.decision alert).
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { AppError, conflict, forbidden } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { raiseAlert } from '../alerts/raise.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import {
  approvalsOnRevision,
  cdb,
  findPost,
  type PostRow,
  type PostView,
  toPostView,
} from './compose-repo.js';
import { publishingPolicy } from './policy.js';
import { enqueuePublish } from './publish-queue.js';

export interface ApprovalQueueItem extends PostView {
  approvalsReceived: number;
  /** False for your own posts and ones you already approved at this revision. */
  canApprove: boolean;
}

export async function listApprovals(
  app: AppContext,
  p: Principal,
  filter: { accountId?: string; limit?: number },
): Promise<ApprovalQueueItem[]> {
  if (!publishingPolicy.approve(p)) throw forbidden('Only approvers (comms, admins) see the approval queue.');
  let q = cdb(app.db)
    .selectFrom('post')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('status', '=', 'pending_approval');
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  const rows = await q
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(filter.limit ?? 100)
    .execute();
  // One query for the approvals of the whole page; only those on each post's current revision count.
  const approvals = rows.length
    ? await app.db
        .selectFrom('post_approval')
        .select(['post_id', 'revision', 'approver_id'])
        .where('org_id', '=', p.orgId)
        .where('decision', '=', 'approved')
        .where(
          'post_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((row) => {
    const given = approvals.filter(
      (a) => a.post_id === row.id && Number(a.revision) === Number(row.revision),
    );
    return {
      ...toPostView(row),
      approvalsReceived: given.length,
      canApprove: row.author_id !== p.userId && !given.some((a) => a.approver_id === p.userId),
    };
  });
}

async function notifyAuthor(db: Db, row: PostRow, decision: string, by: Principal, comment: string | null) {
  const summaries: Record<string, string> = {
    approved: `Your post was approved by ${by.name} and will be published.`,
    approval_recorded: `${by.name} approved your post; it needs ${row.approvals_required} approvals in all.`,
    rejected: `Your post was rejected by ${by.name}${comment ? `: ${comment}` : '.'}`,
  };
  await raiseAlert(db, {
    orgId: row.org_id,
    kind: 'publishing.decision',
    severity: decision === 'rejected' ? 'warning' : 'info',
    summary: summaries[decision]!,
    accountId: row.account_id,
    recipientUserId: row.author_id,
    subject: { type: 'post', id: row.id },
    detail: { postId: row.id, revision: Number(row.revision), decision, approverId: by.userId, comment },
  });
}

/** Maker-checker rules: not your own post, still pending, the revision you saw, once per person. */
function assertMayDecide(
  p: Principal,
  row: PostRow,
  given: ReadonlyArray<{ approver_id: string }>,
  seenRevision: number | undefined,
): void {
  if (row.author_id === p.userId)
    throw new AppError(403, 'own_post', 'You cannot approve or reject your own post; another approver must.');
  if (row.status !== 'pending_approval')
    throw conflict('not_pending', `The post is ${row.status}, not waiting for approval.`);
  if (seenRevision !== undefined && seenRevision !== Number(row.revision))
    throw conflict(
      'revision_changed',
      `The post was edited (now revision ${row.revision}); review the new text.`,
    );
  if (given.some((a) => a.approver_id === p.userId))
    throw conflict(
      'already_approved',
      'You already approved this revision; another approver must give the next step.',
    );
}

/** Records one approver's decision on the current revision; the last approval needed clears the post. */
export async function decide(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  input: { decision: 'approved' | 'rejected'; comment?: string; revision?: number },
): Promise<PostView> {
  if (!publishingPolicy.approve(p))
    throw forbidden('Only approvers (comms, admins) can approve or reject posts.');
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    // Touch the row first: on PostgreSQL this locks it, so two approvers deciding at once are serialised.
    await cdb(trx)
      .updateTable('post')
      .set({ updated_at: now })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    const row = await findPost(trx, p.orgId, id);
    const revision = Number(row.revision);
    const given = await approvalsOnRevision(trx, id, revision);
    assertMayDecide(p, row, given, input.revision);
    await trx
      .insertInto('post_approval')
      .values({
        id: newId(),
        org_id: p.orgId,
        post_id: id,
        revision,
        step: given.length + 1,
        approver_id: p.userId,
        decision: input.decision,
        comment: input.comment ?? null,
        created_at: now,
      })
      .execute();
    const cleared = input.decision === 'approved' && given.length + 1 >= Number(row.approvals_required);
    const status = input.decision === 'rejected' ? 'rejected' : cleared ? 'scheduled' : 'pending_approval';
    if (status !== row.status)
      await cdb(trx).updateTable('post').set({ status }).where('id', '=', id).execute();
    if (cleared)
      await enqueuePublish(
        trx,
        { ...row, revision, scheduled_at: row.scheduled_at === null ? null : Number(row.scheduled_at) },
        now,
      );
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: input.decision === 'approved' ? 'post.approved' : 'post.rejected',
      target: { type: 'post', id },
      summary: {
        revision,
        step: given.length + 1,
        of: Number(row.approvals_required),
        status,
        comment: input.comment ?? null,
      },
    });
    await notifyAuthor(
      trx,
      row,
      cleared ? 'approved' : input.decision === 'approved' ? 'approval_recorded' : 'rejected',
      p,
      input.comment ?? null,
    );
  });
  app.jobSignal.notify();
  return toPostView(await findPost(app.db, p.orgId, id));
}
