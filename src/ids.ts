import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Row ids are UUIDv7: ordered by creation time (to the millisecond), so each insert lands at the right-hand end
 * of the primary-key index instead of on a random page. With random (v4) ids every row of a webhook batch dirtied
 * its own page in each id index, and SQLite's commit wrote all those pages: commits 2–3× slower
 * (bench/inbound-webhooks.ts). The 74 random bits make ids unguessable enough for rows but not for secrets:
 * tokens use randomToken. */
export const newId = (): string => uuidv7({ random: nextRandom16() });

// uuid asks the operating system for 16 random bytes per id (a system call each: 5% of the ingestion thread's
// time); one call fills a pool for 256 ids, as node:crypto's randomUUID does.
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;
function nextRandom16(): Uint8Array {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += 16;
  return pool.subarray(poolOffset - 16, poolOffset);
}
/** A random token safe for URLs and cookies (base64url). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
/** Tokens are stored only as their SHA-256: a stolen database does not yield usable tokens. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
