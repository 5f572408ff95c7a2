// Who may see hijack detections and change an account's hijack policy (pure).
import type { Principal, Role } from '../identity/roles.js';

const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

export const hijackPolicy = {
  /** Deciding that a foreign post deletes itself and locks the account is an accounts decision: comms and admins. */
  setHijackPolicy: (p: Principal) => has(p, 'admin', 'comms'),
  unlockAccount: (p: Principal) => has(p, 'admin', 'comms'),
  viewDetections: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
} as const;

export const HIJACK_POLICIES = ['alert', 'delete_and_lock'] as const;
export type HijackPolicy = (typeof HIJACK_POLICIES)[number];
