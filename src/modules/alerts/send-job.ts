// alerts.send {deliveryId}: one e-mail or one webhook POST, recorded on its alert_delivery row (status,
// attempts, last error). Failures are retried by the job table with backoff; after SEND_MAX_ATTEMPTS the
// delivery is "failed". Secrets (SMTP password, webhook URL and signing secret) are read at the moment of the
// call and never written to the record, the job or a log.
import type { AppContext } from '../../context.js';
import type { AlertDeliveryTable } from '../../db/schema/alert-delivery.js';
import { PermanentJobError } from '../../jobs/errors.js';
import type { JobContext } from '../../jobs/worker.js';
import { SEND_MAX_ATTEMPTS } from './deliver-job.js';
import { sendMail, withoutSmtpSecrets } from './mailer.js';
import { emailFor, testWebhookBody, webhookBody } from './message.js';
import { postWebhook, WebhookSendError } from './webhook-client.js';

/** The target went away (user suspended, endpoint deleted): nothing to retry. */
class Cancelled extends Error {}

export async function sendDelivery(ctx: AppContext, job: JobContext): Promise<void> {
  const deliveryId = String(job.payload.deliveryId);
  const d = await ctx.db
    .selectFrom('alert_delivery')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  if (!d || d.org_id !== job.orgId) throw new PermanentJobError(`delivery ${deliveryId} does not exist`);
  if (d.status === 'sent' || d.status === 'cancelled') return;
  const update = (change: Partial<AlertDeliveryTable>) =>
    ctx.db
      .updateTable('alert_delivery')
      .set({ ...change, attempts: job.attempt, updated_at: Date.now() })
      .where('id', '=', d.id)
      .execute();
  try {
    const responseStatus = d.channel === 'email' ? await sendEmail(ctx, d) : await sendWebhook(ctx, d);
    await update({ status: 'sent', sent_at: Date.now(), last_error: null, response_status: responseStatus });
  } catch (err) {
    if (err instanceof Cancelled) {
      await update({ status: 'cancelled', last_error: err.message });
      return;
    }
    const message = withoutSmtpSecrets(ctx.config.mail, String((err as Error).message)).slice(0, 500);
    const final = job.attempt >= SEND_MAX_ATTEMPTS;
    await update({
      status: final ? 'failed' : 'retrying',
      last_error: message,
      response_status: err instanceof WebhookSendError ? err.responseStatus : null,
    });
    throw final ? new PermanentJobError(message) : new Error(message);
  }
}

async function loadAlert(ctx: AppContext, d: AlertDeliveryTable) {
  return ctx.db
    .selectFrom('alert_event')
    .selectAll()
    .where('id', '=', d.alert_id!)
    .where('org_id', '=', d.org_id)
    .executeTakeFirstOrThrow();
}

async function sendEmail(ctx: AppContext, d: AlertDeliveryTable): Promise<null> {
  if (!ctx.config.mail.smtpUrl) throw new Cancelled('e-mail is not configured (PARAPET_SMTP_URL)');
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['email', 'status'])
    .where('id', '=', d.user_id!)
    .where('org_id', '=', d.org_id)
    .executeTakeFirst();
  if (user?.status !== 'active') throw new Cancelled('the recipient is suspended or gone');
  const alert = await loadAlert(ctx, d);
  await sendMail(ctx.config.mail, { to: user.email, ...emailFor(ctx.config.publicUrl, alert) });
  return null;
}

async function sendWebhook(ctx: AppContext, d: AlertDeliveryTable): Promise<number> {
  const hook = await ctx.db
    .selectFrom('alert_webhook')
    .select(['id', 'url_secret_id', 'secret_id', 'deleted_at'])
    .where('id', '=', d.webhook_id!)
    .where('org_id', '=', d.org_id)
    .executeTakeFirst();
  if (!hook || hook.deleted_at !== null || !hook.url_secret_id || !hook.secret_id)
    throw new Cancelled('the endpoint was deleted');
  const body =
    d.alert_id === null
      ? testWebhookBody(ctx.config.publicUrl, hook.id)
      : webhookBody(ctx.config.publicUrl, await loadAlert(ctx, d));
  return postWebhook(ctx.connectorDeps.fetch, {
    url: await ctx.vault.reveal(ctx.db, hook.url_secret_id),
    secret: await ctx.vault.reveal(ctx.db, hook.secret_id),
    body,
  });
}
