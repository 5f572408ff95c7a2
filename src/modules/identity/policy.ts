// Authorization as pure functions of the caller (and target): no I/O, unit-tested as a matrix.
// Organisation isolation is enforced separately: every query is scoped by the caller's org id.
import type { Principal, Role } from './roles.js';

const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

export const policy = {
  viewUsers: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
  manageUsers: (p: Principal) => has(p, 'admin'),
  /** Comms can suspend and reinstate people instantly during an incident, as well as admins. */
  suspendUsers: (p: Principal) => has(p, 'admin', 'comms'),
  revokeSessionsOf: (p: Principal, targetUserId: string) => p.userId === targetUserId || has(p, 'admin'),
  viewTeams: (_p: Principal) => true,
  manageTeams: (p: Principal) => has(p, 'admin'),
  viewOrganisation: (_p: Principal) => true,
  manageOrganisation: (p: Principal) => has(p, 'admin'),
  readAudit: (p: Principal) => has(p, 'admin', 'auditor'),
  manageJobs: (p: Principal) => has(p, 'admin'),
  /** Anyone may hold API tokens for their own automation; admins may see and revoke all of them. */
  manageTokensOf: (p: Principal, ownerId: string) => p.userId === ownerId || has(p, 'admin'),
  /** Granting a role you do not hold is an admin matter; only admins assign roles at all. */
  assignRoles: (p: Principal, _roles: Role[]) => has(p, 'admin'),
  /** Dictionaries decide what is hidden and escalated: comms owns them with admins; reviewers read them. */
  manageDictionaries: (p: Principal) => has(p, 'admin', 'comms'),
  viewDictionaries: (p: Principal) => has(p, 'admin', 'comms', 'moderator', 'auditor'),
  /** Connecting accounts, their credentials, owner, labels and suspension: comms runs the accounts with admins. */
  manageAccounts: (p: Principal) => has(p, 'admin', 'comms'),
  /** Everyone else sees only the accounts they hold a grant on. */
  viewAllAccounts: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
  manageGrants: (p: Principal) => has(p, 'admin', 'comms'),
  /** Reading someone else's grants; a user may always read their own. */
  viewGrantsOf: (p: Principal, userId: string) => p.userId === userId || has(p, 'admin', 'comms', 'auditor'),
} as const;

export const ACCOUNT_PERMISSIONS = [
  'view',
  'reply',
  'publish_with_approval',
  'publish_directly',
  'moderate',
] as const;
export type AccountPermission = (typeof ACCOUNT_PERMISSIONS)[number];

/**
 * What a user may do on one social account: admin and comms everything, others what their grant lists
 * (any grant lets its holder view the account). A suspended account allows nothing but viewing, to anyone.
 */
export function canOnAccount(
  p: Principal,
  grant: { permissions: readonly AccountPermission[] } | null,
  action: AccountPermission,
  account: { status: string },
): boolean {
  if (account.status === 'suspended' && action !== 'view') return false;
  if (has(p, 'admin', 'comms')) return true;
  if (!grant || grant.permissions.length === 0) return false;
  return action === 'view' || grant.permissions.includes(action);
}
