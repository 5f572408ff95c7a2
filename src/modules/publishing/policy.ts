// Who may compose, approve and see posts: pure functions of the caller, their grant and the account.
import { type AccountPermission, canOnAccount } from '../identity/policy.js';
import type { Principal, Role } from '../identity/roles.js';

type Grant = { permissions: readonly AccountPermission[] } | null;
type Account = { status: string };
const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

/**
 * How `p` may send a post or reply on an account: 'direct' (cleared without approval), 'approval'
 * (goes to the approvers), or null (not at all). Admin and comms publish anywhere. For replies, the
 * `reply` permission ("may reply") answers directly; publish_with_approval alone needs approval.
 */
export function sendMode(
  p: Principal,
  grant: Grant,
  account: Account,
  kind: 'post' | 'reply',
): 'direct' | 'approval' | null {
  const can = (perm: AccountPermission) => canOnAccount(p, grant, perm, account);
  if (can('publish_directly')) return 'direct';
  if (kind === 'reply' && can('reply')) return 'direct';
  if (can('publish_with_approval')) return 'approval';
  return null;
}

export const publishingPolicy = {
  /** Approvers: the central communications team and admins. Never for their own posts (checked apart). */
  approve: (p: Principal) => has(p, 'admin', 'comms'),
  /** Everyone else sees their own posts and those on accounts they hold a grant on. */
  viewAllPosts: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
  /** Withdrawing someone else's post before it goes out. */
  cancelAnyPost: (p: Principal) => has(p, 'admin', 'comms'),
  manageApprovalPolicy: (p: Principal) => has(p, 'admin', 'comms'),
  viewSettings: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
  manageSettings: (p: Principal) => has(p, 'admin'),
} as const;
