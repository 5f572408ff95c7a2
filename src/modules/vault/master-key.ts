import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The master key comes from PARAPET_MASTER_KEY, or from <dataDir>/master.key, which is created with
 * mode 0600 on first run. Back this file up separately from the database: without it, secrets are lost.
 */
export function loadMasterKey(dataDir: string, fromEnv: string | undefined): { key: Buffer; source: string } {
  if (fromEnv) return { key: Buffer.from(fromEnv, 'base64'), source: 'PARAPET_MASTER_KEY' };
  const file = path.join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 master key`);
  return { key, source: file };
}
