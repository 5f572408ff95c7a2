// alerts.deliver {alertId}: decides who receives an alert and over which channels, then fans out one
// alerts.send job per e-mail recipient and per matching webhook endpoint, so one failing endpoint or mailbox
// never holds up the others. In-app delivery is the stored alert row itself: the stream (stream-hub.ts) pushes
// it to whoever receives it in-app. Runs once per alert: delivered_at is set in the same transaction.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { DeliveryChannel } from '../../db/schema/alert-delivery.js';
import type { AlertEventTable } from '../../db/schema/alerts.js';
import { newId } from '../../ids.js';
import { PermanentJobError } from '../../jobs/errors.js';
import { enqueueJob } from '../../jobs/queue.js';
import { parseRoles } from '../identity/roles.js';
import { mailConfigured } from './mailer.js';
import { channelsFor, kindMatches, severityRank } from './routing.js';

export const SEND_ALERT_JOB = 'alerts.send';
export const SEND_MAX_ATTEMPTS = 10;

export async function deliverAlert(ctx: AppContext, alertId: string): Promise<void> {
  const alert = await ctx.db
    .selectFrom('alert_event')
    .selectAll()
    .where('id', '=', alertId)
    .executeTakeFirst();
  if (!alert) throw new PermanentJobError(`alert ${alertId} does not exist`);
  if (alert.delivered_at !== null) return;
  const fannedOut = await ctx.db.transaction().execute(async (trx) => {
    // Claims the alert first: a second worker (lease expired) finds delivered_at set and does nothing.
    const claimed = await trx
      .updateTable('alert_event')
      .set({ delivered_at: Date.now() })
      .where('id', '=', alertId)
      .where('delivered_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return 0;
    const emails = mailConfigured(ctx.config.mail) ? await emailRecipients(trx, alert) : [];
    const webhooks = await matchingWebhooks(trx, alert);
    for (const userId of emails) await addDelivery(trx, alert, 'email', userId);
    for (const webhookId of webhooks) await addDelivery(trx, alert, 'webhook', webhookId);
    return emails.length + webhooks.length;
  });
  if (fannedOut > 0) ctx.jobSignal.notify();
}

async function emailRecipients(db: Db, alert: AlertEventTable): Promise<string[]> {
  let users = db
    .selectFrom('app_user')
    .select(['id', 'roles', 'status'])
    .where('org_id', '=', alert.org_id)
    .where('status', '=', 'active');
  if (alert.recipient_user_id !== null) users = users.where('id', '=', alert.recipient_user_id);
  const rows = await users.execute();
  if (rows.length === 0) return [];
  const subs = await db
    .selectFrom('alert_subscription')
    .select(['user_id', 'kind_prefix', 'channel', 'enabled'])
    .where('org_id', '=', alert.org_id)
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows
    .filter((u) =>
      channelsFor(
        { id: u.id, roles: parseRoles(u.roles), status: u.status },
        alert,
        subs.filter((s) => s.user_id === u.id),
      ).includes('email'),
    )
    .map((u) => u.id);
}

/** Webhooks are organisation-level: they get organisation alerts, never one person's alerts. */
async function matchingWebhooks(db: Db, alert: AlertEventTable): Promise<string[]> {
  if (alert.recipient_user_id !== null) return [];
  const hooks = await db
    .selectFrom('alert_webhook')
    .select(['id', 'kinds', 'min_severity'])
    .where('org_id', '=', alert.org_id)
    .where('deleted_at', 'is', null)
    .execute();
  return hooks
    .filter((h) => {
      const kinds = JSON.parse(h.kinds) as string[];
      return (
        severityRank(alert.severity) >= severityRank(h.min_severity) &&
        (kinds.length === 0 || kinds.some((p) => kindMatches(alert.kind, p)))
      );
    })
    .map((h) => h.id);
}

export async function addDelivery(
  db: Db,
  alert: { id: string | null; org_id: string },
  channel: DeliveryChannel,
  targetId: string,
): Promise<string> {
  const id = newId();
  const now = Date.now();
  await db
    .insertInto('alert_delivery')
    .values({
      id,
      org_id: alert.org_id,
      alert_id: alert.id,
      channel,
      user_id: channel === 'email' ? targetId : null,
      webhook_id: channel === 'webhook' ? targetId : null,
      status: 'pending',
      attempts: 0,
      last_error: null,
      response_status: null,
      created_at: now,
      updated_at: now,
      sent_at: null,
    })
    .execute();
  await enqueueJob(db, {
    type: SEND_ALERT_JOB,
    orgId: alert.org_id,
    payload: { deliveryId: id },
    idempotencyKey: `alert-delivery:${id}`,
    maxAttempts: SEND_MAX_ATTEMPTS,
  });
  return id;
}
