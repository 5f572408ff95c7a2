// What automatic policy does with one freshly stored item, pure: the moderation events to append (in order),
// the action jobs, the alerts and the item's columns derived from those events by the reducer. Ingestion
// computes this for a whole batch in memory and writes it with a few multi-row statements (classify.ts), so
// nothing is read back. The order and content of events is what the one-by-one path appended before.
import type { Capability } from '../../connectors/types.js';
import type { InboundItemTable, ModerationEventTable } from '../../db/schema/moderation.js';
import { newId } from '../../ids.js';
import type { NewAlert } from '../alerts/raise.js';
import type { PolicyDecision } from './decide.js';
import { type ActionPlan, type PlatformAction, planAction } from './fallback.js';
import { reduceStatus } from './status.js';

export const POLICY_ACTOR_LABEL = 'moderation.policy';

export type PlanItem = Pick<
  InboundItemTable,
  'id' | 'org_id' | 'account_id' | 'platform' | 'kind' | 'author_handle' | 'raw' | 'received_at'
>;

export interface ItemPlan {
  events: ModerationEventTable[];
  /** One `moderation.action` job per platform operation, keyed by its action_requested event. */
  jobs: Array<{ eventId: string; action: PlatformAction }>;
  alerts: NewAlert[];
  status: string;
  dueAt: number | null;
  /** Set when an action was requested: the time-to-act "action issued" stage. */
  actionIssuedAt: number | null;
  queued: boolean;
}

/** A system delete of an item whose payload was not archived becomes a hide (and a person is told). */
function policyPlan(action: PlatformAction, caps: ReadonlySet<Capability>, item: PlanItem): ActionPlan {
  const archived = item.raw !== '' && item.raw !== 'null';
  if (action !== 'delete' || archived) return planAction(action, caps, item.platform);
  const hide = planAction('hide', caps, item.platform);
  const reason = `the item's platform payload was not archived, so it is not deleted; ${hide.fallback?.reason ?? 'hid it instead'}`;
  return { ops: hide.ops, fallback: { instead: hide.ops, reason }, queue: true };
}

export function planItem(
  item: PlanItem,
  d: PolicyDecision,
  classifiedDetail: Record<string, unknown>,
  caps: ReadonlySet<Capability>,
  now: number,
): ItemPlan {
  const events: ModerationEventTable[] = [];
  // Strictly increasing per item, as appendModerationEvent does: the order of events is the order of created_at.
  const add = (type: string, e: { action?: string; note?: string; detail: object }): string => {
    const id = newId();
    events.push({
      id,
      org_id: item.org_id,
      item_id: item.id,
      type,
      action: e.action ?? null,
      actor_type: 'system',
      actor_id: null,
      actor_label: POLICY_ACTOR_LABEL,
      note: e.note ?? null,
      detail: JSON.stringify(e.detail),
      created_at: now + events.length,
    });
    return id;
  };
  let queued = false;
  const queue = (reason: string, priority: number | null, dueAt: number | null): void => {
    if (queued) return;
    queued = true;
    add('queued', { note: reason, detail: { reason, priority, dueAt } });
  };
  add('classified', { detail: classifiedDetail });
  const cats = d.categories.join(', ');
  const alerts: NewAlert[] = [];
  if (d.queue) {
    const reason = d.safeguarding
      ? `safeguarding (${cats}): a person must see this first`
      : d.escalate
        ? `escalated by policy (${cats})`
        : `review by policy (${cats})`;
    // The SLA clock starts when Parapet received the item, not when classification got to it.
    queue(reason, d.priority, Number(item.received_at) + (d.slaMs ?? 0));
  }
  const dueAt = Number(item.received_at) + (d.slaMs ?? 0);
  if (d.safeguarding)
    alerts.push({
      orgId: item.org_id,
      kind: 'safeguarding.item',
      severity: 'urgent',
      accountId: item.account_id,
      subject: { type: 'inbound_item', id: item.id },
      summary: `Safeguarding (${cats}): ${item.platform} ${item.kind} from ${item.author_handle} needs a person within ${Math.round((d.slaMs ?? 0) / 60_000)} min`,
      detail: { categories: d.categories, dueAt, withheld: d.withheld },
      dedupeKey: `safeguarding.item:${item.id}`,
    });
  else if (d.escalate)
    alerts.push({
      orgId: item.org_id,
      kind: 'moderation.escalated',
      severity: 'warning',
      accountId: item.account_id,
      subject: { type: 'inbound_item', id: item.id },
      summary: `Escalated (${cats}): ${item.platform} ${item.kind} from ${item.author_handle}`,
      detail: { categories: d.categories },
      dedupeKey: `moderation.escalated:${item.id}`,
    });
  const jobs: ItemPlan['jobs'] = [];
  const reason = `policy: ${cats}`;
  for (const action of d.platformActions) {
    const plan = policyPlan(action, caps, item);
    if (plan.fallback)
      add('action_fallback', {
        action,
        note: plan.fallback.reason,
        detail: { instead: plan.fallback.instead, reason: plan.fallback.reason, platform: item.platform },
      });
    for (const op of plan.ops) {
      const detail = { reason, bySystem: true, ...(op !== action ? { insteadOf: action } : {}) };
      jobs.push({ eventId: add('action_requested', { action: op, note: reason, detail }), action: op });
    }
    if (plan.queue) queue(plan.fallback?.reason ?? reason, null, null);
  }
  const derived = reduceStatus(events);
  return {
    events,
    jobs,
    alerts,
    status: derived.status,
    dueAt: derived.flags.dueAt,
    actionIssuedAt: jobs.length > 0 ? now : null,
    queued,
  };
}
