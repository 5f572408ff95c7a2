// Who may work the publishing kill switches and delete published posts. Pure functions, matrix-tested.
import { type AccountPermission, canOnAccount } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';

const has = (p: Principal, ...roles: Principal['roles']): boolean => p.roles.some((r) => roles.includes(r));

export const publishPolicy = {
  /** Pausing and resuming all publishing is an incident action for comms and admins. */
  controlPublishing: (p: Principal) => has(p, 'admin', 'comms'),
  viewPublishingStatus: (p: Principal) => has(p, 'admin', 'comms', 'auditor'),
  /** Admins and comms may delete any published post; its author only while they may still publish there. */
  deletePost: (
    p: Principal,
    post: { author_id: string },
    grant: { permissions: readonly AccountPermission[] } | null,
    account: { status: string },
  ): boolean => {
    if (has(p, 'admin', 'comms')) return true;
    if (post.author_id !== p.userId) return false;
    return (
      canOnAccount(p, grant, 'publish_directly', account) ||
      canOnAccount(p, grant, 'publish_with_approval', account)
    );
  },
} as const;
