import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
/** A random token safe for URLs and cookies (base64url). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
/** Tokens are stored only as their SHA-256: a stolen database does not yield usable tokens. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
