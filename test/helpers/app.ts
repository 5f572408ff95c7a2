// Boots the real app (real database, real migrations) for integration tests, and small HTTP helpers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import { type AppContext, createAppContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import type { Role } from '../../src/modules/identity/roles.js';
import { createFirstOrganisation } from '../../src/modules/identity/setup-service.js';
import { createUser } from '../../src/modules/identity/users-service.js';
import { createTestDatabaseUrl, type TestDbKind } from './databases.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestApp {
  kind: TestDbKind;
  ctx: AppContext;
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Where log lines go (e.g. a stream the test reads); the level then comes from LOG_LEVEL, default 'info'. */
  logDestination?: DestinationStream;
  /** Runs after buildApp and before ready(), e.g. to add a test-only route. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

export async function startTestApp(
  kind: TestDbKind,
  settings: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const db = await createTestDatabaseUrl(kind);
  const config = loadConfig({
    PARAPET_DATA_DIR: db.dataDir,
    LOG_LEVEL: 'silent',
    PARAPET_SIGNIN_RATE_LIMIT: '100000',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ...settings,
  });
  const logger = options.logDestination
    ? createLogger(settings.LOG_LEVEL ?? 'info', options.logDestination)
    : createLogger(settings.LOG_LEVEL ?? 'silent');
  const ctx = await createAppContext(config, { logger });
  const app = await buildApp(ctx);
  await options.beforeReady?.(app);
  await app.ready();
  return {
    kind,
    ctx,
    app,
    config,
    async close() {
      await app.close();
      await ctx.close();
      await db.cleanup();
    },
  };
}

export interface Org {
  orgId: string;
  adminId: string;
  adminEmail: string;
}

let counter = 0;
export const uniqueEmail = (prefix: string): string =>
  `${prefix}-${process.pid}-${++counter}-${Date.now()}@example.test`;

/** Creates an organisation with an admin (first-run path for the first, otherwise directly). */
export async function createOrg(t: TestApp, name = `Org ${++counter}`): Promise<Org> {
  const adminEmail = uniqueEmail('admin');
  const any = await t.ctx.db.selectFrom('organisation').select('id').executeTakeFirst();
  if (!any) {
    const { orgId, userId } = await createFirstOrganisation(
      t.ctx,
      systemContext('test'),
      { organisationName: name, name: 'Admin', email: adminEmail, password: PASSWORD },
      null,
    );
    return { orgId, adminId: userId, adminEmail };
  }
  const { newId } = await import('../../src/ids.js');
  const orgId = newId();
  const now = Date.now();
  await t.ctx.db
    .insertInto('organisation')
    .values({
      id: orgId,
      name,
      slug: `org-${orgId.slice(-12)}`,
      require_mfa: 0,
      sso_config: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const { user } = await createUser(t.ctx, orgId, systemContext('test'), {
    email: adminEmail,
    name: 'Admin',
    roles: ['admin'],
    password: PASSWORD,
  });
  return { orgId, adminId: user.id, adminEmail };
}

export async function addUser(t: TestApp, orgId: string, roles: Role[], password = PASSWORD) {
  const email = uniqueEmail(roles.join('-'));
  const { user } = await createUser(t.ctx, orgId, systemContext('test'), {
    email,
    name: `User ${email.slice(0, 12)}`,
    roles,
    password,
  });
  return { id: user.id, email };
}

export interface Session {
  cookie: string;
  csrf: string;
  stage: string;
}

export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookie(res), csrf: res.json().csrfToken, stage: res.json().stage };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const header = Array.isArray(setCookie)
    ? setCookie.find((c) => c.startsWith('parapet_session='))
    : setCookie;
  if (!header) throw new Error('no session cookie set');
  return header.split(';')[0]!;
}

/** Sends a request as a signed-in session (with the CSRF header on writes). */
export function as(t: TestApp, s: Session) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}
