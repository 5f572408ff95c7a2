// Deterministic record keys for idempotent publishing. A post's rkey must be a TID (13 base32-sortable chars:
// 53 bits of microseconds, 10 bits of clock id). Deriving it from the publish's start time and idempotency key
// means a retried createRecord addresses the same record, so the PDS cannot hold the post twice.
import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';

function s32(n: bigint, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = S32[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/** A TID at startedAt (ms), with sub-millisecond digits and clock id taken from a hash of the key. */
export function deterministicTid(key: string, startedAt: number): string {
  const h = createHash('sha256').update(key).digest();
  const micros = BigInt(Math.floor(startedAt)) * 1000n + BigInt(h.readUInt16BE(0) % 1000);
  const clockId = BigInt(h.readUInt16BE(2) % 1024);
  return s32(micros, 11) + s32(clockId, 2);
}
