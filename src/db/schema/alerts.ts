// Alerts (src/modules/alerts). The table predates this file: created with accounts, widened for alerts.

export type AlertSeverity = 'info' | 'warning' | 'urgent';

export interface AlertEventTable {
  id: string;
  org_id: string;
  /** Dotted kind: safeguarding.item, inbound.flood, publishing.hijack, publishing.failed,
   * publishing.decision, publishing.volume, account.credentials_expired, review.sla_breach, licence.expired… */
  kind: string;
  severity: AlertSeverity;
  account_id: string | null;
  /** Set when the alert is for one person (e.g. "your post was approved"); null = the organisation's. */
  recipient_user_id: string | null;
  /** What it is about, for a link in the dashboard: e.g. inbound_item / post / social_account. */
  subject_type: string | null;
  subject_id: string | null;
  /** One line a person can act on. */
  summary: string;
  /** JSON details. Never secrets. */
  detail: string;
  created_at: number;
  delivered_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

export interface AlertTables {
  alert_event: AlertEventTable;
}
