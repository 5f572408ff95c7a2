// Walks every registered route: anonymous callers, other organisations, read-only / expired / revoked tokens
// and half-signed-in sessions must all be turned away. A new route is covered the moment it is registered.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { enqueueJob } from '../src/jobs/queue.js';
import {
  addUser,
  as,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { seedAlerts } from './helpers/authz-alerts.js';
import { seedAnalytics } from './helpers/authz-analytics.js';
import { seedArchive } from './helpers/authz-archive.js';
import { seedLicence } from './helpers/authz-licence.js';
import { seedModeration } from './helpers/authz-moderation.js';
import { seedPublishing } from './helpers/authz-publishing.js';
import { seedReview } from './helpers/authz-review.js';
import { testDbKinds } from './helpers/databases.js';
import {
  dumpTables,
  fillParams,
  hasParams,
  isWrite,
  listRoutes,
  type RouteInfo,
  sampleBody,
  sampleQuery,
} from './helpers/routes.js';
import { sandboxConnectFields } from './helpers/sandbox-account.js';

// Reachable without signing in. Adding a public route means adding it here, on purpose.
const PUBLIC_ROUTES = [
  'GET /',
  'GET /setup',
  'GET /sign-in',
  'GET /invite',
  'GET /assets/pages.js',
  'GET /assets/pages.css',
  // The dashboard's files (no data in them; every API call they make is authenticated).
  'GET /app',
  'GET /app/*',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/json',
  'GET /api/docs/yaml',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/docs/static/*',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/accept-invite',
  // Single sign-on: the browser arrives here before anyone is signed in.
  'GET /api/v1/auth/sso/:orgSlug/start',
  'GET /api/v1/auth/sso/callback',
  // The built-in Sandbox network: its public view, and its own API, gated by sandbox tokens (test below).
  'GET /sandbox',
  'GET /sandbox/assets/sandbox.js',
  'GET /sandbox/public/timeline',
  'GET /sandbox/api/v1/me',
  'GET /sandbox/api/v1/me/posts',
  'GET /sandbox/api/v1/me/inbox',
  'POST /sandbox/api/v1/posts',
  'DELETE /sandbox/api/v1/posts/:id',
  'POST /sandbox/api/v1/posts/:id/hide',
  'POST /sandbox/api/v1/posts/:id/unhide',
  'POST /sandbox/api/v1/blocks',
  'POST /sandbox/api/v1/reports',
  'GET /sandbox/api/v1/posts/metrics',
  // Platform webhooks: anyone may call them; only a valid signature over the exact bytes stores anything.
  'GET /webhooks/x',
  'POST /webhooks/x',
  'GET /webhooks/facebook',
  'POST /webhooks/facebook',
  'GET /webhooks/instagram',
  'POST /webhooks/instagram',
  // The optional public transparency report (404 unless an admin publishes it; counts only).
  'GET /transparency/:orgSlug',
  'GET /api/v1/transparency/:orgSlug',
];

// Routes whose path parameter names no stored resource (a platform), so another organisation may use them too.
const NOT_RESOURCE_ROUTES = ['GET /api/v1/accounts/connect/:platform/start'];

const key = (r: RouteInfo) => `${r.method} ${r.url}`;
const errorCode = (res: LightMyRequestResponse) => (res.json() as { error?: { code?: string } }).error?.code;

for (const kind of testDbKinds) {
  describe(`authorization on every route (${kind})`, () => {
    let t: TestApp;
    let orgA: Org;
    let orgB: Org;
    let routes: RouteInfo[];
    let guarded: RouteInfo[];
    const resourcesA: Record<string, string> = {};
    let adminB: Session;
    let tokenB: string;

    /** Sends `route` with a schema-valid body and the given auth (session cookie + CSRF, or bearer token). */
    const send = (route: RouteInfo, auth: { session?: Session; bearer?: string }, url = route.url) => {
      const body = sampleBody(t.app, route.method, route.url);
      return t.app.inject({
        method: route.method,
        url: url + sampleQuery(t.app, route.method, route.url),
        headers: {
          ...(auth.session ? { cookie: auth.session.cookie, 'x-csrf-token': auth.session.csrf } : {}),
          ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
        },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    };
    const anyId = (url: string) => fillParams(url, () => '00000000-0000-4000-8000-000000000000');

    const createToken = async (s: Session, scopes: string[]) => {
      const res = await as(t, s)('POST', '/api/v1/api-tokens', {
        name: `t-${scopes.join('-')}`,
        scopes,
        expiresInDays: 30,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { token: string; apiToken: { id: string } };
    };

    /** Everything stored that belongs to organisation A, found generically by its org_id / user_id columns. */
    const snapshotA = async () => {
      const all = await dumpTables(t.ctx.db);
      const userIds = new Set(all.app_user!.filter((u) => u.org_id === orgA.orgId).map((u) => u.id));
      const mine = (row: Record<string, unknown>, table: string) =>
        table === 'organisation'
          ? row.id === orgA.orgId
          : 'org_id' in row
            ? row.org_id === orgA.orgId
            : userIds.has(row.user_id);
      return Object.fromEntries(
        Object.entries(all).map(([table, rows]) => [
          table,
          rows
            .filter((r) => mine(r, table))
            .map((r) => JSON.stringify(r))
            .sort(),
        ]),
      );
    };

    before(async () => {
      t = await startTestApp(kind);
      orgA = await createOrg(t, 'Organisation A');
      orgB = await createOrg(t, 'Organisation B');
      routes = listRoutes(t.app);
      guarded = routes.filter((r) => !r.public);

      // Org A: a signed-in user with MFA on, a team, an API token and a dead job: everything a route can act on.
      const adminA = await signIn(t, orgA.adminEmail);
      const victim = await addUser(t, orgA.orgId, ['author']);
      await signIn(t, victim.email);
      await t.ctx.db.updateTable('app_user').set({ mfa_enabled: 1 }).where('id', '=', victim.id).execute();
      const team = await as(t, adminA)('POST', '/api/v1/teams', { name: 'A force', kind: 'force' });
      assert.equal(team.statusCode, 201, team.body);
      const tokenA = await createToken(adminA, ['read', 'write']);
      const jobId = (await enqueueJob(t.ctx.db, { type: 'test.noop', payload: {}, orgId: orgA.orgId }))!;
      await t.ctx.db
        .updateTable('job')
        .set({ status: 'dead', last_error: 'gave up' })
        .where('id', '=', jobId)
        .execute();
      assert.equal((await as(t, adminA)('POST', '/api/v1/dictionaries/starter')).statusCode, 200);
      const dictionaries = (await as(t, adminA)('GET', '/api/v1/dictionaries')).json() as {
        dictionaries: Array<{ id: string }>;
      };
      assert.ok(dictionaries.dictionaries[0], 'org A has a dictionary');
      const account = await as(t, adminA)(
        'POST',
        '/api/v1/accounts',
        await sandboxConnectFields(t, 'force_a'),
      );
      assert.equal(account.statusCode, 201, account.body);
      const grant = await as(t, adminA)('PUT', `/api/v1/accounts/${account.json().id}/grants/${victim.id}`, {
        permissions: ['view', 'reply'],
      });
      assert.equal(grant.statusCode, 200, grant.body);
      Object.assign(resourcesA, {
        accounts: account.json().id,
        grants: victim.id,
        connect: 'x',
        users: victim.id,
        teams: team.json().id,
        'api-tokens': tokenA.apiToken.id,
        jobs: jobId,
        dictionaries: dictionaries.dictionaries[0].id,
        versions: '1',
      });
      Object.assign(resourcesA, await seedAlerts(t, orgA, adminA, account.json().id));
      Object.assign(resourcesA, await seedModeration(t, orgA, adminA, account.json().id));
      Object.assign(resourcesA, await seedReview(t, orgA, adminA, account.json().id));
      Object.assign(resourcesA, await seedPublishing(t, orgA, adminA, account.json().id));
      Object.assign(resourcesA, await seedLicence(t, orgA, adminA, account.json().id));
      Object.assign(resourcesA, await seedAnalytics(t, orgA, adminA, account.json().id));
      Object.assign(resourcesA, await seedArchive(t, orgA, adminA, account.json().id));

      adminB = await signIn(t, orgB.adminEmail);
      tokenB = (await createToken(adminB, ['read', 'write'])).token;
      // Org B has data of its own, so its lists are not empty.
      await addUser(t, orgB.orgId, ['moderator']);
      await as(t, adminB)('POST', '/api/v1/teams', { name: 'B force', kind: 'force' });
    });
    after(() => t.close());

    test('the public allow-list is exactly the set of routes marked public', () => {
      assert.ok(guarded.length >= 30, `expected the API routes to be found, got ${guarded.length}`);
      assert.deepEqual(
        routes
          .filter((r) => r.public)
          .map(key)
          .sort(),
        [...PUBLIC_ROUTES].sort(),
      );
    });

    test('every non-public route refuses anonymous callers with 401 unauthenticated', async () => {
      for (const route of guarded) {
        const res = await send(route, {}, anyId(route.url));
        assert.equal(res.statusCode, 401, `${key(route)} → ${res.statusCode} ${res.body}`);
        assert.equal(errorCode(res), 'unauthenticated', key(route));
      }
    });

    test('the sandbox API refuses callers without a sandbox token (401), even signed-in Parapet users', async () => {
      const sandboxApi = routes.filter((r) => r.url.startsWith('/sandbox/api/'));
      assert.ok(sandboxApi.length >= 9, `expected the sandbox API routes, got ${sandboxApi.length}`);
      for (const route of sandboxApi) {
        for (const auth of [{}, { session: adminB }, { bearer: tokenB }]) {
          const url = fillParams(route.url, () => 'abc123');
          const res = await send(route, auth, url);
          assert.equal(res.statusCode, 401, `${key(route)} → ${res.statusCode} ${res.body}`);
          assert.equal(errorCode(res), 'invalid_token', key(route));
        }
      }
    });

    test("every route with an id refuses another organisation's administrator and changes nothing", async () => {
      const withParams = guarded.filter((r) => hasParams(r.url) && !NOT_RESOURCE_ROUTES.includes(key(r)));
      assert.ok(withParams.length >= 10);
      const before = await snapshotA();
      for (const route of withParams) {
        const url = fillParams(route.url, (resource) => {
          const id = resourcesA[resource];
          assert.ok(id, `${key(route)}: no org A resource for "${resource}"; add one to this test's setup`);
          return id;
        });
        for (const [who, auth] of [
          ['session', { session: adminB }],
          ['token', { bearer: tokenB }],
        ] as const) {
          const res = await send(route, auth, url);
          assert.ok(
            [403, 404].includes(res.statusCode),
            `${key(route)} as org B ${who} → ${res.statusCode} ${res.body}`,
          );
          assert.ok(errorCode(res), `${key(route)}: error body expected`);
        }
      }
      assert.deepEqual(await snapshotA(), before, "organisation A's data changed");
    });

    test('list routes show another organisation nothing of organisation A', async () => {
      const lists = guarded.filter((r) => r.method === 'GET' && !hasParams(r.url));
      assert.ok(lists.length >= 6);
      const snap = await snapshotA();
      const secretsOfA = new Set<string>();
      for (const rows of Object.values(snap)) {
        for (const json of rows) {
          const row = JSON.parse(json) as Record<string, unknown>;
          for (const col of ['id', 'email', 'org_id', 'user_id'])
            if (typeof row[col] === 'string') secretsOfA.add(row[col]);
        }
      }
      const adminA = await signIn(t, orgA.adminEmail);
      let seenByA = '';
      for (const route of lists) {
        const res = await send(route, { session: adminB });
        assert.equal(res.statusCode, 200, `${key(route)} as org B → ${res.statusCode} ${res.body}`);
        for (const s of secretsOfA)
          assert.ok(!res.body.includes(s), `${key(route)} shows org A's ${s} to org B`);
        seenByA += (await send(route, { session: adminA })).body;
      }
      // The check above is not vacuous: the same routes do show these to organisation A.
      for (const [kind, id] of Object.entries(resourcesA)) {
        if (kind !== 'versions' && kind !== 'connect')
          assert.ok(seenByA.includes(id), `org A's lists should include its ${kind} ${id}`);
      }
    });

    test('a read-only API token is refused (403) on every write route but can read', async () => {
      const { token } = await createToken(adminB, ['read']);
      for (const route of guarded.filter((r) => isWrite(r.method))) {
        const res = await send(route, { bearer: token }, anyId(route.url));
        assert.equal(res.statusCode, 403, `${key(route)} → ${res.statusCode} ${res.body}`);
        assert.equal(errorCode(res), 'forbidden', key(route));
      }
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.email, orgB.adminEmail);
    });

    test('expired and revoked API tokens get 401 invalid_token everywhere', async () => {
      const expired = await createToken(adminB, ['read', 'write']);
      await t.ctx.db
        .updateTable('api_token')
        .set({ expires_at: Date.now() - 1000 })
        .where('id', '=', expired.apiToken.id)
        .execute();
      const revoked = await createToken(adminB, ['read', 'write']);
      const ok = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${revoked.token}` },
      });
      assert.equal(ok.statusCode, 200, 'works before it is revoked');
      assert.equal(
        (await as(t, adminB)('DELETE', `/api/v1/api-tokens/${revoked.apiToken.id}`)).statusCode,
        200,
      );
      for (const token of [expired.token, revoked.token, 'ppt_made-up-token']) {
        for (const route of guarded) {
          const res = await send(route, { bearer: token }, anyId(route.url));
          assert.equal(res.statusCode, 401, `${key(route)} → ${res.statusCode} ${res.body}`);
          assert.equal(errorCode(res), 'invalid_token', key(route));
        }
      }
    });

    test('a session waiting for its second factor reaches only the routes that allow it (401 mfa_required)', async () => {
      const user = await addUser(t, orgB.orgId, ['admin']);
      await t.ctx.db.updateTable('app_user').set({ mfa_enabled: 1 }).where('id', '=', user.id).execute();
      const s = await signIn(t, user.email);
      assert.equal(s.stage, 'mfa_pending');
      const blocked = guarded.filter((r) => !r.allowStages.includes('mfa_pending'));
      assert.ok(blocked.length >= 25);
      for (const route of blocked) {
        const res = await send(route, { session: s }, anyId(route.url));
        assert.equal(res.statusCode, 401, `${key(route)} → ${res.statusCode} ${res.body}`);
        assert.equal(errorCode(res), 'mfa_required', key(route));
      }
      const me = await as(t, s)('GET', '/api/v1/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().stage, 'mfa_pending');
    });

    test('a session that must first enrol in MFA reaches only the enrolment routes (401 mfa_enrolment_required)', async () => {
      const orgC = await createOrg(t, 'Organisation C');
      await t.ctx.db
        .updateTable('organisation')
        .set({ require_mfa: 1 })
        .where('id', '=', orgC.orgId)
        .execute();
      const s = await signIn(t, orgC.adminEmail);
      assert.equal(s.stage, 'mfa_enrolment_required');
      for (const route of guarded.filter((r) => !r.allowStages.includes('mfa_enrolment_required'))) {
        const res = await send(route, { session: s }, anyId(route.url));
        assert.equal(res.statusCode, 401, `${key(route)} → ${res.statusCode} ${res.body}`);
        assert.equal(errorCode(res), 'mfa_enrolment_required', key(route));
      }
      assert.equal((await as(t, s)('POST', '/api/v1/me/mfa/enrol')).statusCode, 200);
    });
  });
}
