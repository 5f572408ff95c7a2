// First run: the one-time setup link (API), and startParapet() creating the first admin or printing the link.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { startParapet } from '../src/main.js';
import { issueSetupLink } from '../src/modules/identity/setup-service.js';
import { PASSWORD, startTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabaseUrl, type TestDatabase, testDbKinds } from './helpers/databases.js';

const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '');
const setupBody = (token: string, email = 'first@example.test') => ({
  token,
  organisationName: 'Northshire Police',
  name: 'First Admin',
  email,
  password: PASSWORD,
});

for (const kind of testDbKinds) {
  describe(`first-run setup link (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());
    const setup = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });

    test('the setup link works exactly once and creates the organisation, its force and its admin, audited', async () => {
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json(), {
        needed: true,
      });
      const stale = tokenOf(await issueSetupLink(t.ctx));
      const link = await issueSetupLink(t.ctx);
      assert.match(link, /\/setup#token=/);
      const token = tokenOf(link);
      assert.equal(
        (await setup(setupBody(stale))).json().error.code,
        'invalid_token',
        'a newer link replaces the older one',
      );
      const wrong = await setup(setupBody('definitely-not-the-token'));
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.code, 'invalid_token');
      const weak = await setup({ ...setupBody(token), password: 'short' });
      assert.equal(weak.json().error.code, 'weak_password');

      const res = await setup(setupBody(token, 'First@Example.test'));
      assert.equal(res.statusCode, 201, res.body);
      const { organisationId, userId } = res.json();
      const org = await t.ctx.db
        .selectFrom('organisation')
        .selectAll()
        .where('id', '=', organisationId)
        .executeTakeFirstOrThrow();
      assert.equal(org.name, 'Northshire Police');
      const user = await t.ctx.db
        .selectFrom('app_user')
        .selectAll()
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      assert.equal(user.email, 'first@example.test');
      assert.deepEqual(JSON.parse(user.roles), ['admin']);
      const team = await t.ctx.db
        .selectFrom('team')
        .selectAll()
        .where('org_id', '=', organisationId)
        .executeTakeFirstOrThrow();
      assert.equal(team.kind, 'force');
      assert.equal(user.team_id, team.id);
      const actions = (
        await t.ctx.db
          .selectFrom('audit_record')
          .select('action')
          .where('org_id', '=', organisationId)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
      assert.deepEqual(actions.slice(0, 2), ['organisation.created', 'user.created']);
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json(), {
        needed: false,
      });

      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'first@example.test', password: PASSWORD },
      });
      assert.equal(signIn.statusCode, 200);

      const again = await setup(setupBody(token, 'second@example.test'));
      assert.equal(again.statusCode, 400);
      assert.equal(again.json().error.code, 'invalid_token');
      const fresh = await setup(setupBody(tokenOf(await issueSetupLink(t.ctx)), 'third@example.test'));
      assert.equal(fresh.statusCode, 409);
      assert.equal(fresh.json().error.code, 'already_set_up');
      assert.equal((await t.ctx.db.selectFrom('organisation').select('id').execute()).length, 1);
      assert.equal((await t.ctx.db.selectFrom('app_user').select('id').execute()).length, 1);
    });
  });

  describe(`startParapet first run (${kind})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabaseUrl(kind);
    });
    after(() => db.cleanup());
    const configWith = (extra: Record<string, string>) =>
      loadConfig({
        PARAPET_DATA_DIR: db.dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
        ...extra,
      });

    test('without admin settings it prints a working setup link; the next start prints nothing about setup', async () => {
      const printed: string[] = [];
      const server = await startParapet(configWith({}), (line) => printed.push(line));
      try {
        assert.ok(server.url);
        const link = printed.join('\n').match(/(http\S+\/setup#token=\S+)/)?.[1];
        assert.ok(link, `no setup link in: ${printed.join('\n')}`);
        assert.equal(
          new URL(link).origin,
          new URL(server.url).origin,
          'the printed link points at the running server',
        );
        const res = await fetch(`${server.url}/api/v1/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(setupBody(tokenOf(link))),
        });
        assert.equal(res.status, 201, await res.clone().text());
      } finally {
        await server.stop();
      }
      await assert.rejects(fetch(`${server.url}/healthz`), 'stop() closed the listener');

      const later: string[] = [];
      const second = await startParapet(configWith({}), (line) => later.push(line));
      try {
        assert.equal((await fetch(`${second.url}/healthz`)).status, 200);
        assert.deepEqual(later, []);
      } finally {
        await second.stop();
      }
    });
  });

  describe(`startParapet with PARAPET_ADMIN_EMAIL (${kind})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabaseUrl(kind);
    });
    after(() => db.cleanup());

    test('creates the organisation and admin on first start, prints the sign-in line, and stops gracefully', async () => {
      const config = loadConfig({
        PARAPET_DATA_DIR: db.dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        PARAPET_ADMIN_EMAIL: 'boss@example.test',
        PARAPET_ADMIN_PASSWORD: PASSWORD,
        PARAPET_ORG_NAME: 'Westshire Police',
        ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      });
      const printed: string[] = [];
      const server = await startParapet(config, (line) => printed.push(line));
      let stopped = false;
      try {
        const out = printed.join('\n');
        assert.match(out, /Westshire Police/);
        assert.match(out, /boss@example\.test/);
        assert.ok(out.includes(`Sign in at ${server.url}/sign-in`), out);
        assert.doesNotMatch(out, /setup#token/);
        const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'boss@example.test', password: PASSWORD }),
        });
        assert.equal(res.status, 200);
        assert.equal(((await res.json()) as { stage: string }).stage, 'active');
        // A request in flight when stop() begins (its body still arriving) completes, and its keep-alive
        // socket does not hold the shutdown open.
        const agent = new http.Agent({ keepAlive: true });
        const body = JSON.stringify({ email: 'boss@example.test', password: PASSWORD });
        const { port } = new URL(server.url!);
        const inFlight = new Promise<number>((resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/api/v1/auth/sign-in',
              agent,
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode!));
            },
          );
          req.on('error', reject);
          req.write(body.slice(0, 10));
          setTimeout(() => req.end(body.slice(10)), 300);
        });
        await new Promise((r) => setTimeout(r, 100));
        const started = Date.now();
        const stopping = server.stop();
        assert.equal(await inFlight, 200);
        await stopping;
        stopped = true;
        agent.destroy();
        assert.ok(Date.now() - started < 5000, `stop() is prompt (took ${Date.now() - started} ms)`);
        await assert.rejects(fetch(`${server.url}/healthz`));
      } finally {
        if (!stopped) await server.stop();
      }
      // A restart with the same settings does not create a second admin or print anything.
      const again: string[] = [];
      const second = await startParapet(config, (line) => again.push(line));
      try {
        assert.deepEqual(again, []);
        assert.equal((await second.ctx.db.selectFrom('app_user').select('id').execute()).length, 1);
      } finally {
        await second.stop();
      }
    });
  });
}

if (testDbKinds.includes('postgres')) {
  describe('the server survives PostgreSQL closing its connections (postgres)', () => {
    test('idle pool connections terminated by the server do not crash the process; the next request reconnects', async () => {
      const t = await startTestApp('postgres');
      const crashes: unknown[] = [];
      const onCrash = (err: unknown) => crashes.push(err);
      process.on('uncaughtException', onCrash);
      try {
        for (let i = 0; i < 3; i++)
          assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
        // What a PostgreSQL restart or an administrator's pg_terminate_backend does to idle connections.
        const admin = new pg.Client({
          connectionString: t.config.database.kind === 'postgres' ? t.config.database.url : '',
        });
        await admin.connect();
        const killed = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        await admin.end();
        assert.ok(killed.rowCount! >= 1);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(crashes, []);
        assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
      } finally {
        process.off('uncaughtException', onCrash);
        await t.close();
      }
    });
  });
}
