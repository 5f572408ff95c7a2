// Classification and policy for freshly stored items, in the ingestion transaction: match the dictionaries,
// check for spam, decide, then record (classified), act (hide/delete/block jobs), queue and alert.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { newId } from '../../ids.js';
import { raiseAlert } from '../alerts/raise.js';
import { systemContext } from '../audit/actor.js';
import { type ActiveMatcher, getActiveMatcher } from '../dictionaries/matcher-cache.js';
import { recordTermMatches } from '../dictionaries/term-stats.js';
import { queueForReview, requestModerationAction } from './actions.js';
import { decidePolicy, type PolicyDecision } from './decide.js';
import { appendModerationEvent } from './event-log.js';
import { alertFlood, checkFlood } from './flood.js';
import { loadSettings, type ModerationSettings } from './settings.js';

const actx = systemContext('moderation.policy');

interface OrgPolicy {
  matcher: ActiveMatcher;
  settings: ModerationSettings;
}

export async function classifyNewItems(app: AppContext, trx: Db, items: InboundItemTable[]): Promise<void> {
  const orgs = new Map<string, OrgPolicy>();
  for (const item of items) {
    if (item.classified_at !== null) continue;
    let policy = orgs.get(item.org_id);
    if (!policy) {
      policy = {
        matcher: await getActiveMatcher(app, item.org_id),
        settings: await loadSettings(trx, item.org_id),
      };
      orgs.set(item.org_id, policy);
    }
    await classifyOne(app, trx, item, policy);
  }
  app.jobSignal.notify();
}

async function classifyOne(app: AppContext, trx: Db, item: InboundItemTable, p: OrgPolicy): Promise<void> {
  const now = Date.now();
  const matches = p.matcher.match(item.text);
  const flood = await checkFlood(trx, item, p.settings.flood);
  const decision = decidePolicy(matches, p.matcher.dictionaries, p.settings, flood.signals);
  const detail = {
    categories: decision.categories,
    safeguarding: decision.safeguarding,
    priority: decision.priority,
    matches: matches.length,
    terms: [...new Set(matches.map((m) => m.term))].slice(0, 20),
    policy: decision.perCategory,
    platformActions: decision.platformActions,
    withheld: decision.withheld,
    ...(flood.signals.length ? { spam: flood.detail } : {}),
  };
  // Most items need nothing done: their status follows from this classification alone (a fresh item has no
  // earlier event that changes status), so it is set here and the event inserted directly, saving the reducer's
  // read-back. Anything that acts, queues or alerts goes through appendModerationEvent.
  const quiet = !decision.queue && decision.platformActions.length === 0 && !decision.safeguarding;
  // Conditional on classified_at: an item handed over twice (a stale row) is classified once.
  const claimed = await trx
    .updateTable('inbound_item')
    .set({
      matches: JSON.stringify(matches),
      categories: JSON.stringify(decision.categories),
      safeguarding: decision.safeguarding ? 1 : 0,
      priority: decision.priority,
      classified_at: now,
      ...(quiet ? { status: decision.categories.length ? 'recorded' : 'clear', updated_at: now } : {}),
    })
    .where('id', '=', item.id)
    .where('org_id', '=', item.org_id)
    .where('classified_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return;
  if (quiet) await insertClassified(trx, item, detail, now);
  else await appendModerationEvent(app, trx, item, actx, { type: 'classified', detail }, now);
  if (matches.length) await recordTermMatches(trx, item.org_id, matches, now);
  await applyDecision(app, trx, item, decision, now);
  if (flood.signals.length) await alertFlood(trx, item, p.settings.flood, flood);
}

async function insertClassified(trx: Db, item: InboundItemTable, detail: object, now: number): Promise<void> {
  await trx
    .insertInto('moderation_event')
    .values({
      id: newId(),
      org_id: item.org_id,
      item_id: item.id,
      type: 'classified',
      action: null,
      actor_type: 'system',
      actor_id: null,
      actor_label: actx.actor.label,
      note: null,
      detail: JSON.stringify(detail),
      created_at: now,
    })
    .execute();
}

async function applyDecision(
  app: AppContext,
  trx: Db,
  item: InboundItemTable,
  d: PolicyDecision,
  now: number,
): Promise<void> {
  const cats = d.categories.join(', ');
  // The SLA clock starts when Parapet received the item, not when classification got to it.
  if (d.queue) {
    const reason = d.safeguarding
      ? `safeguarding (${cats}): a person must see this first`
      : d.escalate
        ? `escalated by policy (${cats})`
        : `review by policy (${cats})`;
    await queueForReview(
      app,
      trx,
      item,
      actx,
      { reason, priority: d.priority, dueAt: Number(item.received_at) + (d.slaMs ?? 0) },
      now,
    );
  }
  if (d.safeguarding)
    await raiseAlert(
      trx,
      {
        orgId: item.org_id,
        kind: 'safeguarding.item',
        severity: 'urgent',
        accountId: item.account_id,
        subject: { type: 'inbound_item', id: item.id },
        summary: `Safeguarding (${cats}): ${item.platform} ${item.kind} from ${item.author_handle} needs a person within ${Math.round((d.slaMs ?? 0) / 60_000)} min`,
        detail: {
          categories: d.categories,
          dueAt: Number(item.received_at) + (d.slaMs ?? 0),
          withheld: d.withheld,
        },
        dedupeKey: `safeguarding.item:${item.id}`,
      },
      now,
    );
  else if (d.escalate)
    await raiseAlert(
      trx,
      {
        orgId: item.org_id,
        kind: 'moderation.escalated',
        severity: 'warning',
        accountId: item.account_id,
        subject: { type: 'inbound_item', id: item.id },
        summary: `Escalated (${cats}): ${item.platform} ${item.kind} from ${item.author_handle}`,
        detail: { categories: d.categories },
        dedupeKey: `moderation.escalated:${item.id}`,
      },
      now,
    );
  for (const action of d.platformActions)
    await requestModerationAction(app, trx, item, actx, action, `policy: ${cats}`, now);
}
