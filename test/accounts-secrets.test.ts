// Platform credentials handled through every account flow, then searched for in every log line, response
// body, job payload and database row outside the encrypted vault table: they must appear nowhere.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { CredentialsExpiredError } from '../src/connectors/errors.js';
import { enqueueJob } from '../src/jobs/queue.js';
import { withAccountCredentials } from '../src/modules/accounts/credentials.js';
import { REFRESH_JOB } from '../src/modules/accounts/jobs.js';
import { as, createOrg, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { recordedFetch } from './helpers/recorded-fetch.js';
import { dumpTables } from './helpers/routes.js';

const SECRETS = {
  appPassword: 'Quokka-AppPassword-8841',
  accessToken: 'Wombat-AccessToken-2290',
  refreshToken: 'Numbat-RefreshToken-7712',
  newAccess: 'Bilby-NewAccess-5531',
  newRefresh: 'Bilby-NewRefresh-6642',
  replaced: 'Echidna-Replaced-3307',
  sandboxToken: 'Dingo-SandboxToken-4410',
  rejected: 'Quoll-RejectedToken-9182',
};

for (const kind of testDbKinds) {
  describe(`account credentials never leak (${kind})`, () => {
    let t: TestApp;
    const logLines: string[] = [];
    const bodies: string[] = [];

    before(async () => {
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      t = await startTestApp(kind, { LOG_LEVEL: 'trace' }, { logDestination: stream });
    });
    after(() => t.close());

    test('connect, list, get, patch, suspend, replace, refresh and expire: zero hits outside the vault', async () => {
      const org = await createOrg(t);
      const admin = await signIn(t, org.adminEmail);
      const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) => {
        const res = await as(t, admin)(method, url, payload as Record<string, unknown>);
        bodies.push(res.body);
        assert.ok(res.statusCode < 300, `${method} ${url} → ${res.statusCode} ${res.body}`);
        return res.json();
      };
      // Each connect first asks the platform whose credentials these are (§6.1, §2.1, sandbox /me).
      const identity = recordedFetch([
        {
          request: {
            method: 'POST',
            url: 'https://pds.example/xrpc/com.atproto.server.createSession',
            body: { identifier: 'force.example', password: SECRETS.appPassword },
          },
          response: {
            status: 200,
            body: { did: 'did:plc:secrettest', handle: 'force.example', accessJwt: 'a', refreshJwt: 'r' },
          },
        },
        {
          request: {
            method: 'GET',
            url: 'https://api.x.com/2/users/me',
            headers: { authorization: `Bearer ${SECRETS.accessToken}` },
          },
          response: { status: 200, body: { data: { id: '4242', name: 'Force', username: 'force_x' } } },
        },
        {
          request: {
            method: 'GET',
            url: 'https://sandbox.example/sandbox/api/v1/me',
            headers: { authorization: `Bearer ${SECRETS.sandboxToken}` },
          },
          response: { status: 200, body: { id: 'sb', handle: 'sb', display_name: 'SB', kind: 'official' } },
        },
        {
          request: {
            method: 'GET',
            url: 'https://api.x.com/2/users/me',
            headers: { authorization: `Bearer ${SECRETS.rejected}` },
          },
          response: {
            status: 401,
            body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
          },
        },
      ]);
      t.ctx.connectorDeps = { fetch: identity.fetch, now: () => Date.now() };
      const bsky = await call('POST', '/api/v1/accounts', {
        platform: 'bluesky',
        platformAccountId: 'did:plc:secrettest',
        handle: 'force.example',
        baseUrl: 'https://pds.example',
        credentials: { identifier: 'force.example', appPassword: SECRETS.appPassword },
      });
      const x = await call('POST', '/api/v1/accounts', {
        platform: 'x',
        platformAccountId: '4242',
        handle: 'force_x',
        credentialsExpiresAt: Date.now() + 60_000,
        credentials: {
          accessToken: SECRETS.accessToken,
          refreshToken: SECRETS.refreshToken,
          clientId: 'cid',
        },
      });
      const sandbox = await call('POST', '/api/v1/accounts', {
        platform: 'sandbox',
        platformAccountId: 'sb',
        handle: 'sb',
        baseUrl: 'https://sandbox.example',
        credentials: { token: SECRETS.sandboxToken },
      });
      const refused = await as(t, admin)('POST', '/api/v1/accounts', {
        platform: 'x',
        credentials: { accessToken: SECRETS.rejected },
      });
      bodies.push(refused.body);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json().error.code, 'credentials_rejected');
      identity.assertDone();
      await call('GET', '/api/v1/accounts');
      await call('GET', `/api/v1/accounts/${x.id}`);
      await call('PATCH', `/api/v1/accounts/${bsky.id}`, { labels: ['l'] });
      await call('POST', `/api/v1/accounts/${sandbox.id}/suspend`, { reason: 'drill' });
      await call('POST', `/api/v1/accounts/${sandbox.id}/reinstate`, { reason: 'drill over' });
      await call('PUT', `/api/v1/accounts/${sandbox.id}/credentials`, {
        credentials: { token: SECRETS.replaced },
      });

      const rec = recordedFetch([
        {
          request: {
            method: 'POST',
            url: 'https://api.x.com/2/oauth2/token',
            body: `grant_type=refresh_token&refresh_token=${SECRETS.refreshToken}&client_id=cid`,
          },
          response: {
            status: 200,
            body: {
              token_type: 'bearer',
              expires_in: 7200,
              access_token: SECRETS.newAccess,
              refresh_token: SECRETS.newRefresh,
            },
          },
        },
      ]);
      t.ctx.connectorDeps = { fetch: rec.fetch as typeof fetch, now: () => Date.now() };
      const jobId = (await enqueueJob(t.ctx.db, { type: REFRESH_JOB, payload: { windowMinutes: 15 } }))!;
      await t.ctx.jobHandlers.get(REFRESH_JOB)!({
        id: jobId,
        type: REFRESH_JOB,
        orgId: null,
        payload: { windowMinutes: 15 },
        attempt: 1,
      });
      rec.assertDone();
      assert.equal(
        await withAccountCredentials(t.ctx, x.id, async (a) => a.credentials.accessToken),
        SECRETS.newAccess,
      );
      // A connector whose error would be logged and audited: the account is marked, the secret stays out.
      await assert.rejects(
        withAccountCredentials(t.ctx, bsky.id, async (a) => {
          assert.equal(a.credentials.appPassword, SECRETS.appPassword);
          throw new CredentialsExpiredError('bluesky answered 401: credentials rejected', 'bluesky', 401);
        }),
      );
      await call('GET', `/api/v1/accounts/${bsky.id}`);
      await call('GET', '/api/v1/audit?limit=200').catch(() => undefined);

      const tables = await dumpTables(t.ctx.db);
      assert.ok(tables.alert_event!.length >= 1, 'the expiry alert was raised');
      assert.ok(tables.job!.length >= 2, 'the job and its successor exist');
      assert.ok(logLines.length > 10, 'logs were captured');
      assert.ok(bodies.length >= 10);
      const haystacks: Array<[string, string]> = [
        ...logLines.map((l, i) => [`log line ${i}`, l] as [string, string]),
        ...bodies.map((b, i) => [`response ${i}`, b] as [string, string]),
        ...Object.entries(tables)
          .filter(([name]) => name !== 'vault_secret')
          .flatMap(([name, rows]) =>
            rows.map((r, i) => [`${name} row ${i}`, JSON.stringify(r)] as [string, string]),
          ),
      ];
      for (const [label, secret] of Object.entries(SECRETS))
        for (const [where, text] of haystacks)
          assert.ok(!text.includes(secret), `${label} found in ${where}`);
      // The vault rows hold them only encrypted.
      for (const row of tables.vault_secret!)
        for (const secret of Object.values(SECRETS)) assert.ok(!JSON.stringify(row).includes(secret));
    });
  });
}
