import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../../http/errors.js';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;

export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('weak_password', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > 1024) throw badRequest('weak_password', 'Passwords may be at most 1024 characters.');
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

// Verified when the e-mail is unknown too, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash('parapet-timing-equaliser', OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
