// Per-account approval policy: how many distinct approvals a post on the account needs (approval_steps).
import type { AppContext } from '../../context.js';
import { AppError, forbidden } from '../../http/errors.js';
import { getAccount } from '../accounts/service.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { cdb } from './compose-repo.js';
import { publishingPolicy } from './policy.js';

export async function getApprovalPolicy(app: AppContext, p: Principal, accountId: string) {
  await getAccount(app, p, accountId); // 404 outside the organisation, 403 without a grant on it
  const account = await cdb(app.db)
    .selectFrom('social_account')
    .select(['id', 'approval_steps'])
    .where('org_id', '=', p.orgId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw new AppError(404, 'not_found', 'Account was not found.');
  return { accountId: account.id, approvalSteps: Number(account.approval_steps) };
}

/** How many distinct approvals posts on this account need from now on (posts already waiting keep theirs). */
export async function setApprovalPolicy(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  accountId: string,
  approvalSteps: number,
) {
  if (!publishingPolicy.manageApprovalPolicy(p)) throw forbidden();
  const before = await getApprovalPolicy(app, p, accountId);
  await app.db.transaction().execute(async (trx) => {
    await cdb(trx)
      .updateTable('social_account')
      .set({ approval_steps: approvalSteps, updated_at: Date.now() })
      .where('org_id', '=', p.orgId)
      .where('id', '=', accountId)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'account.approval_policy_set',
      target: { type: 'social_account', id: accountId },
      summary: { before: before.approvalSteps, after: approvalSteps },
    });
  });
  return { accountId, approvalSteps };
}
