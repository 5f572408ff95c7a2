// Helpers for the moderation tests: dictionaries through the API, items through the ingestion path (store +
// classify in one transaction), and running the moderation.action jobs.
import assert from 'node:assert/strict';
import type { InboundItem } from '../../src/connectors/types.js';
import { ingestItems } from '../../src/modules/inbound/store.js';
import { MODERATION_ACTION_JOB } from '../../src/modules/moderation/actions.js';
import { as, type Session, type TestApp } from './app.js';
import { makeWorker } from './jobs.js';

export async function activeDictionary(
  t: TestApp,
  admin: Session,
  d: { name: string; category: string; action: string; severity: string; terms: string[] },
): Promise<void> {
  const yaml = [
    `name: ${d.name}`,
    `category: ${d.category}`,
    `action: ${d.action}`,
    `severity: ${d.severity}`,
    'terms:',
    ...d.terms.map((x) => `  - ${JSON.stringify(x)}`),
  ].join('\n');
  const res = await as(t, admin)('POST', '/api/v1/dictionaries', { yaml, activate: true });
  assert.equal(res.statusCode, 201, res.body);
}

let seq = 0;
/** An InboundItem as a connector would give it. */
export function inbound(
  text: string,
  over: Partial<InboundItem> & { id?: string; authorId?: string } = {},
): InboundItem {
  const id = over.id ?? `item-${Date.now()}-${++seq}`;
  const authorId = over.authorId ?? `author-${seq}`;
  return {
    ref: { id },
    kind: 'reply',
    text,
    author: { id: authorId, handle: `${authorId}.example` },
    inReplyTo: { id: 'own-post-1' },
    createdAt: Date.now() - 5_000,
    url: null,
    raw: { id, text },
    ...over,
  };
}

/** Stores items for an account and classifies them, as ingestion does. Returns the new rows. */
export async function ingest(
  t: TestApp,
  account: { id: string; org_id: string; platform: string },
  items: InboundItem[],
) {
  const rows = await t.ctx.db
    .transaction()
    .execute((trx) => ingestItems(t.ctx, trx, [{ account, items, receivedAt: Date.now() }]));
  return rows;
}

export const itemById = (t: TestApp, id: string) =>
  t.ctx.db.selectFrom('inbound_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const eventsOf = (t: TestApp, itemId: string) =>
  t.ctx.db
    .selectFrom('moderation_event')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .execute();

export async function actionJobsOf(t: TestApp, itemId: string) {
  const jobs = await t.ctx.db
    .selectFrom('job')
    .selectAll()
    .where('type', '=', MODERATION_ACTION_JOB)
    .execute();
  return jobs.filter((j) => JSON.parse(j.payload).itemId === itemId);
}

const finishedActions = async (t: TestApp) =>
  (
    await t.ctx.db
      .selectFrom('job')
      .select('id')
      .where('type', '=', MODERATION_ACTION_JOB)
      .where('status', 'in', ['done', 'dead'])
      .execute()
  ).length;

/**
 * Runs every due job with the app's real handlers through a job worker (the worker claims any type, so all
 * handlers are given); returns how many moderation.action jobs finished.
 */
export async function drainActions(t: TestApp): Promise<number> {
  assert.ok(t.ctx.jobHandlers.get(MODERATION_ACTION_JOB), 'moderation.action is registered');
  const before = await finishedActions(t);
  await makeWorker(t, Object.fromEntries(t.ctx.jobHandlers), { concurrency: 1 }).drain();
  return (await finishedActions(t)) - before;
}

/** Runs an item's action jobs one by one in the order they were requested (for order-sensitive fixtures). */
export async function runActionsInOrder(t: TestApp, itemId: string): Promise<void> {
  const handler = t.ctx.jobHandlers.get(MODERATION_ACTION_JOB)!;
  const requests = (await eventsOf(t, itemId)).filter((e) => e.type === 'action_requested');
  for (const r of requests) {
    const job = await t.ctx.db
      .selectFrom('job')
      .selectAll()
      .where('idempotency_key', '=', `${MODERATION_ACTION_JOB}:${r.id}`)
      .executeTakeFirstOrThrow();
    await handler({
      id: job.id,
      type: job.type,
      orgId: job.org_id,
      payload: JSON.parse(job.payload),
      attempt: 1,
    });
    await t.ctx.db.updateTable('job').set({ status: 'done' }).where('id', '=', job.id).execute();
  }
}
