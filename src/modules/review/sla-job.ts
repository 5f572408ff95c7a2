// SLA breach check: a periodic job, once a minute (durable; one job per slot however many workers run).
// Cost: one indexed query over open items not yet alerted (bounded by the queue's size, capped per run),
// then one short transaction per breach. The review_sla_breach row (primary key = item) is the lock:
// two workers racing on one item insert it once, so each item alerts at most once.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import { raiseAlert } from '../alerts/raise.js';
import { OPEN_STATUSES } from '../moderation/status.js';
import { effectiveDueAt, type SlaMinutes, slaMinutesOf } from './settings.js';

export const SLA_CHECK_JOB = 'review.sla_check';
const BATCH = 1000;

export function registerReviewJobs(app: AppContext): void {
  registerPeriodic(app, {
    type: SLA_CHECK_JOB,
    intervalMs: 60_000,
    run: () => checkSlaBreaches(app).then(() => {}),
  });
}

/** Raises one alert per open item past its deadline. Returns how many alerts were raised. */
export async function checkSlaBreaches(app: AppContext, now = Date.now()): Promise<number> {
  const candidates = await app.db
    .selectFrom('inbound_item')
    .innerJoin('social_account', 'social_account.id', 'inbound_item.account_id')
    .leftJoin('review_sla_breach', 'review_sla_breach.item_id', 'inbound_item.id')
    .select([
      'inbound_item.id',
      'inbound_item.org_id',
      'inbound_item.account_id',
      'inbound_item.safeguarding',
      'inbound_item.due_at',
      'inbound_item.received_at',
      'inbound_item.status',
      'inbound_item.categories',
      'social_account.handle',
    ])
    .where('inbound_item.status', 'in', [...OPEN_STATUSES])
    .where('review_sla_breach.item_id', 'is', null)
    .orderBy('inbound_item.received_at')
    .limit(BATCH)
    .execute();
  const slas = new Map<string, SlaMinutes>();
  let raised = 0;
  for (const c of candidates) {
    const sla = slas.get(c.org_id) ?? (await slaMinutesOf(app.db, c.org_id));
    slas.set(c.org_id, sla);
    const dueAt = effectiveDueAt(c, sla);
    if (dueAt >= now) continue;
    if (await alertBreach(app.db, { ...c, dueAt }, now)) raised++;
  }
  if (raised > 0) app.jobSignal.notify();
  return raised;
}

interface Breach {
  id: string;
  org_id: string;
  account_id: string;
  safeguarding: number;
  status: string;
  categories: string;
  handle: string;
  dueAt: number;
}

async function alertBreach(db: Db, b: Breach, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('review_sla_breach')
      .values({ item_id: b.id, org_id: b.org_id, due_at: b.dueAt, alert_id: null, created_at: now })
      .onConflict((oc) => oc.column('item_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const safeguarding = Number(b.safeguarding) === 1;
    const minutes = Math.max(1, Math.round((now - b.dueAt) / 60_000));
    const alertId = await raiseAlert(
      trx,
      {
        orgId: b.org_id,
        kind: 'review.sla_breach',
        severity: safeguarding ? 'urgent' : 'warning',
        summary: `${safeguarding ? 'Safeguarding item' : 'Review item'} on @${b.handle} is ${minutes} min past its time to act`,
        accountId: b.account_id,
        subject: { type: 'inbound_item', id: b.id },
        detail: { itemId: b.id, dueAt: b.dueAt, status: b.status, categories: JSON.parse(b.categories) },
        dedupeKey: `review.sla_breach:${b.id}`,
      },
      now,
    );
    await trx
      .updateTable('review_sla_breach')
      .set({ alert_id: alertId })
      .where('item_id', '=', b.id)
      .execute();
    return alertId !== null;
  });
}
