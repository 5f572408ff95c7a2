// The caller's alerts: list (newest first, filtered, paginated) and acknowledge (audited, shown to everyone).
import type { AppContext } from '../../context.js';
import { badRequest, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import {
  type AlertView,
  cursorOf,
  kindHasPrefix,
  parseCursor,
  selectAlerts,
  toAlertView,
  visibleTo,
} from './repo.js';
import { normalisePrefix } from './routing.js';

export interface ListFilter {
  kind?: string;
  severity?: string;
  unacknowledged?: boolean;
  since?: number;
  limit?: number;
  cursor?: string;
}

export async function listAlerts(
  app: AppContext,
  p: Principal,
  f: ListFilter,
): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
  const limit = f.limit ?? 50;
  const cursor = parseCursor(f.cursor);
  if (f.cursor !== undefined && !cursor)
    throw badRequest('bad_cursor', 'The cursor is not valid; use nextCursor from the previous page.');
  let q = selectAlerts(app.db, p.orgId).where((eb) => visibleTo(eb, p));
  const kind = f.kind ? normalisePrefix(f.kind) : '*';
  if (kind !== '*') q = q.where((eb) => kindHasPrefix(eb, kind));
  if (f.severity) q = q.where('alert_event.severity', '=', f.severity as never);
  if (f.unacknowledged) q = q.where('alert_event.acknowledged_at', 'is', null);
  if (f.since !== undefined) q = q.where('alert_event.created_at', '>=', f.since);
  if (cursor)
    q = q.where((eb) =>
      eb.or([
        eb('alert_event.created_at', '<', cursor.at),
        eb.and([eb('alert_event.created_at', '=', cursor.at), eb('alert_event.id', '<', cursor.id)]),
      ]),
    );
  const rows = await q
    .orderBy('alert_event.created_at', 'desc')
    .orderBy('alert_event.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    alerts: page.map((r) => toAlertView(app.config.publicUrl, r)),
    nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
  };
}

async function findVisible(app: AppContext, p: Principal, id: string) {
  const row = await selectAlerts(app.db, p.orgId)
    .where('alert_event.id', '=', id)
    .where((eb) => visibleTo(eb, p))
    .executeTakeFirst();
  if (!row) throw notFound('The alert');
  return row;
}

/** Idempotent: acknowledging an acknowledged alert changes nothing and keeps who acknowledged it first. */
export async function acknowledgeAlert(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
): Promise<AlertView> {
  const row = await findVisible(app, p, id);
  if (row.acknowledged_at === null) {
    await app.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('alert_event')
        .set({ acknowledged_at: Date.now(), acknowledged_by: p.userId })
        .where('id', '=', id)
        .where('org_id', '=', p.orgId)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 1)
        await audit(app, trx, actx, {
          orgId: p.orgId,
          action: 'alert.acknowledge',
          target: { type: 'alert', id },
          summary: { kind: row.kind, severity: row.severity },
        });
    });
  }
  return toAlertView(app.config.publicUrl, await findVisible(app, p, id));
}
