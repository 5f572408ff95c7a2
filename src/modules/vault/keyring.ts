// The master key file as a small keyring: every key Parapet may need to unwrap data keys, and the one
// (primary) that wraps new ones. Rotation adds a key, re-wraps, then retires the old one. The legacy file
// format (one base64 line) is still read: it is a keyring of one key.
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface Keyring {
  primary: string;
  keys: Map<string, Buffer>;
}

interface KeyringFile {
  version: 1;
  primary: string;
  keys: Record<string, string>;
}

/** A key's id is derived from the key itself, so the same key has the same id from a file or from the environment. */
export const keyIdOf = (key: Buffer): string =>
  createHash('sha256').update('parapet-master-key-id:').update(key).digest('hex').slice(0, 16);

export const newMasterKey = (): Buffer => randomBytes(32);

export function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} does not hold a 32-byte base64 master key`);
  return key;
}

export function keyringOf(primary: Buffer, others: Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const k of [primary, ...others]) keys.set(keyIdOf(k), k);
  return { primary: keyIdOf(primary), keys };
}

export function parseKeyringFile(text: string, file: string): Keyring {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return keyringOf(decodeKey(trimmed, file));
  let parsed: KeyringFile;
  try {
    parsed = JSON.parse(trimmed) as KeyringFile;
  } catch {
    throw new Error(`${file} is neither a base64 master key nor a JSON keyring`);
  }
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(parsed.keys ?? {})) {
    const key = decodeKey(value, `${file} (key ${id})`);
    if (keyIdOf(key) !== id) throw new Error(`${file}: key ${id} does not match its id`);
    keys.set(id, key);
  }
  if (!keys.has(parsed.primary))
    throw new Error(`${file}: the primary key ${parsed.primary} is not in the file`);
  return { primary: parsed.primary, keys };
}

export const readKeyringFile = (file: string): Keyring => parseKeyringFile(readFileSync(file, 'utf8'), file);

/** Atomic replace: a reader (a running server) sees the old file or the new one, never half of one. */
export function writeKeyringFile(file: string, ring: Keyring): void {
  const body: KeyringFile = {
    version: 1,
    primary: ring.primary,
    keys: Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString('base64')])),
  };
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(body, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {}
    throw err;
  }
}
