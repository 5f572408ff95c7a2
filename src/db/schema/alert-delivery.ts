// Alert delivery (src/modules/alerts): subscriptions, webhook endpoints and per-delivery records.

export type AlertChannel = 'in_app' | 'email';
export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'retrying' | 'sent' | 'failed' | 'cancelled';

/** A user's override of the role defaults for one kind prefix and channel. */
export interface AlertSubscriptionTable {
  user_id: string;
  org_id: string;
  /** "safeguarding", "publishing.failed", or "*" for every kind. */
  kind_prefix: string;
  channel: AlertChannel;
  enabled: number;
  updated_at: number;
}

/** An organisation's outgoing webhook endpoint. The URL (often a capability, e.g. Slack's) and the signing
 * secret live in the vault; url_display is what people see. */
export interface AlertWebhookTable {
  id: string;
  org_id: string;
  name: string;
  url_display: string;
  url_secret_id: string | null;
  secret_id: string | null;
  /** JSON array of kind prefixes; empty = every organisation alert. */
  kinds: string;
  min_severity: string;
  created_by: string | null;
  created_at: number;
  deleted_at: number | null;
}

export interface AlertDeliveryTable {
  id: string;
  org_id: string;
  /** Null for a test delivery to a webhook. */
  alert_id: string | null;
  channel: DeliveryChannel;
  user_id: string | null;
  webhook_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  response_status: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface AlertDeliveryTables {
  alert_subscription: AlertSubscriptionTable;
  alert_webhook: AlertWebhookTable;
  alert_delivery: AlertDeliveryTable;
}
