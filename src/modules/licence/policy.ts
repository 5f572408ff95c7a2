// Who may do what with the licence to post (pure; see policy.test.ts).
import type { Principal, Role } from '../identity/roles.js';

const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

export const licencePolicy = {
  /** Publishing agreement versions, recording training and changing settings: comms runs it with admins. */
  manageLicence: (p: Principal) => has(p, 'admin', 'comms'),
  /** Everyone's licence status (who may post, whose training is expiring); auditors read it for investigations. */
  viewLicenceOfUsers: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
  /** Every member reads the agreement they are asked to accept, and the settings that apply to them. */
  readAgreements: (_p: Principal) => true,
} as const;
