// Writes a classified batch with multi-row statements: items (only those not stored yet count from here on),
// then their events, flood fingerprints, action jobs and alerts. Nothing written is read back.
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { newId } from '../../ids.js';
import { raiseAlert } from '../alerts/raise.js';
import { ACTION_MAX_ATTEMPTS, MODERATION_ACTION_JOB } from './actions.js';
import type { Classified } from './classify.js';

/** Rows per statement: (columns × rows) stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const ITEM_CHUNK = 200;
const ROW_CHUNK = 500;

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Returns the entries whose item this statement stored (a concurrent batch may have stored the same item). */
export async function writePlans(trx: Db, batch: Classified[], now: number): Promise<Classified[]> {
  const storedIds = new Set<string>();
  await inChunks(batch, ITEM_CHUNK, async (chunk) => {
    const ids = await trx
      .insertInto('inbound_item')
      .values(chunk.map((c): InboundItemTable => c.row))
      .onConflict((oc) => oc.columns(['account_id', 'platform_item_id']).doNothing())
      .returning('id')
      .execute();
    for (const r of ids) storedIds.add(r.id);
  });
  const stored = batch.filter((c) => storedIds.has(c.row.id));
  await inChunks(
    stored.flatMap((c) => c.plan.events),
    ROW_CHUNK,
    (events) => trx.insertInto('moderation_event').values(events).execute(),
  );
  const fingerprints = stored.flatMap(({ row, fingerprint }) =>
    fingerprint
      ? [
          {
            item_id: row.id,
            org_id: row.org_id,
            fingerprint,
            author_platform_id: row.author_platform_id,
            received_at: row.received_at,
          },
        ]
      : [],
  );
  await inChunks(fingerprints, ROW_CHUNK, (rows) =>
    trx
      .insertInto('inbound_fingerprint')
      .values(rows)
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute(),
  );
  await inChunks(
    stored.flatMap(({ row, plan }) => plan.jobs.map((j) => ({ row, ...j }))),
    ROW_CHUNK,
    (jobs) =>
      trx
        .insertInto('job')
        .values(
          jobs.map(({ row, eventId, action }) => ({
            id: newId(),
            org_id: row.org_id,
            type: MODERATION_ACTION_JOB,
            payload: JSON.stringify({ itemId: row.id, action, eventId }),
            status: 'pending',
            run_after: now,
            attempts: 0,
            max_attempts: ACTION_MAX_ATTEMPTS,
            last_error: null,
            // enqueueJob's key: the job exists once per action_requested event.
            idempotency_key: `${MODERATION_ACTION_JOB}:${eventId}`,
            locked_by: null,
            locked_until: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute(),
  );
  // Alerts are rare (safeguarding, escalation, floods) and deduplicated by key: within the batch here, across
  // batches by raiseAlert's idempotency key.
  const seen = new Set<string>();
  for (const { plan } of stored)
    for (const alert of plan.alerts) {
      const key = alert.dedupeKey ? `${alert.orgId}:${alert.dedupeKey}` : null;
      if (key && seen.has(key)) continue;
      if (key) seen.add(key);
      await raiseAlert(trx, alert, now);
    }
  return stored;
}
