// Alert queries: which alerts a caller sees (SQL form of routing.mayReceive) and the view sent to clients.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AlertEventTable } from '../../db/schema/alerts.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../identity/roles.js';
import { alertLink } from './message.js';
import { ROUTING_RULES, rulesForRoles } from './routing.js';

type Eb = ExpressionBuilder<Database, 'alert_event'>;

/** kind is the prefix or starts with "prefix." (substr, not LIKE: kinds contain "_", a LIKE wildcard). */
export const kindHasPrefix = (eb: Eb, prefix: string) =>
  eb.or([
    eb('alert_event.kind', '=', prefix),
    eb(sql<string>`substr(alert_event.kind, 1, ${sql.lit(prefix.length + 1)})`, '=', `${prefix}.`),
  ]);

/** Alerts for this user, and organisation alerts one of their roles receives (routing.ts table). */
export function visibleTo(eb: Eb, p: Principal) {
  const { allowed, fallback } = rulesForRoles(p.roles);
  const orgWide = allowed.map((r) => kindHasPrefix(eb, r.prefix));
  if (fallback) orgWide.push(eb.not(eb.or(ROUTING_RULES.map((r) => kindHasPrefix(eb, r.prefix)))));
  return eb.or([
    eb('alert_event.recipient_user_id', '=', p.userId),
    eb.and([eb('alert_event.recipient_user_id', 'is', null), eb.or(orgWide)]),
  ]);
}

export function selectAlerts(db: Db, orgId: string) {
  return db
    .selectFrom('alert_event')
    .leftJoin('app_user as acker', (j) =>
      j.onRef('acker.id', '=', 'alert_event.acknowledged_by').on('acker.org_id', '=', orgId),
    )
    .selectAll('alert_event')
    .select(['acker.name as acker_name'])
    .where('alert_event.org_id', '=', orgId);
}

export type AlertRow = AlertEventTable & { acker_name: string | null };

export interface AlertView {
  id: string;
  kind: string;
  severity: string;
  summary: string;
  accountId: string | null;
  recipientUserId: string | null;
  subject: { type: string; id: string | null } | null;
  detail: Record<string, unknown>;
  link: string;
  createdAt: number;
  deliveredAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: { id: string; name: string | null } | null;
}

export function toAlertView(publicUrl: string, r: AlertRow): AlertView {
  let detail: Record<string, unknown> = {};
  try {
    detail = JSON.parse(r.detail) as Record<string, unknown>;
  } catch {}
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    summary: r.summary,
    accountId: r.account_id,
    recipientUserId: r.recipient_user_id,
    subject: r.subject_type ? { type: r.subject_type, id: r.subject_id } : null,
    detail,
    link: alertLink(publicUrl, r),
    createdAt: Number(r.created_at),
    deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
    acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: r.acker_name } : null,
  };
}

/** Stream and pagination position: "<created_at>.<id>", ordered by created_at then id. */
export const cursorOf = (r: { created_at: number; id: string }): string => `${Number(r.created_at)}.${r.id}`;

export function parseCursor(value: string | undefined): { at: number; id: string } | null {
  const m = value?.match(/^(\d{1,15})\.([\w-]{1,100})$/);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}
