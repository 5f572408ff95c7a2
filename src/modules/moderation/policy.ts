// Who may see and act on inbound items, pure. Organisation isolation is separate (every query is org-scoped).
import type { AccountPermission } from '../identity/policy.js';
import type { Principal, Role } from '../identity/roles.js';

const has = (p: Pick<Principal, 'roles'>, ...roles: Role[]): boolean =>
  p.roles.some((r) => roles.includes(r));

export const moderationPolicy = {
  /** Every account's items; others see the accounts where their grant includes moderate. */
  viewAllItems: (p: Pick<Principal, 'roles'>) => has(p, 'admin', 'comms', 'moderator', 'auditor'),
  /** The platform's payload as received may hold personal data beyond the text: evidence roles only. */
  viewRaw: (p: Pick<Principal, 'roles'>) => has(p, 'admin', 'auditor'),
  /** Platform actions (hide, unhide, delete, block, report, mute) by a person. */
  actOnItems: (p: Pick<Principal, 'roles'>) => has(p, 'admin', 'comms', 'moderator'),
  viewSettings: (p: Pick<Principal, 'roles'>) => has(p, 'admin', 'comms', 'moderator', 'auditor'),
  manageSettings: (p: Pick<Principal, 'roles'>) => has(p, 'admin'),
};

/** A grant lets its holder see an account's items when it includes moderate. */
export const grantSeesItems = (permissions: readonly AccountPermission[]): boolean =>
  permissions.includes('moderate');
