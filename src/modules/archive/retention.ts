// Retention rules per category and the daily job applying them.
//
// Removing = REDACTING, not deleting rows: moderation_event is append-only and references inbound_item, and
// audit records name item ids in their hash-chained summaries. Deleting rows would break those references
// (and the per-category statistics and transparency counts built on them). Redaction blanks what is personal
// or content (text, every post revision, raw payload, author handle/name/id, URL, matches) and stamps
// redacted_at; the skeleton (ids, account, times, categories, status) and the event log remain. Event notes
// and details stay as written (append-only): they can quote a matched term or a reviewer's words (known limit).
//
// Cadence and cost (archive.retention, daily): per organisation with rules, one keyset scan over items older
// than its shortest rule and not yet redacted, 500 rows a batch, one short transaction per batch (holds
// checked, rows redacted, one audit record with the batch's counts per category). Items kept by a longer
// rule or a hold are re-read each day: O(old unredacted items) reads a day, on the time indexes.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { badRequest } from '../../http/errors.js';
import { type ActionContext, systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { heldIds } from './holds.js';
import { inboundHistories, postHistories } from './items.js';

export const DAY_MS = 86_400_000;
const BATCH = 500;

export interface RetentionRule {
  kind: 'inbound' | 'post';
  category: string;
  days: number;
}

export async function getRules(db: Db, orgId: string): Promise<RetentionRule[]> {
  const rows = await db
    .selectFrom('archive_retention_rule')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('kind')
    .orderBy('category')
    .execute();
  return rows.map((r) => ({
    kind: r.kind as RetentionRule['kind'],
    category: r.category,
    days: Number(r.days),
  }));
}

export async function putRules(
  app: Pick<AppContext, 'dbKind'> & { db: Db },
  actx: ActionContext,
  orgId: string,
  userId: string,
  rules: RetentionRule[],
): Promise<RetentionRule[]> {
  const seen = new Set<string>();
  for (const r of rules) {
    if (r.kind === 'post' && r.category !== '*')
      throw badRequest('bad_rule', 'Posts have no categories: use category "*" for the post rule.');
    const key = `${r.kind}:${r.category}`;
    if (seen.has(key))
      throw badRequest('duplicate_rule', `Two rules for ${r.kind} category "${r.category}".`);
    seen.add(key);
  }
  const before = await getRules(app.db, orgId);
  await app.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('archive_retention_rule').where('org_id', '=', orgId).execute();
    const now = Date.now();
    for (const r of rules)
      await trx
        .insertInto('archive_retention_rule')
        .values({
          org_id: orgId,
          kind: r.kind,
          category: r.category,
          days: r.days,
          updated_by: userId,
          updated_at: now,
        })
        .execute();
    await audit(app, trx, actx, {
      orgId,
      action: 'archive.retention.updated',
      target: { type: 'organisation', id: orgId },
      summary: { before, after: rules },
    });
  });
  return getRules(app.db, orgId);
}

/** Days an inbound item is kept: the longest rule among its categories; a category with no rule keeps it. */
export function inboundRetentionDays(rules: RetentionRule[], categories: string[]): number {
  const byCat = new Map(rules.filter((r) => r.kind === 'inbound').map((r) => [r.category, r.days]));
  const cats = categories.length ? categories : ['uncategorised'];
  return Math.max(...cats.map((c) => byCat.get(c) ?? byCat.get('*') ?? Number.POSITIVE_INFINITY));
}

export interface RetentionOutcome {
  redacted: Record<string, number>;
  held: number;
}

export async function applyRetention(
  app: Pick<AppContext, 'dbKind'> & { db: Db },
  orgId: string,
  now = Date.now(),
): Promise<RetentionOutcome> {
  const rules = await getRules(app.db, orgId);
  const out: RetentionOutcome = { redacted: {}, held: 0 };
  const inboundRules = rules.filter((r) => r.kind === 'inbound');
  if (inboundRules.length) await retainInbound(app, orgId, rules, now, out);
  const postRule = rules.find((r) => r.kind === 'post');
  if (postRule) await retainPosts(app, orgId, now - postRule.days * DAY_MS, out);
  return out;
}

type Ctx = Pick<AppContext, 'dbKind'> & { db: Db };

/** One audit record per redacted batch, in the batch's transaction: counts per category, never content. */
async function auditBatch(
  app: Ctx,
  trx: Db,
  orgId: string,
  batch: Record<string, number>,
  held: number,
  out: RetentionOutcome,
): Promise<void> {
  for (const [k, n] of Object.entries(batch)) out.redacted[k] = (out.redacted[k] ?? 0) + n;
  await audit(app, trx, systemContext('archive.retention'), {
    orgId,
    action: 'archive.retention.applied',
    target: { type: 'organisation', id: orgId },
    summary: { redactedByCategory: batch, keptUnderHold: held },
  });
}

