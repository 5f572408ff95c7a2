import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CredentialsExpiredError } from '../src/connectors/errors.js';
import { markCredentialsExpired, withAccountCredentials } from '../src/modules/accounts/credentials.js';
import { REFRESH_JOB, refreshExpiringCredentials } from '../src/modules/accounts/jobs.js';
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
import { testDbKinds } from './helpers/databases.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';
import { sandboxConnectFields } from './helpers/sandbox-account.js';

const X_CLIENT = { PARAPET_X_CLIENT_ID: 'x-client-id', PARAPET_X_CLIENT_SECRET: 'x-client-secret-value' };

for (const kind of testDbKinds) {
  describe(`social accounts (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let author: Session;
    let teamId: string;
    const audits = async (action: string) =>
      t.ctx.db.selectFrom('audit_record').selectAll().where('action', '=', action).execute();

    before(async () => {
      t = await startTestApp(kind, { ...X_CLIENT, PARAPET_PUBLIC_URL: 'https://parapet.example' });
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
      teamId = (await as(t, admin)('POST', '/api/v1/teams', { name: 'Force', kind: 'force' })).json().id;
    });
    after(() => t.close());

    // POST /api/v1/accounts asks the platform whose credentials these are: the identity call is recorded
    // (Bluesky createSession §6.1, X GET /2/users/me §2.1) and must answer with the id and handle given.
    const identityExchange = (body: Record<string, unknown>): RecordedExchange => {
      const creds = body.credentials as Record<string, string>;
      if (body.platform === 'x')
        return {
          request: {
            method: 'GET',
            url: 'https://api.x.com/2/users/me',
            headers: { authorization: `Bearer ${creds.accessToken}` },
          },
          response: {
            status: 200,
            body: { data: { id: body.platformAccountId, name: 'Force', username: body.handle } },
          },
        };
      return {
        request: {
          method: 'POST',
          url: `${body.baseUrl}/xrpc/com.atproto.server.createSession`,
          body: { identifier: creds.identifier, password: creds.appPassword },
        },
        response: {
          status: 200,
          body: {
            did: body.platformAccountId,
            handle: body.handle,
            accessJwt: 'access-jwt',
            refreshJwt: 'refresh-jwt',
            active: true,
          },
        },
      };
    };
    const connect = async (over: Record<string, unknown> = {}) => {
      const body = {
        platform: 'bluesky',
        platformAccountId: `did:plc:${Math.random().toString(36).slice(2)}`,
        handle: 'force.bsky.example',
        baseUrl: 'https://pds.example',
        labels: ['news', 'north'],
        ownerTeamId: teamId,
        credentials: { identifier: 'force.bsky.example', appPassword: 'abcd-efgh-ijkl-mnop' },
        ...over,
      };
      const rec = recordedFetch([identityExchange(body)]);
      t.ctx.connectorDeps = { fetch: rec.fetch, now: () => Date.now() };
      const res = await as(t, admin)('POST', '/api/v1/accounts', body);
      assert.equal(res.statusCode, 201, res.body);
      rec.assertDone();
      return res.json() as { id: string; status: string; labels: string[]; hasCredentials: boolean };
    };

    test('connect, list with filters, get, patch; duplicates and other roles refused', async () => {
      const a = await connect();
      assert.equal(a.status, 'active');
      assert.equal(a.hasCredentials, true);
      assert.deepEqual(a.labels, ['news', 'north']);
      assert.ok(!('credentials' in a));
      t.ctx.connectorDeps = { fetch: (...args) => fetch(...args), now: () => Date.now() };
      const sandboxFields = await sandboxConnectFields(t, 'force');
      const sandboxRes = await as(t, admin)('POST', '/api/v1/accounts', {
        ...sandboxFields,
        labels: ['training'],
        ownerTeamId: null,
      });
      assert.equal(sandboxRes.statusCode, 201, sandboxRes.body);
      const sandbox = sandboxRes.json() as { id: string };
      const list = async (q: string) =>
        ((await as(t, admin)('GET', `/api/v1/accounts${q}`)).json().accounts as Array<{ id: string }>).map(
          (x) => x.id,
        );
      assert.deepEqual(await list('?platform=sandbox'), [sandbox.id]);
      assert.ok((await list('?label=north')).includes(a.id));
      assert.ok(!(await list('?label=north')).includes(sandbox.id));
      assert.deepEqual(await list(`?team=${teamId}`), [a.id]);
      assert.equal((await as(t, admin)('GET', '/api/v1/accounts?platform=myspace')).statusCode, 400);

      const dup = await as(t, admin)('POST', '/api/v1/accounts', sandboxFields);
      assert.equal(dup.statusCode, 409, dup.body);
      const empty = await as(t, admin)('POST', '/api/v1/accounts', {
        platform: 'sandbox',
        platformAccountId: 'sb-2',
        handle: 'h',
        credentials: {},
      });
      assert.equal(empty.statusCode, 400);
      const byAuthor = await as(t, author)('POST', '/api/v1/accounts', {
        platform: 'sandbox',
        platformAccountId: 'sb-3',
        handle: 'h',
        credentials: { token: 'x' },
      });
      assert.equal(byAuthor.statusCode, 403);
      // Without a grant an author sees no accounts at all.
      assert.deepEqual((await as(t, author)('GET', '/api/v1/accounts')).json().accounts, []);
      assert.equal((await as(t, author)('GET', `/api/v1/accounts/${a.id}`)).statusCode, 403);

      const patched = await as(t, admin)('PATCH', `/api/v1/accounts/${a.id}`, {
        displayName: 'North Force',
        labels: ['z', 'a', 'a'],
        ownerTeamId: null,
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(patched.json().labels, ['a', 'z']);
      assert.equal(patched.json().ownerTeamId, null);
      assert.equal(
        (await as(t, admin)('PATCH', `/api/v1/accounts/${a.id}`, { ownerTeamId: 'no-such-team' })).statusCode,
        404,
      );
      const [rec] = await audits('account.updated');
      assert.deepEqual(JSON.parse(rec!.summary).before.labels, ['news', 'north']);
      assert.deepEqual(JSON.parse(rec!.summary).after.labels, ['a', 'z']);
    });

    test('suspend and reinstate need a reason, are audited, and suspended accounts do not reach connectors', async () => {
      const a = await connect();
      assert.equal((await as(t, admin)('POST', `/api/v1/accounts/${a.id}/suspend`, {})).statusCode, 400);
      const s = await as(t, admin)('POST', `/api/v1/accounts/${a.id}/suspend`, { reason: 'compromised' });
      assert.equal(s.json().status, 'suspended');
      assert.equal(s.json().statusReason, 'compromised');
      assert.equal(
        (await as(t, admin)('POST', `/api/v1/accounts/${a.id}/suspend`, { reason: 'again' })).statusCode,
        409,
      );
      let called = false;
      await assert.rejects(
        withAccountCredentials(t.ctx, a.id, async () => (called = true)),
        /suspended/,
      );
      assert.equal(called, false);
      const r = await as(t, admin)('POST', `/api/v1/accounts/${a.id}/reinstate`, { reason: 'cleared' });
      assert.equal(r.json().status, 'active');
      assert.ok(
        (await audits('account.suspended')).some(
          (x) => x.target_id === a.id && JSON.parse(x.summary).reason === 'compromised',
        ),
      );
      assert.ok((await audits('account.reinstated')).some((x) => x.target_id === a.id));
    });

    test('a rejected credential marks the account, raises one alert, and new credentials revive it', async () => {
      const a = await connect();
      const seen = await withAccountCredentials(t.ctx, a.id, async (acc) => acc.credentials.appPassword);
      assert.equal(seen, 'abcd-efgh-ijkl-mnop');
      await assert.rejects(
        withAccountCredentials(t.ctx, a.id, async () => {
          throw new CredentialsExpiredError('bluesky answered 401: credentials rejected', 'bluesky', 401);
        }),
        CredentialsExpiredError,
      );
      const got = (await as(t, admin)('GET', `/api/v1/accounts/${a.id}`)).json();
      assert.equal(got.status, 'credentials_expired');
      const alerts = await t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('account_id', '=', a.id)
        .execute();
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]!.kind, 'account.credentials_expired');
      assert.equal(alerts[0]!.delivered_at, null);
      // A second report changes nothing and raises no second alert; the connector is not even called.
      assert.equal(await markCredentialsExpired(t.ctx, a.id, 'again'), false);
      await assert.rejects(
        withAccountCredentials(t.ctx, a.id, async () => 1),
        CredentialsExpiredError,
      );
      assert.equal(
        (await t.ctx.db.selectFrom('alert_event').select('id').where('account_id', '=', a.id).execute())
          .length,
        1,
      );

      const put = await as(t, admin)('PUT', `/api/v1/accounts/${a.id}/credentials`, {
        credentials: { identifier: 'force.bsky.example', appPassword: 'new1-new2-new3-new4' },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().status, 'active');
      assert.equal(
        await withAccountCredentials(t.ctx, a.id, async (acc) => acc.credentials.appPassword),
        'new1-new2-new3-new4',
      );
      assert.ok(
        (await audits('account.credentials_replaced')).some(
          (x) => JSON.parse(x.summary).statusBefore === 'credentials_expired',
        ),
      );
    });

    test('refresh job: X tokens refreshed ahead of expiry and stored before use; a refused refresh marks the account', async () => {
      assert.ok(t.ctx.jobHandlers.has(REFRESH_JOB));
      const soon = Date.now() + 60_000;
      const later = Date.now() + 24 * 3_600_000;
      const due = await connect({
        platform: 'x',
        platformAccountId: '1111',
        handle: 'force_x',
        baseUrl: null,
        credentialsExpiresAt: soon,
        credentials: { accessToken: 'old-access', refreshToken: 'old-refresh', clientId: 'x-client-id' },
      });
      const notDue = await connect({
        platform: 'x',
        platformAccountId: '2222',
        handle: 'other_x',
        baseUrl: null,
        credentialsExpiresAt: later,
        credentials: { accessToken: 'a2', refreshToken: 'r2', clientId: 'x-client-id' },
      });
      const dead = await connect({
        platform: 'x',
        platformAccountId: '3333',
        handle: 'dead_x',
        baseUrl: null,
        credentialsExpiresAt: soon + 1000,
        credentials: { accessToken: 'a3', refreshToken: 'spent-refresh', clientId: 'x-client-id' },
      });
      const form = (token: string) => `grant_type=refresh_token&refresh_token=${token}&client_id=x-client-id`;
      const rec = recordedFetch([
        {
          request: { method: 'POST', url: 'https://api.x.com/2/oauth2/token', body: form('old-refresh') },
          response: {
            status: 200,
            body: {
              token_type: 'bearer',
              expires_in: 7200,
              access_token: 'new-access',
              scope: 'tweet.read',
              refresh_token: 'new-refresh',
            },
          },
        },
        {
          request: { method: 'POST', url: 'https://api.x.com/2/oauth2/token', body: form('spent-refresh') },
          response: {
            status: 400,
            body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
          },
        },
      ]);
      t.ctx.connectorDeps = { fetch: rec.fetch as typeof fetch, now: () => Date.now() };
      // Soonest expiry first, so the recorded order is the order of the refreshes.
      const counts = await refreshExpiringCredentials(t.ctx, 15);
      rec.assertDone();
      assert.deepEqual(counts, { refreshed: 1, expired: 1, skipped: 0, failed: 0 });
      const creds = await withAccountCredentials(t.ctx, due.id, async (acc) => acc.credentials);
      assert.equal(creds.accessToken, 'new-access');
      assert.equal(creds.refreshToken, 'new-refresh');
      const row = await t.ctx.db
        .selectFrom('social_account')
        .selectAll()
        .where('id', '=', due.id)
        .executeTakeFirstOrThrow();
      assert.ok(Number(row.credentials_expires_at) > Date.now() + 7000_000);
      assert.equal(
        (await as(t, admin)('GET', `/api/v1/accounts/${dead.id}`)).json().status,
        'credentials_expired',
      );
      assert.equal((await as(t, admin)('GET', `/api/v1/accounts/${notDue.id}`)).json().status, 'active');
    });

    test('X connect: start redirects with PKCE; callback exchanges the code and stores the tokens', async () => {
      const start = await as(t, admin)('GET', '/api/v1/accounts/connect/x/start');
      assert.equal(start.statusCode, 302, start.body);
      const url = new URL(start.headers.location as string);
      assert.equal(url.origin + url.pathname, 'https://x.com/i/oauth2/authorize');
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(
        url.searchParams.get('redirect_uri'),
        'https://parapet.example/api/v1/accounts/connect/x/callback',
      );
      assert.match(url.searchParams.get('scope')!, /offline\.access/);
      const state = url.searchParams.get('state')!;
      const stored = await t.ctx.db
        .selectFrom('account_connect_state')
        .selectAll()
        .where('state', '=', state)
        .executeTakeFirstOrThrow();
      const { createHash } = await import('node:crypto');
      assert.equal(
        url.searchParams.get('code_challenge'),
        createHash('sha256').update(stored.code_verifier).digest('base64url'),
      );
      // Only the user who started may finish.
      assert.equal(
        (await as(t, author)('GET', `/api/v1/accounts/connect/x/callback?state=${state}&code=c`)).statusCode,
        404,
      );

      const start2 = new URL(
        (await as(t, admin)('GET', '/api/v1/accounts/connect/x/start')).headers.location as string,
      );
      const state2 = start2.searchParams.get('state')!;
      const verifier = (
        await t.ctx.db
          .selectFrom('account_connect_state')
          .select('code_verifier')
          .where('state', '=', state2)
          .executeTakeFirstOrThrow()
      ).code_verifier;
      const rec = recordedFetch([
        {
          request: {
            method: 'POST',
            url: 'https://api.x.com/2/oauth2/token',
            headers: {
              authorization: `Basic ${Buffer.from('x-client-id:x-client-secret-value').toString('base64')}`,
            },
            body: new URLSearchParams({
              grant_type: 'authorization_code',
              code: 'the-code',
              redirect_uri: 'https://parapet.example/api/v1/accounts/connect/x/callback',
              code_verifier: verifier,
              client_id: 'x-client-id',
            }).toString(),
          },
          response: {
            status: 200,
            body: {
              token_type: 'bearer',
              expires_in: 7200,
              access_token: 'oauth-access',
              scope: 'tweet.read users.read offline.access',
              refresh_token: 'oauth-refresh',
            },
          },
        },
        {
          request: {
            method: 'GET',
            url: 'https://api.x.com/2/users/me',
            headers: { authorization: 'Bearer oauth-access' },
          },
          response: {
            status: 200,
            body: { data: { id: '987654321', name: 'Northshire Police', username: 'northshire' } },
          },
        },
      ]);
      t.ctx.connectorDeps = { fetch: rec.fetch as typeof fetch, now: () => Date.now() };
      const cb = await as(t, admin)(
        'GET',
        `/api/v1/accounts/connect/x/callback?state=${state2}&code=the-code`,
      );
      assert.equal(cb.statusCode, 302, cb.body);
      rec.assertDone();
      const landing = new URL(cb.headers.location as string, 'https://p');
      const id = landing.searchParams.get('accountConnected')!;
      assert.equal(landing.pathname, `/app/accounts/${id}`, 'back in the dashboard, on the new account');
      const acc = (await as(t, admin)('GET', `/api/v1/accounts/${id}`)).json();
      assert.equal(acc.handle, 'northshire');
      assert.equal(acc.platformAccountId, '987654321');
      const creds = await withAccountCredentials(t.ctx, id, async (a) => a.credentials);
      assert.deepEqual(
        { ...creds },
        {
          accessToken: 'oauth-access',
          refreshToken: 'oauth-refresh',
          clientId: 'x-client-id',
          clientSecret: 'x-client-secret-value',
        },
      );
      // The state is single-use.
      assert.equal(
        (await as(t, admin)('GET', `/api/v1/accounts/connect/x/callback?state=${state2}&code=the-code`))
          .statusCode,
        404,
      );
      assert.equal((await as(t, admin)('GET', '/api/v1/accounts/connect/mastodon/start')).statusCode, 400);
    });
  });
}
