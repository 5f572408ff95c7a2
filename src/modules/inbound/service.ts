// On-demand polling: a person asks for an account's replies now instead of at the next periodic run. The poll
// itself runs as a job (platform calls never run inside a request).
import type { AppContext } from '../../context.js';
import { conflict, forbidden } from '../../http/errors.js';
import { findAccount } from '../accounts/repo.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { canRequestPoll } from './policy.js';
import { enqueuePoll, isPolled } from './poller.js';

/** Repeated requests inside this window share one job. */
const COALESCE_MS = 5_000;

export interface PollRequestView {
  accountId: string;
  /** The queued job, or null when a poll asked for moments ago is still queued. */
  jobId: string | null;
}

export async function requestPoll(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  accountId: string,
): Promise<PollRequestView> {
  const account = await findAccount(app.db, p.orgId, accountId);
  if (!canRequestPoll(p)) throw forbidden();
  if (account.status === 'suspended') throw conflict('account_suspended', 'The account is suspended.');
  if (account.status === 'credentials_expired')
    throw conflict('credentials_expired', 'The account needs new credentials before it can be read.');
  if (!(await isPolled(app, account.platform)))
    throw conflict(
      'poll_unsupported',
      `${account.platform} replies arrive by webhook here (or the platform cannot be polled).`,
    );
  const jobId = await app.db.transaction().execute(async (trx) => {
    const id = await enqueuePoll(app, account, `manual:${Math.floor(Date.now() / COALESCE_MS)}`, trx);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'inbound.poll_requested',
      target: { type: 'social_account', id: account.id },
      summary: { platform: account.platform, handle: account.handle, jobId: id },
    });
    return id;
  });
  app.jobSignal.notify();
  return { accountId: account.id, jobId };
}
