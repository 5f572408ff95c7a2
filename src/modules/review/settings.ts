// Review settings: which destructive decisions need a second person, and the SLA minutes per lane. Sign-off
// lives in review_settings; the SLA minutes are the moderation settings' (one source of truth: ingestion
// stamps due_at from them when it queues an item), read and written here through that module's functions.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { loadSettings, storeSettings } from '../moderation/settings.js';
import { reviewPolicy } from './policy.js';

export const SIGNOFF_ACTIONS = ['delete', 'block'] as const;
export type SignoffAction = (typeof SIGNOFF_ACTIONS)[number];

export interface SlaMinutes {
  safeguarding: number;
  standard: number;
  escalation: number;
}

export interface ReviewSettings {
  signoffFor: SignoffAction[];
  slaMinutes: SlaMinutes;
}

export async function ensureSettingsRow(db: Db, orgId: string, now = Date.now()): Promise<void> {
  await db
    .insertInto('review_settings')
    .values({
      org_id: orgId,
      signoff_delete: 0,
      signoff_block: 0,
      templates_seeded: 0,
      updated_by: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
}

export async function signoffFor(db: Db, orgId: string): Promise<SignoffAction[]> {
  const row = await db
    .selectFrom('review_settings')
    .select(['signoff_delete', 'signoff_block'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (!row) return [];
  return SIGNOFF_ACTIONS.filter((a) => Number(a === 'delete' ? row.signoff_delete : row.signoff_block) === 1);
}

export async function slaMinutesOf(db: Db, orgId: string): Promise<SlaMinutes> {
  const s = await loadSettings(db, orgId);
  return {
    safeguarding: s.safeguardingSlaMinutes,
    standard: s.reviewSlaMinutes,
    escalation: s.escalationSlaMinutes,
  };
}

/** The item's deadline: due_at as queued, or (for an item queued without one) received + the lane's SLA. */
export function effectiveDueAt(
  item: Pick<InboundItemTable, 'due_at' | 'received_at' | 'safeguarding'>,
  sla: SlaMinutes,
): number {
  if (item.due_at !== null) return Number(item.due_at);
  const minutes = Number(item.safeguarding) === 1 ? sla.safeguarding : sla.standard;
  return Number(item.received_at) + minutes * 60_000;
}

export async function getReviewSettings(app: AppContext, p: Principal): Promise<ReviewSettings> {
  if (!reviewPolicy.manageSettings(p)) throw forbidden();
  return {
    signoffFor: await signoffFor(app.db, p.orgId),
    slaMinutes: await slaMinutesOf(app.db, p.orgId),
  };
}

export interface ReviewSettingsPatch {
  signoffFor?: SignoffAction[];
  slaMinutes?: Partial<SlaMinutes>;
}

export async function putReviewSettings(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  patch: ReviewSettingsPatch,
): Promise<ReviewSettings> {
  if (!reviewPolicy.manageSettings(p)) throw forbidden();
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    const before = {
      signoffFor: await signoffFor(trx, p.orgId),
      slaMinutes: await slaMinutesOf(trx, p.orgId),
    };
    await ensureSettingsRow(trx, p.orgId, now);
    if (patch.signoffFor)
      await trx
        .updateTable('review_settings')
        .set({
          signoff_delete: patch.signoffFor.includes('delete') ? 1 : 0,
          signoff_block: patch.signoffFor.includes('block') ? 1 : 0,
          updated_by: p.userId,
          updated_at: now,
        })
        .where('org_id', '=', p.orgId)
        .execute();
    if (patch.slaMinutes) {
      const s = await loadSettings(trx, p.orgId);
      const m = patch.slaMinutes;
      await storeSettings(
        trx,
        p.orgId,
        {
          ...s,
          safeguardingSlaMinutes: m.safeguarding ?? s.safeguardingSlaMinutes,
          reviewSlaMinutes: m.standard ?? s.reviewSlaMinutes,
          escalationSlaMinutes: m.escalation ?? s.escalationSlaMinutes,
        },
        p.userId,
        now,
      );
    }
    const after = {
      signoffFor: await signoffFor(trx, p.orgId),
      slaMinutes: await slaMinutesOf(trx, p.orgId),
    };
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'review.settings_changed',
      target: { type: 'organisation', id: p.orgId },
      summary: { before, after },
    });
  });
  return getReviewSettings(app, p);
}
