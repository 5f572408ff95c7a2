// The one way any module raises an alert. Called inside the caller's transaction (outbox): the alert row and
// its delivery job exist exactly when the change that caused them committed. Delivery (in-app SSE, e-mail,
// outgoing webhooks, per-user subscriptions) is the alerts module's `alerts.deliver` job.
import type { Db } from '../../db/database.js';
import type { AlertSeverity } from '../../db/schema/alerts.js';
import { newId } from '../../ids.js';
import { enqueueJob } from '../../jobs/queue.js';

export const DELIVER_ALERT_JOB = 'alerts.deliver';

export interface NewAlert {
  orgId: string;
  kind: string;
  severity: AlertSeverity;
  summary: string;
  accountId?: string | null;
  /** For one person only (e.g. the author of a post that was approved); omit for the organisation. */
  recipientUserId?: string | null;
  subject?: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
  /** A second alert with the same key is not raised (e.g. one hijack alert per platform post). */
  dedupeKey?: string;
}

/** Records an alert and enqueues its delivery. Returns the alert id, or null when dedupeKey was seen. */
export async function raiseAlert(db: Db, alert: NewAlert, now = Date.now()): Promise<string | null> {
  const id = newId();
  const jobId = await enqueueJob(
    db,
    {
      type: DELIVER_ALERT_JOB,
      orgId: alert.orgId,
      payload: { alertId: id },
      idempotencyKey: alert.dedupeKey ? `alert:${alert.orgId}:${alert.dedupeKey}` : undefined,
    },
    now,
  );
  if (jobId === null) return null;
  await db
    .insertInto('alert_event')
    .values({
      id,
      org_id: alert.orgId,
      kind: alert.kind,
      severity: alert.severity,
      account_id: alert.accountId ?? null,
      recipient_user_id: alert.recipientUserId ?? null,
      subject_type: alert.subject?.type ?? null,
      subject_id: alert.subject?.id ?? null,
      summary: alert.summary,
      detail: JSON.stringify(alert.detail ?? {}),
      created_at: now,
      delivered_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
    })
    .execute();
  return id;
}
