// Master key rotation: re-wraps every data key under a new master key while servers keep running.
// Payloads are never re-encrypted; each row changes only its wrapped data key and key id.
import { closeSync, openSync, unlinkSync } from 'node:fs';
import type { Db } from '../../db/database.js';
import { type Envelope, rewrapSecret } from './envelope.js';
import { type Keyring, keyIdOf, newMasterKey, writeKeyringFile } from './keyring.js';
import type { MasterKeySource } from './master-key.js';
import { openEnvelope } from './vault.js';

export interface RotationResult {
  newKeyId: string;
  retiredKeyIds: string[];
  rewrapped: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One pass over every row not yet under `target`, in batches, each batch in its own transaction. */
export async function rewrapPass(db: Db, ring: Keyring, target: string, batchSize = 100): Promise<number> {
  const newKey = ring.keys.get(target)!;
  let after = '';
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('vault_secret')
      .select(['id', 'envelope'])
      .where((eb) => eb.or([eb('key_id', 'is', null), eb('key_id', '!=', target)]))
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return count;
    after = rows[rows.length - 1]!.id;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const envelope = JSON.parse(row.envelope) as Envelope;
        const oldKey = keyFor(ring, envelope, row.id);
        const next = rewrapSecret(oldKey, newKey, target, envelope, row.id);
        // Only if nobody replaced the secret meanwhile; a replaced one is already under a current key.
        const res = await trx
          .updateTable('vault_secret')
          .set({ envelope: JSON.stringify(next), key_id: target })
          .where('id', '=', row.id)
          .where('envelope', '=', row.envelope)
          .executeTakeFirst();
        count += Number(res.numUpdatedRows);
      }
    });
  }
}

function keyFor(ring: Keyring, envelope: Envelope, id: string): Buffer {
  if (envelope.kid) {
    const key = ring.keys.get(envelope.kid);
    if (!key) throw new Error(`secret ${id} is wrapped with key ${envelope.kid}, which is not available`);
    return key;
  }
  for (const key of ring.keys.values()) {
    try {
      openEnvelope({ primary: '', keys: new Map([['k', key]]) }, envelope, id);
      return key;
    } catch {}
  }
  throw new Error(`secret ${id} cannot be opened with any available master key`);
}

/** Passes until one finds nothing left; the pause lets a store that began under the old key land first. */
async function rewrapUntilClean(db: Db, ring: Keyring, target: string, settleMs: number): Promise<number> {
  let total = await rewrapPass(db, ring, target);
  for (let i = 0; i < 20; i++) {
    await sleep(settleMs);
    const n = await rewrapPass(db, ring, target);
    total += n;
    if (n === 0) return total;
  }
  throw new Error('secrets kept appearing under the old key; is a server running with an outdated key?');
}

/**
 * Key file: adds the new key as primary (atomic write, 0600), re-wraps every row, then retires the old
 * keys from the file and sweeps once more with the old keys still held here in memory.
 * Environment keys: the new key must be given; nothing is written, the operator switches the settings.
 */
export async function rotateMasterKey(
  db: Db,
  source: MasterKeySource,
  options: { newKey?: Buffer; settleMs?: number } = {},
): Promise<RotationResult> {
  const settleMs = options.settleMs ?? 1000;
  if (!source.isFile && !options.newKey)
    throw new Error('the master key comes from PARAPET_MASTER_KEY: give the new key explicitly');
  const current = source.reload();
  const newKey = options.newKey ?? newMasterKey();
  const newKeyId = keyIdOf(newKey);
  const retiredKeyIds = [...current.keys.keys()].filter((id) => id !== newKeyId);
  const all: Keyring = { primary: newKeyId, keys: new Map([...current.keys, [newKeyId, newKey]]) };
  if (!source.isFile) {
    const rewrapped = await rewrapUntilClean(db, all, newKeyId, settleMs);
    return { newKeyId, retiredKeyIds, rewrapped };
  }
  const lock = `${source.source}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch {
    throw new Error(`${lock} exists: another rotation is running (delete the file if it is stale)`);
  }
  try {
    writeKeyringFile(source.source, all);
    let rewrapped = await rewrapUntilClean(db, all, newKeyId, settleMs);
    writeKeyringFile(source.source, { primary: newKeyId, keys: new Map([[newKeyId, newKey]]) });
    rewrapped += await rewrapUntilClean(db, all, newKeyId, settleMs);
    source.reload();
    return { newKeyId, retiredKeyIds, rewrapped };
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
}