async function retainInbound(
  app: Ctx,
  orgId: string,
  rules: RetentionRule[],
  now: number,
  out: RetentionOutcome,
) {
  const minDays = Math.min(...rules.filter((r) => r.kind === 'inbound').map((r) => r.days));
  let after: { ts: number; id: string } | null = null;
  for (;;) {
    let q = app.db
      .selectFrom('inbound_item')
      .select(['id', 'received_at', 'categories'])
      .where('org_id', '=', orgId)
      .where(sql<boolean>`redacted_at is null`)
      .where('received_at', '<', now - minDays * DAY_MS);
    if (after)
      q = q.where(
        sql<boolean>`(received_at > ${after.ts} or (received_at = ${after.ts} and id > ${after.id}))`,
      );
    const page = await q.orderBy('received_at').orderBy('id').limit(BATCH).execute();
    if (page.length === 0) return;
    const last = page[page.length - 1]!;
    after = { ts: Number(last.received_at), id: last.id };
    const due = page.filter(
      (r) => Number(r.received_at) < now - inboundRetentionDays(rules, JSON.parse(r.categories)) * DAY_MS,
    );
    if (due.length) {
      await app.db.transaction().execute(async (trx) => {
        const histories = await inboundHistories(
          trx,
          orgId,
          due.map((r) => r.id),
        );
        const held = await heldIds(trx, orgId, histories);
        out.held += held.size;
        const ids = histories.filter((h) => !held.has(h.id));
        if (!ids.length) return;
        await sql`update inbound_item set text = '', raw = '{}', author_handle = '[redacted]', author_platform_id = '[redacted]',
          author_name = null, url = null, matches = '[]', redacted_at = ${now}, updated_at = ${now}
          where org_id = ${orgId} and redacted_at is null and id in (${sql.join(ids.map((h) => h.id))})`.execute(
          trx,
        );
        const batch: Record<string, number> = {};
        for (const h of ids)
          for (const c of h.categories.length ? h.categories : ['uncategorised'])
            batch[`inbound:${c}`] = (batch[`inbound:${c}`] ?? 0) + 1;
        await auditBatch(app, trx, orgId, batch, held.size, out);
      });
    }
    if (page.length < BATCH) return;
  }
}

async function retainPosts(app: Ctx, orgId: string, cutoff: number, out: RetentionOutcome) {
  let after: { ts: number; id: string } | null = null;
  for (;;) {
    let q = app.db
      .selectFrom('post')
      .select(['id', 'created_at'])
      .where('org_id', '=', orgId)
      .where(sql<boolean>`redacted_at is null`)
      .where('created_at', '<', cutoff);
    if (after)
      q = q.where(
        sql<boolean>`(created_at > ${after.ts} or (created_at = ${after.ts} and id > ${after.id}))`,
      );
    const page = await q.orderBy('created_at').orderBy('id').limit(BATCH).execute();
    if (page.length === 0) return;
    const last = page[page.length - 1]!;
    after = { ts: Number(last.created_at), id: last.id };
    await app.db.transaction().execute(async (trx) => {
      const histories = await postHistories(
        trx,
        orgId,
        page.map((r) => r.id),
      );
      const held = await heldIds(trx, orgId, histories);
      const ids = histories.filter((h) => !held.has(h.id)).map((h) => h.id);
      out.held += held.size;
      if (!ids.length) return;
      const now = Date.now();
      await sql`update post set text = '', media_urls = '[]', redacted_at = ${now}, updated_at = ${now}
        where org_id = ${orgId} and id in (${sql.join(ids)})`.execute(trx);
      await trx
        .updateTable('post_revision')
        .set({ text: '' })
        .where('org_id', '=', orgId)
        .where('post_id', 'in', ids)
        .execute();
      await auditBatch(app, trx, orgId, { 'post:*': ids.length }, held.size, out);
    });
    if (page.length < BATCH) return;
  }
}

/** The daily job: every organisation that has rules. */
export async function runRetention(
  app: Pick<AppContext, 'dbKind'> & { db: Db },
  now = Date.now(),
): Promise<void> {
  const orgs = await app.db.selectFrom('archive_retention_rule').select('org_id').distinct().execute();
  for (const { org_id } of orgs) await applyRetention(app, org_id, now);
}
