// Authorization for alert settings (pure). Alerts themselves are visible per routing.ts.
import type { Principal } from '../identity/roles.js';

export const alertPolicy = {
  /** Webhook endpoints send organisation alerts out of Parapet: an admin decision. */
  manageWebhooks: (p: Principal) => p.roles.includes('admin'),
} as const;
