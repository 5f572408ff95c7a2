// Outgoing webhook endpoints (admin). The URL and the signing secret go into the vault; the secret is shown
// once, in the creation response. Deliveries (real and test) go through the job table (send-job.ts).
import type { AppContext } from '../../context.js';
import type { AlertDeliveryTable, AlertWebhookTable } from '../../db/schema/alert-delivery.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import { newId, randomToken } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { addDelivery } from './deliver-job.js';
import { alertPolicy } from './policy.js';
import { normalisePrefix } from './routing.js';

export interface WebhookInput {
  name: string;
  url: string;
  kinds?: string[];
  minSeverity?: 'info' | 'warning' | 'urgent';
}

const assertAdmin = (p: Principal) => {
  if (!alertPolicy.manageWebhooks(p)) throw forbidden('Only administrators manage alert webhooks.');
};

/** http(s) only, no credentials in the URL (fetch refuses them; use the signature to authenticate). */
export function checkWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest('invalid_url', 'The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badRequest('invalid_url', 'The webhook URL must start with https:// (or http://).');
  if (url.username || url.password)
    throw badRequest('invalid_url', 'Remove the user name and password from the webhook URL.');
  return url;
}

// Chat webhook URLs are capabilities (anyone holding a Slack or Teams URL can post): show the origin only.
const displayOf = (url: URL) => (url.pathname === '/' && !url.search ? url.origin : `${url.origin}/…`);

export const toWebhookView = (w: AlertWebhookTable) => ({
  id: w.id,
  name: w.name,
  url: w.url_display,
  kinds: JSON.parse(w.kinds) as string[],
  minSeverity: w.min_severity,
  createdBy: w.created_by,
  createdAt: Number(w.created_at),
});

export const toDeliveryView = (d: AlertDeliveryTable) => ({
  id: d.id,
  alertId: d.alert_id,
  channel: d.channel,
  status: d.status,
  attempts: Number(d.attempts),
  lastError: d.last_error,
  responseStatus: d.response_status === null ? null : Number(d.response_status),
  createdAt: Number(d.created_at),
  updatedAt: Number(d.updated_at),
  sentAt: d.sent_at === null ? null : Number(d.sent_at),
});

export async function createWebhook(app: AppContext, p: Principal, actx: ActionContext, input: WebhookInput) {
  assertAdmin(p);
  const url = checkWebhookUrl(input.url);
  const secret = `whsec_${randomToken(32)}`;
  const kinds = [...new Set((input.kinds ?? []).map(normalisePrefix))];
  const row = await app.db.transaction().execute(async (trx) => {
    const values: AlertWebhookTable = {
      id: newId(),
      org_id: p.orgId,
      name: input.name.trim(),
      url_display: displayOf(url),
      url_secret_id: await app.vault.store(trx, {
        purpose: 'alert.webhook.url',
        orgId: p.orgId,
        plaintext: url.href,
      }),
      secret_id: await app.vault.store(trx, {
        purpose: 'alert.webhook.secret',
        orgId: p.orgId,
        plaintext: secret,
      }),
      kinds: JSON.stringify(kinds),
      min_severity: input.minSeverity ?? 'info',
      created_by: p.userId,
      created_at: Date.now(),
      deleted_at: null,
    };
    await trx.insertInto('alert_webhook').values(values).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'alert_webhook.create',
      target: { type: 'alert_webhook', id: values.id },
      summary: { name: values.name, url: values.url_display, kinds, minSeverity: values.min_severity },
    });
    return values;
  });
  return { webhook: toWebhookView(row), secret };
}

async function findWebhook(app: AppContext, p: Principal, id: string): Promise<AlertWebhookTable> {
  assertAdmin(p);
  const row = await app.db
    .selectFrom('alert_webhook')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', p.orgId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('The webhook');
  return row;
}

export async function listWebhooks(app: AppContext, p: Principal) {
  assertAdmin(p);
  const rows = await app.db
    .selectFrom('alert_webhook')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map(toWebhookView);
}

/** Soft delete: the delivery history stays; the URL and secret leave the vault; queued sends are cancelled. */
export async function deleteWebhook(app: AppContext, p: Principal, actx: ActionContext, id: string) {
  const hook = await findWebhook(app, p, id);
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alert_webhook')
      .set({ deleted_at: Date.now(), url_secret_id: null, secret_id: null })
      .where('id', '=', id)
      .where('org_id', '=', p.orgId)
      .execute();
    for (const secretId of [hook.url_secret_id, hook.secret_id])
      if (secretId) await app.vault.remove(trx, secretId);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'alert_webhook.delete',
      target: { type: 'alert_webhook', id },
      summary: { name: hook.name },
    });
  });
}

export async function testWebhook(app: AppContext, p: Principal, actx: ActionContext, id: string) {
  const hook = await findWebhook(app, p, id);
  const deliveryId = await app.db.transaction().execute(async (trx) => {
    const deliveryId = await addDelivery(trx, { id: null, org_id: p.orgId }, 'webhook', hook.id);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'alert_webhook.test',
      target: { type: 'alert_webhook', id },
      summary: { deliveryId },
    });
    return deliveryId;
  });
  app.jobSignal.notify();
  const row = await app.db
    .selectFrom('alert_delivery')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  return toDeliveryView(row);
}

export async function listDeliveries(app: AppContext, p: Principal, id: string, limit = 50) {
  const hook = await findWebhook(app, p, id);
  const rows = await app.db
    .selectFrom('alert_delivery')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('webhook_id', '=', hook.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDeliveryView);
}
