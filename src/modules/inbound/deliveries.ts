// Replay protection for webhook deliveries: the SHA-256 of the platform name and the exact bytes, kept for the
// replay window. Recorded in the same transaction as the delivery's items, so a delivery whose transaction
// failed is not remembered and its retry is processed.
import { createHash } from 'node:crypto';
import type { InboundItem } from '../../connectors/types.js';
import type { Db } from '../../db/database.js';

interface RecordedDelivery {
  digest: string;
  platform: string;
  targets: ReadonlyArray<{ items: readonly InboundItem[] }>;
}

export function deliveryDigest(platform: string, rawBody: Buffer): string {
  return createHash('sha256').update(platform).update('\u0000').update(rawBody).digest('hex');
}

/** The time leading a delivery's replay key: its earliest item's platform time, read from the delivery's own
 * bytes, so the same bytes always give the same key. A digest alone is random: every delivery wrote its own
 * page of the index (a tenth of the ingestion thread's time at 5,000 deliveries/s); keyed by time first, new
 * deliveries are appended together. 0 for a delivery without items. A Meta item without created_time takes its
 * receipt time (facebook/webhook.ts): a replay of it is then not recognised as one, and the unique item key
 * still stores nothing twice. */
export function replayKeyTime(delivery: RecordedDelivery): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const target of delivery.targets)
    for (const item of target.items)
      if (Number.isFinite(item?.createdAt)) earliest = Math.min(earliest, item.createdAt);
  return Number.isFinite(earliest) && earliest > 0 ? Math.trunc(earliest) : 0;
}

/** Records the digests; returns those that were new (the others were seen inside the window). */
export async function recordDeliveries(
  trx: Db,
  deliveries: RecordedDelivery[],
  now: number,
  windowMs: number,
): Promise<Set<string>> {
  const unique = new Map(deliveries.map((d) => [d.digest, d]));
  if (unique.size === 0) return new Set();
  const rows = await trx
    .insertInto('inbound_delivery')
    .values(
      [...unique.values()].map((d) => ({
        event_at: replayKeyTime(d),
        digest: d.digest,
        platform: d.platform,
        received_at: now,
        expires_at: now + windowMs,
      })),
    )
    .onConflict((oc) => oc.columns(['event_at', 'digest']).doNothing())
    .returning('digest')
    .execute();
  return new Set(rows.map((r) => r.digest));
}

/** Forgets digests past their window (hourly periodic job). An expired digest still present is treated as
 * unseen only after it is deleted, which errs on the side of processing a late replay (items stay unique). */
export async function pruneDeliveries(db: Db, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom('inbound_delivery').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
