import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { randomToken, sha256 } from '../../ids.js';
import { type Principal, parseRoles, type SessionStage, TOKEN_SCOPES, type TokenScope } from './roles.js';

export const SESSION_COOKIE = 'parapet_session';
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  stage: SessionStage;
  expiresAt: number;
}

/** Server-side session: the cookie holds a random token, the database only its hash. */
export async function createSession(
  app: AppContext,
  db: Db,
  input: { userId: string; orgId: string; stage: SessionStage; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = Date.now();
  const expiresAt = now + app.config.sessionTtlHours * 3_600_000;
  await db
    .insertInto('session')
    .values({
      id: sha256(token),
      user_id: input.userId,
      org_id: input.orgId,
      csrf_token: csrfToken,
      stage: input.stage,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      revoked_at: null,
    })
    .execute();
  return { token, csrfToken, stage: input.stage, expiresAt };
}

// The user columns both session and token authentication need to build a Principal.
const PRINCIPAL_COLUMNS = [
  'app_user.id as userId',
  'app_user.org_id as orgId',
  'app_user.email',
  'app_user.name',
  'app_user.roles',
] as const;

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
}

export async function resolveSession(app: AppContext, token: string): Promise<ResolvedSession | null> {
  const now = Date.now();
  const row = await app.db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id as sessionId',
      'session.csrf_token',
      'session.stage',
      'session.last_seen_at',
      ...PRINCIPAL_COLUMNS,
    ])
    .where('session.id', '=', sha256(token))
    .where('session.revoked_at', 'is', null)
    .where('session.expires_at', '>', now)
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  if (now - Number(row.last_seen_at) > TOUCH_EVERY_MS) {
    await app.db.updateTable('session').set({ last_seen_at: now }).where('id', '=', row.sessionId).execute();
  }
  return {
    csrfToken: row.csrf_token,
    principal: {
      userId: row.userId,
      orgId: row.orgId,
      email: row.email,
      name: row.name,
      roles: parseRoles(row.roles),
      via: 'session',
      sessionId: row.sessionId,
      stage: row.stage,
      scopes: null,
    },
  };
}

/** API tokens look like `ppt_<random>`; only their SHA-256 is stored. */
export async function resolveApiToken(app: AppContext, token: string): Promise<Principal | null> {
  if (!token.startsWith('ppt_')) return null;
  const now = Date.now();
  const row = await app.db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['api_token.id as tokenId', 'api_token.scopes', 'api_token.last_used_at', ...PRINCIPAL_COLUMNS])
    .where('api_token.token_hash', '=', sha256(token))
    .where('api_token.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  if (now - Number(row.last_used_at ?? 0) > TOUCH_EVERY_MS) {
    await app.db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  const scopes = (JSON.parse(row.scopes) as string[]).filter((s): s is TokenScope =>
    (TOKEN_SCOPES as readonly string[]).includes(s),
  );
  return {
    userId: row.userId,
    orgId: row.orgId,
    email: row.email,
    name: row.name,
    roles: parseRoles(row.roles),
    via: 'token',
    sessionId: null,
    stage: 'active',
    scopes,
  };
}
