// Re-checks the credentials of open streams in two queries, however many streams there are: a stream lives
// only as long as its session (or API token) is unrevoked, unexpired and its user active.
import type { Db } from '../../db/database.js';
import { sha256 } from '../../ids.js';

export interface StreamCredential {
  kind: 'session' | 'token';
  /** SHA-256 of the cookie or token, as stored in session.id / api_token.token_hash. */
  hash: string;
}

export const credentialHash = (secret: string): string => sha256(secret);

/** Valid credential hashes → the user's current roles (JSON, as stored). */
export async function validCredentials(db: Db, creds: StreamCredential[]): Promise<Map<string, string>> {
  const now = Date.now();
  const valid = new Map<string, string>();
  const sessions = creds.filter((c) => c.kind === 'session').map((c) => c.hash);
  const tokens = creds.filter((c) => c.kind === 'token').map((c) => c.hash);
  if (sessions.length)
    for (const r of await db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .select(['session.id as hash', 'app_user.roles'])
      .where('session.id', 'in', sessions)
      .where('session.revoked_at', 'is', null)
      .where('session.expires_at', '>', now)
      .where('session.stage', '=', 'active')
      .where('app_user.status', '=', 'active')
      .execute())
      valid.set(r.hash, r.roles);
  if (tokens.length)
    for (const r of await db
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .select(['api_token.token_hash as hash', 'app_user.roles'])
      .where('api_token.token_hash', 'in', tokens)
      .where('api_token.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
      .where('app_user.status', '=', 'active')
      .execute())
      valid.set(r.hash, r.roles);
  return valid;
}
