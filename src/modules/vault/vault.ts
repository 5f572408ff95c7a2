import type { Db } from '../../db/database.js';
import { newId } from '../../ids.js';
import { decryptSecret, type Envelope, encryptSecret } from './envelope.js';

const CANARY_PURPOSE = 'vault.canary';

export class VaultKeyMismatchError extends Error {}

/**
 * Stores secrets encrypted; hands back only an id. Plaintext is returned by reveal() alone, which
 * callers use at the moment of the call that needs it (never in responses, logs or job payloads).
 */
export class Vault {
  constructor(private readonly masterKey: Buffer) {}

  /** Stops start-up when the master key cannot open existing secrets, instead of silently starting over. */
  async checkMasterKey(db: Db, keySource: string): Promise<void> {
    const canary = await db
      .selectFrom('vault_secret')
      .selectAll()
      .where('purpose', '=', CANARY_PURPOSE)
      .executeTakeFirst();
    if (!canary) {
      await this.store(db, { purpose: CANARY_PURPOSE, orgId: null, plaintext: 'parapet' });
      return;
    }
    try {
      decryptSecret(this.masterKey, JSON.parse(canary.envelope) as Envelope, canary.id);
    } catch {
      throw new VaultKeyMismatchError(
        `The master key from ${keySource} cannot open the secrets already stored in this database. ` +
          'Restore the original key (PARAPET_MASTER_KEY or data/master.key); Parapet will not start with a different one.',
      );
    }
  }

  async store(db: Db, input: { purpose: string; orgId: string | null; plaintext: string }): Promise<string> {
    const id = newId();
    const envelope = encryptSecret(this.masterKey, input.plaintext, id);
    await db
      .insertInto('vault_secret')
      .values({
        id,
        org_id: input.orgId,
        purpose: input.purpose,
        envelope: JSON.stringify(envelope),
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
    return decryptSecret(this.masterKey, JSON.parse(row.envelope) as Envelope, id);
  }

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('vault_secret').where('id', '=', id).execute();
  }
}
