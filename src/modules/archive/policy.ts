// Who may read and manage the archive. Pure functions of the caller, unit-tested as a matrix (policy.test.ts).
import type { Principal, Role } from '../identity/roles.js';

const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

export type ArchiveKind = 'post' | 'inbound';

export const archivePolicy = {
  /** Kinds of archived item the caller may search and read: auditors and admins all; comms their posts. */
  readableKinds(p: Principal): ArchiveKind[] {
    if (has(p, 'admin', 'auditor')) return ['post', 'inbound'];
    if (has(p, 'comms')) return ['post'];
    return [];
  },
  viewRetention: (p: Principal) => has(p, 'admin', 'auditor'),
  manageRetention: (p: Principal) => has(p, 'admin'),
  /** Professional standards place and release holds for their investigations, as do admins. */
  manageHolds: (p: Principal) => has(p, 'admin', 'auditor'),
  exportEvidence: (p: Principal) => has(p, 'admin', 'auditor'),
  manageTransparency: (p: Principal) => has(p, 'admin'),
} as const;
