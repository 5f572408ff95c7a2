// Called by the accounts and identity services inside their suspend/reinstate transactions, so the posts a
// suspension holds are held exactly when the suspension commits (and released exactly with reinstatement).
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { ActionContext } from '../audit/actor.js';
import { holdPosts, releaseHolds } from './kill-switch-holds.js';

type App = Pick<AppContext, 'dbKind'>;

/** Suspending an account holds its scheduled posts; reinstating it releases them (and any held as unusable). */
export async function onAccountSuspension(
  app: App,
  trx: Db,
  actx: ActionContext,
  change: { orgId: string; accountId: string; suspended: boolean; reason: string },
): Promise<number> {
  const scope = { orgId: change.orgId, accountId: change.accountId };
  if (change.suspended)
    return holdPosts(app, trx, actx, scope, ['scheduled'], {
      kind: 'account_suspended',
      reason: `The account was suspended: ${change.reason}`,
    });
  const released = await releaseHolds(app, trx, actx, { ...scope, kind: 'account_suspended' });
  return released + (await releaseHolds(app, trx, actx, { ...scope, kind: 'account_unavailable' }));
}

/** An account that could not publish (expired credentials, locked) works again: its held posts resume. */
export async function onAccountUsable(
  app: App,
  trx: Db,
  actx: ActionContext,
  change: { orgId: string; accountId: string },
): Promise<number> {
  return releaseHolds(app, trx, actx, { ...change, kind: 'account_unavailable' });
}

/**
 * Suspending a user holds their posts waiting for approval or scheduled; reinstating returns each to where it
 * was (pending approval stays pending approval; scheduled posts get a publish job again).
 */
export async function onUserSuspension(
  app: App,
  trx: Db,
  actx: ActionContext,
  change: { orgId: string; userId: string; suspended: boolean; reason: string },
): Promise<number> {
  const scope = { orgId: change.orgId, authorId: change.userId };
  if (change.suspended)
    return holdPosts(app, trx, actx, scope, ['pending_approval', 'scheduled'], {
      kind: 'author_suspended',
      reason: `The author was suspended: ${change.reason}`,
    });
  return releaseHolds(app, trx, actx, { ...scope, kind: 'author_suspended' });
}

/** For the licence module: a user who may post again (agreement accepted, training renewed) gets their posts back. */
export async function onLicenceRestored(
  app: App,
  trx: Db,
  actx: ActionContext,
  change: { orgId: string; userId: string },
): Promise<number> {
  return releaseHolds(app, trx, actx, {
    orgId: change.orgId,
    authorId: change.userId,
    kind: 'author_unlicensed',
  });
}
