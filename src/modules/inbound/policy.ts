import type { Principal } from '../identity/roles.js';

/** Asking for an immediate read of an account's replies: the people who watch the inbound traffic. */
export const canRequestPoll = (p: Principal): boolean =>
  p.roles.some((r) => r === 'admin' || r === 'comms' || r === 'moderator');
