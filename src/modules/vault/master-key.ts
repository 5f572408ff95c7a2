import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeKey, type Keyring, keyringOf, newMasterKey, readKeyringFile } from './keyring.js';

export const PREVIOUS_KEY_SETTING = 'PARAPET_MASTER_KEY_PREVIOUS';

export const masterKeyFile = (dataDir: string): string => path.join(dataDir, 'master.key');

/**
 * Where the master keys come from: PARAPET_MASTER_KEY (plus PARAPET_MASTER_KEY_PREVIOUS while a rotation is
 * switched over), or <dataDir>/master.key, created with mode 0600 on first run. Back the file up separately
 * from the database: without it, secrets are lost. A file source re-reads the file when it changes, so a
 * running server follows `parapet vault rotate-key`.
 */
export class MasterKeySource {
  private ring: Keyring;
  private stamp: string | null = null;

  constructor(
    readonly source: string,
    private readonly file: string | null,
    initial: Keyring,
  ) {
    this.ring = initial;
    this.stamp = this.fileStamp();
  }

  keyring(): Keyring {
    return this.ring;
  }

  /** Re-reads the file if it changed since the last read (cheap: one stat). Environment keys never change. */
  refreshIfChanged(): Keyring {
    if (this.file && this.fileStamp() !== this.stamp) this.reload();
    return this.ring;
  }

  reload(): Keyring {
    if (!this.file) return this.ring;
    const stamp = this.fileStamp();
    this.ring = readKeyringFile(this.file);
    this.stamp = stamp;
    return this.ring;
  }

  get isFile(): boolean {
    return this.file !== null;
  }

  private fileStamp(): string | null {
    if (!this.file) return null;
    try {
      const s = statSync(this.file);
      return `${s.mtimeMs}:${s.ino}:${s.size}`;
    } catch {
      return null;
    }
  }
}

export function loadMasterKey(
  dataDir: string,
  fromEnv: string | undefined,
  previousFromEnv?: string,
): MasterKeySource {
  if (fromEnv) {
    const previous = previousFromEnv ? [decodeKey(previousFromEnv, PREVIOUS_KEY_SETTING)] : [];
    return new MasterKeySource(
      'PARAPET_MASTER_KEY',
      null,
      keyringOf(decodeKey(fromEnv, 'PARAPET_MASTER_KEY'), previous),
    );
  }
  const file = masterKeyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, `${newMasterKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new MasterKeySource(file, file, readKeyringFile(file));
}
