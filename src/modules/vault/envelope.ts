// AES-256-GCM envelope encryption: each secret has its own data key, and only that data key is
// encrypted ("wrapped") with the master key. Rotating the master key re-wraps data keys only.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Envelope {
  v: 1;
  /** Id of the master key that wraps the data key (absent in envelopes written before key ids existed). */
  kid?: string;
  wrappedKey: string;
  keyIv: string;
  keyTag: string;
  iv: string;
  tag: string;
  data: string;
}

function seal(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

function open(key: Buffer, box: { iv: string; tag: string; data: string }, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64')).setAAD(
    Buffer.from(aad),
  );
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
}

/** `aad` binds the ciphertext to its row (e.g. the secret id), so envelopes cannot be swapped between rows. */
export function encryptSecret(masterKey: Buffer, plaintext: string, aad: string, kid?: string): Envelope {
  const dataKey = randomBytes(32);
  const wrapped = seal(masterKey, dataKey, `key:${aad}`);
  const body = seal(dataKey, Buffer.from(plaintext, 'utf8'), aad);
  dataKey.fill(0);
  return {
    v: 1,
    ...(kid ? { kid } : {}),
    wrappedKey: wrapped.data,
    keyIv: wrapped.iv,
    keyTag: wrapped.tag,
    ...body,
  };
}

/** Unwraps the data key with the old master key and wraps it with the new one; the payload is untouched. */
export function rewrapSecret(
  oldKey: Buffer,
  newKey: Buffer,
  newKid: string,
  envelope: Envelope,
  aad: string,
): Envelope {
  const dataKey = open(
    oldKey,
    { iv: envelope.keyIv, tag: envelope.keyTag, data: envelope.wrappedKey },
    `key:${aad}`,
  );
  try {
    const wrapped = seal(newKey, dataKey, `key:${aad}`);
    return { ...envelope, kid: newKid, wrappedKey: wrapped.data, keyIv: wrapped.iv, keyTag: wrapped.tag };
  } finally {
    dataKey.fill(0);
  }
}

export function decryptSecret(masterKey: Buffer, envelope: Envelope, aad: string): string {
  const dataKey = open(
    masterKey,
    { iv: envelope.keyIv, tag: envelope.keyTag, data: envelope.wrappedKey },
    `key:${aad}`,
  );
  try {
    return open(dataKey, envelope, aad).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}
