// Who receives an alert and over which channels: PURE functions over the alert, the user and their
// subscriptions, shared by the delivery job (e-mail), the list route and the real-time stream.
import type { AlertChannel } from '../../db/schema/alert-delivery.js';
import type { AlertSeverity } from '../../db/schema/alerts.js';
import type { Role } from '../identity/roles.js';

export const ALERT_CHANNELS: readonly AlertChannel[] = ['in_app', 'email'];
export const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'urgent'];

export interface RoutingRule {
  /** Kind prefix: "publishing" covers publishing.hijack, publishing.failed… No prefix here is a prefix of another. */
  prefix: string;
  roles: readonly Role[];
  channels: readonly AlertChannel[];
}

/**
 * Organisation-wide alerts (recipient_user_id null) go to these roles by default:
 *
 * | kinds                                                  | roles                     | channels       |
 * |--------------------------------------------------------|---------------------------|----------------|
 * | safeguarding.*  (risk to life: on-call)                | moderator, comms, admin   | in_app, email  |
 * | review.*        (review.sla_breach…)                   | moderator, comms, admin   | in_app, email  |
 * | inbound.*       (inbound.flood, link spam…)            | moderator, comms, admin   | in_app, email  |
 * | publishing.*    (hijack, failed, volume…)              | comms, admin              | in_app, email  |
 * | account.*       (account.credentials_expired…)         | comms, admin              | in_app, email  |
 * | licence.*       (licence.expired…)                     | comms, admin              | in_app         |
 * | anything else                                          | admin                     | in_app         |
 *
 * An alert with recipient_user_id goes to that user only (in_app and email by default), whatever their role.
 * Per-user subscriptions then switch a channel on or off per kind prefix (the most specific prefix wins),
 * but never widen who may see an alert: a role that does not receive a kind cannot subscribe to it.
 * Suspended users receive nothing.
 */
export const ROUTING_RULES: readonly RoutingRule[] = [
  { prefix: 'safeguarding', roles: ['moderator', 'comms', 'admin'], channels: ['in_app', 'email'] },
  { prefix: 'review', roles: ['moderator', 'comms', 'admin'], channels: ['in_app', 'email'] },
  { prefix: 'inbound', roles: ['moderator', 'comms', 'admin'], channels: ['in_app', 'email'] },
  { prefix: 'publishing', roles: ['comms', 'admin'], channels: ['in_app', 'email'] },
  { prefix: 'account', roles: ['comms', 'admin'], channels: ['in_app', 'email'] },
  { prefix: 'licence', roles: ['comms', 'admin'], channels: ['in_app'] },
];
export const FALLBACK_RULE: RoutingRule = { prefix: '*', roles: ['admin'], channels: ['in_app'] };
const PERSONAL_CHANNELS: readonly AlertChannel[] = ['in_app', 'email'];

/** "safeguarding.*" and "safeguarding" mean the same; "*" is every kind. */
export const normalisePrefix = (prefix: string): string =>
  prefix === '*' ? '*' : prefix.replace(/\.\*$/, '');

export const kindMatches = (kind: string, prefix: string): boolean => {
  const p = normalisePrefix(prefix);
  return p === '*' || kind === p || kind.startsWith(`${p}.`);
};

export const ruleFor = (kind: string): RoutingRule =>
  ROUTING_RULES.find((r) => kindMatches(kind, r.prefix)) ?? FALLBACK_RULE;

export interface RoutableAlert {
  kind: string;
  recipient_user_id: string | null;
}

export interface RoutableUser {
  id: string;
  roles: readonly Role[];
  status: 'active' | 'suspended';
}

export interface Subscription {
  kind_prefix: string;
  channel: AlertChannel;
  enabled: boolean | number;
}

/** May this user see the alert at all (the list, acknowledging)? Independent of subscriptions. */
export function mayReceive(user: RoutableUser, alert: RoutableAlert): boolean {
  if (user.status !== 'active') return false;
  if (alert.recipient_user_id !== null) return alert.recipient_user_id === user.id;
  return ruleFor(alert.kind).roles.some((r) => user.roles.includes(r));
}

/** The channels this user gets the alert on: role default, then the most specific subscription per channel. */
export function channelsFor(
  user: RoutableUser,
  alert: RoutableAlert,
  subscriptions: readonly Subscription[],
): AlertChannel[] {
  if (!mayReceive(user, alert)) return [];
  const defaults = alert.recipient_user_id !== null ? PERSONAL_CHANNELS : ruleFor(alert.kind).channels;
  return ALERT_CHANNELS.filter((channel) => {
    const override = subscriptions
      .filter((s) => s.channel === channel && kindMatches(alert.kind, s.kind_prefix))
      .sort((a, b) => specificity(b.kind_prefix) - specificity(a.kind_prefix))[0];
    return override ? Boolean(override.enabled) : defaults.includes(channel);
  });
}

const specificity = (prefix: string): number => (normalisePrefix(prefix) === '*' ? 0 : prefix.length + 1);

/** The rules a set of roles receives (for SQL visibility filters and the subscriptions page). */
export function rulesForRoles(roles: readonly Role[]): { allowed: RoutingRule[]; fallback: boolean } {
  return {
    allowed: ROUTING_RULES.filter((r) => r.roles.some((role) => roles.includes(role))),
    fallback: FALLBACK_RULE.roles.some((role) => roles.includes(role)),
  };
}

export const severityRank = (s: string): number => SEVERITIES.indexOf(s as AlertSeverity);
