// Per-user alert subscriptions: switch a channel on or off for a kind prefix, over the role defaults
// (routing.ts). They never widen who may see an alert.
import type { AppContext } from '../../context.js';
import type { AlertChannel } from '../../db/schema/alert-delivery.js';
import { badRequest } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { FALLBACK_RULE, normalisePrefix, rulesForRoles } from './routing.js';

export interface SubscriptionView {
  kindPrefix: string;
  channel: AlertChannel;
  enabled: boolean;
}

export interface SubscriptionsView {
  /** What this user receives without subscriptions: kind prefix → channels ("personal" = alerts for them). */
  defaults: Array<{ kindPrefix: string; channels: AlertChannel[] }>;
  subscriptions: SubscriptionView[];
}

export async function getSubscriptions(app: AppContext, p: Principal): Promise<SubscriptionsView> {
  const { allowed, fallback } = rulesForRoles(p.roles);
  const rows = await app.db
    .selectFrom('alert_subscription')
    .select(['kind_prefix', 'channel', 'enabled'])
    .where('org_id', '=', p.orgId)
    .where('user_id', '=', p.userId)
    .orderBy('kind_prefix')
    .orderBy('channel')
    .execute();
  return {
    defaults: [
      { kindPrefix: 'personal', channels: ['in_app', 'email'] },
      ...allowed.map((r) => ({ kindPrefix: r.prefix, channels: [...r.channels] })),
      ...(fallback ? [{ kindPrefix: FALLBACK_RULE.prefix, channels: [...FALLBACK_RULE.channels] }] : []),
    ],
    subscriptions: rows.map((r) => ({
      kindPrefix: r.kind_prefix,
      channel: r.channel,
      enabled: Boolean(r.enabled),
    })),
  };
}

/** Replaces the caller's subscriptions with the given set. */
export async function putSubscriptions(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: SubscriptionView[],
): Promise<SubscriptionsView> {
  const seen = new Set<string>();
  const rows = input.map((s) => {
    const prefix = normalisePrefix(s.kindPrefix);
    const key = `${prefix} ${s.channel}`;
    if (seen.has(key))
      throw badRequest('duplicate_subscription', `"${prefix}" on ${s.channel} is given twice; keep one.`);
    seen.add(key);
    return { prefix, channel: s.channel, enabled: s.enabled };
  });
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('alert_subscription').where('user_id', '=', p.userId).execute();
    if (rows.length)
      await trx
        .insertInto('alert_subscription')
        .values(
          rows.map((r) => ({
            user_id: p.userId,
            org_id: p.orgId,
            kind_prefix: r.prefix,
            channel: r.channel,
            enabled: r.enabled ? 1 : 0,
            updated_at: now,
          })),
        )
        .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'alert.subscriptions.update',
      target: { type: 'user', id: p.userId },
      summary: { subscriptions: rows.map((r) => `${r.prefix}:${r.channel}:${r.enabled ? 'on' : 'off'}`) },
    });
  });
  return getSubscriptions(app, p);
}
