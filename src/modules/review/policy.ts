// Who may work the review queue: pure functions of the caller (and their grant), unit-tested as a matrix.
// Organisation isolation is separate: every query is scoped by the caller's org id.
import type { AccountPermission } from '../identity/policy.js';
import type { Role } from '../identity/roles.js';

const has = (roles: readonly Role[], ...wanted: Role[]): boolean => roles.some((r) => wanted.includes(r));

export const reviewPolicy = {
  /** Admin, comms and moderators review every account's items; others only where their grant says moderate. */
  reviewsAllAccounts: (p: { roles: readonly Role[] }) => has(p.roles, 'admin', 'comms', 'moderator'),
  /** Sign-off and SLA settings change what happens to the public's messages: admins only. */
  manageSettings: (p: { roles: readonly Role[] }) => has(p.roles, 'admin'),
  /** Response templates are words said on behalf of the organisation: comms owns them with admins. */
  manageTemplates: (p: { roles: readonly Role[] }) => has(p.roles, 'admin', 'comms'),
  /** Taking an item from someone else who holds it (reassigning) is a lead's call. */
  reassign: (p: { roles: readonly Role[] }) => has(p.roles, 'admin', 'comms'),
} as const;

/**
 * Whether someone with these roles and this grant may review (claim, decide, sign off) items of one account.
 * Unlike canOnAccount, a suspended account still allows moderation: a suspension stops our own voice, not
 * the handling of what the public sends (a safeguarding message must still be acted on).
 */
export function mayModerate(
  roles: readonly Role[],
  grant: { permissions: readonly AccountPermission[] } | null,
): boolean {
  if (reviewPolicy.reviewsAllAccounts({ roles: [...roles] })) return true;
  return grant?.permissions.includes('moderate') ?? false;
}

/** Whether `userId` may sign off a decision made by `deciderId`: never their own. */
export const maySignOff = (userId: string, deciderId: string | null): boolean =>
  deciderId !== null && userId !== deciderId;
