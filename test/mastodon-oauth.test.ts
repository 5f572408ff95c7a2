// Connecting a Mastodon account through the instance's OAuth (§5.1): the app is registered once per instance
// (secret only in the vault), the browser goes to /oauth/authorize with state + PKCE, and the callback
// exchanges the code, identifies the account and stores { accessToken } — all against recorded fixtures.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { withAccountCredentials } from '../src/modules/accounts/credentials.js';
import { validateInstanceUrl } from '../src/modules/accounts/mastodon-oauth.js';
import { addUser, as, createOrg, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';
import { dumpTables } from './helpers/routes.js';

const fixture = (name: string, fill: Record<string, string> = {}): RecordedExchange[] => {
  let text = readFileSync(new URL(`./fixtures/mastodon/${name}`, import.meta.url), 'utf8');
  for (const [key, value] of Object.entries(fill)) text = text.split(`{{${key}}}`).join(value);
  return JSON.parse(text).exchanges;
};
const CLIENT_ID = 'TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM';
const CLIENT_SECRET = 'mastodon-CLIENT-secret-ZIPPOwcOTdfhA2vB';
const INSTANCE = 'https://mastodon.example';
const START = `/api/v1/accounts/connect/mastodon/start?instance=${encodeURIComponent(INSTANCE)}`;

describe('mastodon instance URL validation', () => {
  const isInvalidInstance = (err: { status?: number; code?: string }) =>
    err.status === 400 && err.code === 'invalid_instance';
  const app = (allow: boolean) => ({ config: { mastodonAllowHttpLoopback: allow } }) as never;
  test('public https origins pass, normalised; everything else is a 400 invalid_instance', () => {
    assert.equal(validateInstanceUrl(app(false), 'https://Mastodon.Example/'), 'https://mastodon.example');
    assert.equal(
      validateInstanceUrl(app(false), 'https://social.example:8443'),
      'https://social.example:8443',
    );
    for (const bad of [
      undefined,
      'not a url',
      'http://mastodon.example',
      'ftp://mastodon.example',
      'https://mastodon.example/@acme',
      'https://mastodon.example/?x=1',
      'https://user:pw@mastodon.example',
      'https://10.1.2.3',
      'https://192.168.0.10',
      'https://172.16.4.4',
      'https://169.254.169.254',
      'https://[fd00::1]',
      'https://intranet',
      'https://mastodon.internal',
      'https://localhost',
      'http://127.0.0.1:3000',
    ])
      assert.throws(() => validateInstanceUrl(app(false), bad), isInvalidInstance, String(bad));
  });
  test('loopback (http too) only with PARAPET_MASTODON_ALLOW_HTTP; private addresses stay refused', () => {
    assert.equal(validateInstanceUrl(app(true), 'http://127.0.0.1:3000'), 'http://127.0.0.1:3000');
    assert.equal(validateInstanceUrl(app(true), 'http://localhost:3000/'), 'http://localhost:3000');
    assert.throws(() => validateInstanceUrl(app(true), 'http://mastodon.example'), isInvalidInstance);
    assert.throws(() => validateInstanceUrl(app(true), 'https://10.0.0.1'), isInvalidInstance);
  });
});

for (const kind of testDbKinds) {
  describe(`mastodon OAuth connect (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    let author: Session;
    const logLines: string[] = [];
    const bodies: string[] = [];
    const call = async (who: Session, url: string) => {
      const res = await as(t, who)('GET', url);
      bodies.push(res.body, JSON.stringify(res.headers));
      return res;
    };
    const useFetch = (exchanges: RecordedExchange[]) => {
      const rec = recordedFetch(exchanges);
      t.ctx.connectorDeps = { fetch: rec.fetch, now: () => Date.now() };
      return rec;
    };
    const verifierOf = async (state: string) =>
      (
        await t.ctx.db
          .selectFrom('account_connect_state')
          .select('code_verifier')
          .where('state', '=', state)
          .executeTakeFirstOrThrow()
      ).code_verifier;
    const start = async () => {
      const res = await call(admin, START);
      assert.equal(res.statusCode, 302, res.body);
      return new URL(res.headers.location as string);
    };
    const finish = async (state: string, accessToken: string) => {
      const rec = useFetch(
        fixture('oauth-token.json', { code_verifier: await verifierOf(state), access_token: accessToken }),
      );
      const cb = await call(
        admin,
        `/api/v1/accounts/connect/mastodon/callback?state=${state}&code=the-mastodon-code`,
      );
      assert.equal(cb.statusCode, 302, cb.body);
      rec.assertDone();
      return new URL(cb.headers.location as string, 'https://p').searchParams.get('accountConnected')!;
    };

    before(async () => {
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(chunk.toString('utf8'));
          done();
        },
      });
      t = await startTestApp(
        kind,
        { PARAPET_PUBLIC_URL: 'https://parapet.example', LOG_LEVEL: 'trace' },
        { logDestination: stream },
      );
      const org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
    });
    after(() => t.close());

    test('registers once per instance, redirects with state + PKCE, callback stores the account', async () => {
      const bad = await call(admin, '/api/v1/accounts/connect/mastodon/start?instance=https://10.0.0.8');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'invalid_instance');
      assert.equal((await call(author, START)).statusCode, 403);

      let rec = useFetch(fixture('oauth-app.json'));
      const url = await start();
      rec.assertDone();
      assert.equal(url.origin + url.pathname, `${INSTANCE}/oauth/authorize`);
      assert.equal(url.searchParams.get('response_type'), 'code');
      assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
      assert.equal(url.searchParams.get('scope'), 'read write');
      assert.equal(
        url.searchParams.get('redirect_uri'),
        'https://parapet.example/api/v1/accounts/connect/mastodon/callback',
      );
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      const state = url.searchParams.get('state')!;
      assert.equal(
        url.searchParams.get('code_challenge'),
        createHash('sha256')
          .update(await verifierOf(state))
          .digest('base64url'),
      );
      const apps = await t.ctx.db.selectFrom('mastodon_app').selectAll().execute();
      assert.equal(apps.length, 1);
      assert.equal(apps[0]!.instance_url, INSTANCE);
      assert.equal(apps[0]!.client_id, CLIENT_ID);
      assert.equal(await t.ctx.vault.reveal(t.ctx.db, apps[0]!.client_secret_id), CLIENT_SECRET);

      // A second connect to the same instance reuses the registration: no request at all.
      rec = useFetch([]);
      const again = await start();
      rec.assertDone();
      assert.equal(again.searchParams.get('client_id'), CLIENT_ID);
      assert.equal((await t.ctx.db.selectFrom('mastodon_app').selectAll().execute()).length, 1);

      // A state that was never issued, or issued to someone else, is refused and reaches no platform.
      rec = useFetch([]);
      const wrong = await call(admin, '/api/v1/accounts/connect/mastodon/callback?state=forged-state&code=c');
      assert.equal(wrong.statusCode, 404, wrong.body);
      const other = await call(author, `/api/v1/accounts/connect/mastodon/callback?state=${state}&code=c`);
      assert.equal(other.statusCode, 404, other.body);
      rec.assertDone();

      const id = await finish(again.searchParams.get('state')!, 'mastodon-USER-token-1');
      const acc = (await call(admin, `/api/v1/accounts/${id}`)).json();
      assert.equal(acc.platform, 'mastodon');
      assert.equal(acc.platformAccountId, '14715');
      assert.equal(acc.handle, 'acme');
      assert.equal(acc.displayName, 'Acme Police');
      assert.equal(acc.baseUrl, INSTANCE);
      const creds = await withAccountCredentials(t.ctx, id, async (a) => ({ ...a.credentials }));
      assert.deepEqual(creds, { accessToken: 'mastodon-USER-token-1' });

      // Authorising the same account again renews its token instead of adding a second account.
      const renewedId = await finish((await start()).searchParams.get('state')!, 'mastodon-USER-token-2');
      assert.equal(renewedId, id);
      assert.equal(
        await withAccountCredentials(t.ctx, id, async (a) => a.credentials.accessToken),
        'mastodon-USER-token-2',
      );
      const actions = (await t.ctx.db.selectFrom('audit_record').select(['action', 'summary']).execute()).map(
        (r) => r.action,
      );
      assert.equal(actions.filter((a) => a === 'account.mastodon_app_registered').length, 1);
      assert.ok(actions.includes('account.connected'));
      assert.ok(actions.includes('account.credentials_replaced'));
    });

    test('a refused token exchange is a clear 502 token_exchange_failed and stores nothing', async () => {
      const state = (await start()).searchParams.get('state')!;
      const before = (await t.ctx.db.selectFrom('social_account').select('id').execute()).length;
      const rec = useFetch(fixture('oauth-token-refused.json'));
      const cb = await call(admin, `/api/v1/accounts/connect/mastodon/callback?state=${state}&code=stale`);
      rec.assertDone();
      assert.equal(cb.statusCode, 502, cb.body);
      assert.equal(cb.json().error.code, 'token_exchange_failed');
      assert.match(cb.json().error.message, /mastodon\.example refused the authorization code/);
      assert.equal((await t.ctx.db.selectFrom('social_account').select('id').execute()).length, before);
    });

    test('a failed app registration is a 502 and leaves no registration behind', async () => {
      const rec = useFetch([
        {
          request: { method: 'POST', url: 'https://other.example/api/v1/apps' },
          response: {
            status: 422,
            body: { error: 'Validation failed: Redirect URI must be an absolute URI.' },
          },
        },
      ]);
      const res = await call(admin, '/api/v1/accounts/connect/mastodon/start?instance=https://other.example');
      rec.assertDone();
      assert.equal(res.statusCode, 502, res.body);
      assert.equal(res.json().error.code, 'platform_error');
      const apps = await t.ctx.db.selectFrom('mastodon_app').select('instance_url').execute();
      assert.deepEqual(
        apps.map((a) => a.instance_url),
        [INSTANCE],
      );
    });

    test('the client secret and user tokens appear in no response, log line or row outside the vault', async () => {
      const tables = await dumpTables(t.ctx.db);
      assert.ok(tables.mastodon_app!.length === 1 && logLines.length > 10 && bodies.length > 10);
      const haystacks = [
        ...logLines,
        ...bodies,
        ...Object.entries(tables)
          .filter(([name]) => name !== 'vault_secret')
          .flatMap(([, rows]) => rows.map((r) => JSON.stringify(r))),
      ];
      for (const secret of [CLIENT_SECRET, 'mastodon-USER-token-1', 'mastodon-USER-token-2'])
        for (const text of haystacks)
          assert.ok(!text.includes(secret), `${secret} found in ${text.slice(0, 200)}`);
    });
  });
}
