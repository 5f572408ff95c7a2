// Classification and policy for a batch of items about to be stored, in the ingestion transaction, set-based:
// match every item and decide its policy in memory (pure), then write the batch with a handful of multi-row
// statements: the items already classified (ON CONFLICT DO NOTHING RETURNING: an item stored before, or by a
// concurrent batch, is neither stored twice nor acted on twice), their moderation events, flood fingerprints,
// action jobs, term counters, alerts and one audit record per organisation for what policy did.
// Audit: the moderation log is itself append-only and per item; automatic events need no audit record each
// (ARCHITECTURE.md), but platform actions taken without a person are summarised per batch (counts and ids) so
// the hash-chained audit trail still shows every automatic hide/delete/block. Human decisions stay per event.
import { getConnector } from '../../connectors/registry.js';
import type { Capability, Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { systemContext } from '../audit/actor.js';
import { appendAudit } from '../audit/repo.js';
import { getActiveMatcher } from '../dictionaries/matcher-cache.js';
import { recordTermMatches } from '../dictionaries/term-stats.js';
import { decidePolicy } from './decide.js';
import { checkFloodBatch, floodAlerts } from './flood.js';
import { type ItemPlan, POLICY_ACTOR_LABEL, planItem } from './plan.js';
import { loadSettings } from './settings.js';
import { writePlans } from './write-plans.js';

const actx = systemContext(POLICY_ACTOR_LABEL);

export interface Classified {
  row: InboundItemTable;
  plan: ItemPlan;
  matches: Array<{ dictionary: string; term: string }>;
  fingerprint: string | null;
}

/** Stores the rows not stored yet, classified and acted on; returns the rows stored by this call. */
export async function storeClassified(
  app: AppContext,
  trx: Db,
  rows: InboundItemTable[],
): Promise<InboundItemTable[]> {
  const fresh = await notStoredYet(trx, rows);
  if (fresh.length === 0) return [];
  const now = Date.now();
  const byOrg = new Map<string, InboundItemTable[]>();
  for (const r of fresh) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r]);
  const caps = new Map<string, ReadonlySet<Capability>>();
  const classified: Classified[] = [];
  for (const [orgId, items] of byOrg) {
    const matcher = await getActiveMatcher(app, orgId);
    const settings = await loadSettings(trx, orgId);
    const flood = await checkFloodBatch(trx, orgId, items, settings.flood);
    for (const [k, item] of items.entries()) {
      const f = flood[k]!;
      if (!caps.has(item.platform))
        caps.set(
          item.platform,
          (await getConnector(item.platform as Platform, app.connectorDeps)).capabilities,
        );
      const matches = matcher.match(item.text);
      const d = decidePolicy(matches, matcher.dictionaries, settings, f.signals);
      const detail = {
        categories: d.categories,
        safeguarding: d.safeguarding,
        priority: d.priority,
        matches: matches.length,
        terms: [...new Set(matches.map((m) => m.term))].slice(0, 20),
        policy: d.perCategory,
        platformActions: d.platformActions,
        withheld: d.withheld,
        ...(f.signals.length ? { spam: f.detail } : {}),
      };
      const plan = planItem(item, d, detail, caps.get(item.platform)!, now);
      if (f.signals.length) plan.alerts.push(...floodAlerts(item, settings.flood, f));
      const row: InboundItemTable = {
        ...item,
        matches: JSON.stringify(matches),
        categories: JSON.stringify(d.categories),
        safeguarding: d.safeguarding ? 1 : 0,
        priority: d.priority,
        status: plan.status,
        due_at: plan.dueAt,
        classified_at: now,
        action_issued_at: plan.actionIssuedAt,
        updated_at: now,
      };
      classified.push({ row, plan, matches, fingerprint: f.fingerprint });
    }
  }
  const stored = await writePlans(trx, classified, now);
  for (const [orgId] of byOrg) {
    const mine = stored.filter((c) => c.row.org_id === orgId);
    await recordTermMatches(
      trx,
      orgId,
      mine.flatMap((c) => c.matches),
      now,
    );
    await auditBatch(app, trx, orgId, mine, now);
  }
  app.jobSignal.notify();
  return stored.map((c) => c.row);
}

/** Rows whose (account, platform id) is stored already: redeliveries must not count towards floods again. */
async function notStoredYet(trx: Db, rows: InboundItemTable[]): Promise<InboundItemTable[]> {
  if (rows.length === 0) return rows;
  const known = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const found = await trx
      .selectFrom('inbound_item')
      .select(['account_id', 'platform_item_id'])
      .where('account_id', 'in', [...new Set(chunk.map((r) => r.account_id))])
      .where(
        'platform_item_id',
        'in',
        chunk.map((r) => r.platform_item_id),
      )
      .execute();
    for (const f of found) known.add(`${f.account_id}\u0001${f.platform_item_id}`);
  }
  return rows.filter((r) => !known.has(`${r.account_id}\u0001${r.platform_item_id}`));
}

/** One hash-chained record per organisation and batch for what policy did without a person (counts + ids). */
async function auditBatch(app: AppContext, trx: Db, orgId: string, mine: Classified[], now: number) {
  const acted = mine.filter((c) => c.plan.jobs.length > 0 || c.plan.queued);
  if (acted.length === 0) return;
  const actions: Record<string, number> = {};
  for (const c of acted) for (const j of c.plan.jobs) actions[j.action] = (actions[j.action] ?? 0) + 1;
  await appendAudit(
    trx,
    app.dbKind,
    actx,
    {
      orgId,
      action: 'moderation.policy_applied',
      summary: {
        classified: mine.length,
        actions,
        queued: acted.filter((c) => c.plan.queued).length,
        items: acted.map((c) => ({
          id: c.row.id,
          actions: c.plan.jobs.map((j) => j.action),
          status: c.row.status,
        })),
      },
    },
    now,
  );
}
