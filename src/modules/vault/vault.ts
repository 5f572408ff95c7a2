import type { Db } from '../../db/database.js';
import { newId } from '../../ids.js';
import { decryptSecret, type Envelope, encryptSecret } from './envelope.js';
import type { Keyring } from './keyring.js';
import type { MasterKeySource } from './master-key.js';

const CANARY_PURPOSE = 'vault.canary';

export class VaultKeyMismatchError extends Error {}

/** Opens an envelope with whichever key of the ring wrapped it (legacy envelopes name none: try each). */
export function openEnvelope(ring: Keyring, envelope: Envelope, aad: string): string {
  if (envelope.kid) {
    const key = ring.keys.get(envelope.kid);
    if (!key) throw new VaultKeyMismatchError(`no master key with id ${envelope.kid} is configured`);
    return decryptSecret(key, envelope, aad);
  }
  let last: unknown = new VaultKeyMismatchError('no master key is configured');
  for (const key of ring.keys.values()) {
    try {
      return decryptSecret(key, envelope, aad);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

/**
 * Stores secrets encrypted; hands back only an id. Plaintext is returned by reveal() alone, which
 * callers use at the moment of the call that needs it (never in responses, logs or job payloads).
 */
export class Vault {
  constructor(private readonly keys: MasterKeySource) {}

  /** Stops start-up when the master key cannot open existing secrets, instead of silently starting over. */
  async checkMasterKey(db: Db, keySource: string = this.keys.source): Promise<void> {
    const canary = await db
      .selectFrom('vault_secret')
      .selectAll()
      .where('purpose', '=', CANARY_PURPOSE)
      .executeTakeFirst();
    if (!canary) {
      await this.store(db, { purpose: CANARY_PURPOSE, orgId: null, plaintext: 'parapet' });
      return;
    }
    const ring = this.keys.keyring();
    // Every key id in use must be in the ring: a rotation finished elsewhere while this process had an old key.
    const used = await db.selectFrom('vault_secret').select('key_id').distinct().execute();
    const missing = used.map((r) => r.key_id).filter((id): id is string => !!id && !ring.keys.has(id));
    try {
      if (missing.length) throw new Error('unknown key ids');
      openEnvelope(ring, JSON.parse(canary.envelope) as Envelope, canary.id);
    } catch {
      throw new VaultKeyMismatchError(
        `The master key from ${keySource} cannot open the secrets already stored in this database. ` +
          'Restore the original key (PARAPET_MASTER_KEY or data/master.key; during a key rotation also ' +
          'PARAPET_MASTER_KEY_PREVIOUS); Parapet will not start with a different one.',
      );
    }
  }

  async store(db: Db, input: { purpose: string; orgId: string | null; plaintext: string }): Promise<string> {
    const id = newId();
    // A rotation may have replaced the key file: new secrets go under its primary key at once.
    const ring = this.keys.refreshIfChanged();
    const envelope = encryptSecret(ring.keys.get(ring.primary)!, input.plaintext, id, ring.primary);
    await db
      .insertInto('vault_secret')
      .values({
        id,
        org_id: input.orgId,
        purpose: input.purpose,
        envelope: JSON.stringify(envelope),
        key_id: ring.primary,
        created_at: Date.now(),
      })
      .execute();
    return id;
  }

  async reveal(db: Db, id: string): Promise<string> {
    const row = await db
      .selectFrom('vault_secret')
      .select(['envelope'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const envelope = JSON.parse(row.envelope) as Envelope;
    let ring = this.keys.keyring();
    // Re-wrapped under a key this process has not seen yet: re-read the key file once.
    if (envelope.kid && !ring.keys.has(envelope.kid)) ring = this.keys.reload();
    return openEnvelope(ring, envelope, id);
  }

  /** Replaces a secret's plaintext in place (same id), e.g. refreshed tokens. Runs in the caller's transaction. */
  async replace(db: Db, id: string, plaintext: string): Promise<void> {
    const ring = this.keys.refreshIfChanged();
    const envelope = encryptSecret(ring.keys.get(ring.primary)!, plaintext, id, ring.primary);
    const result = await db
      .updateTable('vault_secret')
      .set({ envelope: JSON.stringify(envelope), key_id: ring.primary })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error(`vault secret ${id} does not exist`);
  }

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('vault_secret').where('id', '=', id).execute();
  }
}
