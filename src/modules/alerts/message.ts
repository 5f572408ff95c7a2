// What leaves Parapet about an alert (e-mail, webhook body). Only the summary and a link: the details (e.g. the
// text of a safeguarding reply) stay behind sign-in, and nothing here ever holds a secret.
import type { AlertEventTable } from '../../db/schema/alerts.js';

// Dashboard pages for what an alert is about; anything else opens the alert itself.
const SUBJECT_PATHS: Record<string, string> = {
  inbound_item: '/review',
  post: '/posts',
  social_account: '/accounts',
};

export function alertLink(
  publicUrl: string,
  alert: Pick<AlertEventTable, 'id' | 'subject_type' | 'subject_id'>,
): string {
  const base = alert.subject_type ? SUBJECT_PATHS[alert.subject_type] : undefined;
  return base && alert.subject_id
    ? `${publicUrl}${base}/${encodeURIComponent(alert.subject_id)}`
    : `${publicUrl}/alerts/${encodeURIComponent(alert.id)}`;
}

type AlertRow = Pick<
  AlertEventTable,
  'id' | 'kind' | 'severity' | 'summary' | 'account_id' | 'subject_type' | 'subject_id' | 'created_at'
>;

export function emailFor(publicUrl: string, alert: AlertRow): { subject: string; text: string } {
  const link = alertLink(publicUrl, alert);
  const oneLine = alert.summary.replace(/[\r\n]+/g, ' ').slice(0, 200);
  return {
    subject: `[Parapet] ${alert.severity.toUpperCase()}: ${oneLine}`,
    text: [
      alert.summary,
      '',
      `Kind: ${alert.kind}`,
      `Severity: ${alert.severity}`,
      `Raised: ${new Date(Number(alert.created_at)).toISOString()}`,
      '',
      `Open it in Parapet: ${link}`,
      '',
      'You receive this because of your role or your alert subscriptions; change them under your alert settings.',
    ].join('\n'),
  };
}

/** The JSON body sent to webhooks; `text` makes Slack and Teams incoming webhooks show it as is. */
export function webhookBody(publicUrl: string, alert: AlertRow): Record<string, unknown> {
  const link = alertLink(publicUrl, alert);
  return {
    type: 'alert',
    text: `[${alert.severity.toUpperCase()}] ${alert.summary} — ${link}`,
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      summary: alert.summary,
      accountId: alert.account_id,
      subject: alert.subject_type ? { type: alert.subject_type, id: alert.subject_id } : null,
      createdAt: Number(alert.created_at),
      link,
    },
  };
}

export function testWebhookBody(publicUrl: string, webhookId: string): Record<string, unknown> {
  return {
    type: 'test',
    text: 'Parapet test delivery: this endpoint receives Parapet alerts.',
    webhookId,
    link: `${publicUrl}/alerts`,
  };
}
