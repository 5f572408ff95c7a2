// Replay protection for webhook deliveries: the SHA-256 of the platform name and the exact bytes, kept for the
// replay window. Recorded in the same transaction as the delivery's items, so a delivery whose transaction
// failed is not remembered and its retry is processed.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';

export function deliveryDigest(platform: string, rawBody: Buffer): string {
  return createHash('sha256').update(platform).update('\u0000').update(rawBody).digest('hex');
}

/** Records the digests; returns those that were new (the others were seen inside the window). */
export async function recordDeliveries(
  trx: Db,
  deliveries: Array<{ digest: string; platform: string }>,
  now: number,
  windowMs: number,
): Promise<Set<string>> {
  const unique = new Map(deliveries.map((d) => [d.digest, d]));
  if (unique.size === 0) return new Set();
  const rows = await trx
    .insertInto('inbound_delivery')
    .values(
      [...unique.values()].map((d) => ({
        digest: d.digest,
        platform: d.platform,
        received_at: now,
        expires_at: now + windowMs,
      })),
    )
    .onConflict((oc) => oc.column('digest').doNothing())
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
