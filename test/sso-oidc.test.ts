// Single sign-on end to end: Parapet really listens on a port, a real oidc-provider runs on another, and
// a cookie-jar client follows every redirect by hand (start → IdP login → consent → callback → /me).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../src/modules/audit/actor.js';
import { SSO_ERROR_CODES } from '../src/modules/identity/sso-login-service.js';
import { setUserStatus } from '../src/modules/identity/users-service.js';
import {
  addUser,
  as,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { CookieJar, runToCallback, startIdp, type TestIdp } from './helpers/oidc-idp.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const T = { timeout: 30_000 };

for (const kind of testDbKinds) {
  describe(`single sign-on with OpenID Connect (${kind})`, () => {
    let t: TestApp;
    let idp: TestIdp;
    let base: string;
    let orgA: Org;
    let orgB: Org;
    let slugA: string;
    let adminA: Session;

    const configure = (change: Record<string, unknown> = {}) =>
      as(t, adminA)('PUT', '/api/v1/organisation/sso', {
        issuer: idp.issuer,
        clientId: idp.clientId,
        enabled: true,
        autoProvisionRole: null,
        allowedEmailDomains: [],
        ...change,
      });
    /** The whole browser flow; returns the callback's response and the jar holding the app's cookies. */
    async function ssoSignIn(login: string, slug = slugA) {
      const jar = new CookieJar();
      const callback = await runToCallback(jar, `${base}/api/v1/auth/sso/${slug}/start`, idp, login);
      if (callback.pathname !== '/api/v1/auth/sso/callback')
        return { jar, callback, res: null, location: `${callback.pathname}${callback.hash}` };
      const res = await jar.fetch(callback);
      return { jar, callback, res, location: res.headers.get('location') };
    }
    const me = (jar: CookieJar) => jar.fetch(`${base}/api/v1/me`);
    const sessionCount = async (userId: string) =>
      Number(
        (
          await t.ctx.db
            .selectFrom('session')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await startTestApp(kind, { PARAPET_PUBLIC_URL: base });
      await t.app.listen({ port, host: '127.0.0.1' });
      idp = await startIdp(`${base}/api/v1/auth/sso/callback`);
      orgA = await createOrg(t, 'Force A');
      orgB = await createOrg(t, 'Force B');
      slugA = (
        await t.ctx.db
          .selectFrom('organisation')
          .select('slug')
          .where('id', '=', orgA.orgId)
          .executeTakeFirstOrThrow()
      ).slug;
      adminA = await signIn(t, orgA.adminEmail);
      const res = await configure({ clientSecret: idp.clientSecret });
      assert.equal(res.statusCode, 200, res.body);
    });
    after(async () => {
      await idp?.close();
      await t?.close();
    });

    test(
      'the SSO settings never return or store the client secret in the clear, and changes are audited',
      T,
      async () => {
        const got = await as(t, adminA)('GET', '/api/v1/organisation/sso');
        assert.equal(got.statusCode, 200);
        assert.equal(got.json().clientSecretSet, true);
        assert.equal(got.json().issuer, idp.issuer);
        assert.equal(got.json().redirectUri, `${base}/api/v1/auth/sso/callback`);
        assert.equal(got.json().startUrl, `${base}/api/v1/auth/sso/${slugA}/start`);
        assert.ok(!got.body.includes(idp.clientSecret));
        // Updating without clientSecret keeps the stored one; the PUT response does not echo it either.
        const put = await configure({
          allowedEmailDomains: ['Example.TEST'],
          autoProvisionRole: 'author',
          enabled: false,
        });
        assert.equal(put.statusCode, 200, put.body);
        assert.equal(put.json().clientSecretSet, true);
        assert.deepEqual(put.json().allowedEmailDomains, ['example.test']);
        assert.ok(!put.body.includes(idp.clientSecret));
        assert.equal((await configure()).statusCode, 200);
        const org = await t.ctx.db
          .selectFrom('organisation')
          .select('sso_config')
          .where('id', '=', orgA.orgId)
          .executeTakeFirstOrThrow();
        assert.ok(!org.sso_config!.includes(idp.clientSecret));
        const secretId = JSON.parse(org.sso_config!).clientSecretId as string;
        const vaultRow = await t.ctx.db
          .selectFrom('vault_secret')
          .selectAll()
          .where('id', '=', secretId)
          .executeTakeFirstOrThrow();
        assert.equal(vaultRow.purpose, 'sso.client_secret');
        assert.ok(!vaultRow.envelope.includes(idp.clientSecret));
        assert.equal(await t.ctx.vault.reveal(t.ctx.db, secretId), idp.clientSecret);
        const records = await t.ctx.db
          .selectFrom('audit_record')
          .selectAll()
          .where('org_id', '=', orgA.orgId)
          .where('action', 'like', 'organisation.sso%')
          .execute();
        assert.deepEqual(records.map((r) => r.action).sort(), [
          'organisation.sso_configured',
          'organisation.sso_updated',
          'organisation.sso_updated',
        ]);
        for (const r of records)
          assert.ok(!r.summary.includes(idp.clientSecret) && !r.summary.includes(secretId));
        assert.equal(
          JSON.parse(records.find((r) => r.action === 'organisation.sso_configured')!.summary)
            .clientSecretSet,
          true,
        );
      },
    );

    test('only admins may read or change SSO settings; anonymous callers are refused', T, async () => {
      const author = await addUser(t, orgA.orgId, ['author']);
      const s = await signIn(t, author.email);
      const put = await as(t, s)('PUT', '/api/v1/organisation/sso', {
        issuer: 'https://evil.example',
        clientId: 'x',
        enabled: true,
        autoProvisionRole: 'admin',
        allowedEmailDomains: ['evil.example'],
      });
      assert.equal(put.statusCode, 403);
      assert.equal((await as(t, s)('GET', '/api/v1/organisation/sso')).statusCode, 403);
      assert.equal((await as(t, s)('DELETE', '/api/v1/organisation/sso')).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/organisation/sso' })).statusCode, 401);
      const stored = await t.ctx.db
        .selectFrom('organisation')
        .select('sso_config')
        .where('id', '=', orgA.orgId)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(stored.sso_config!).issuer, idp.issuer);
    });

    test(
      'bad settings are refused: plain-http remote issuer, auto-provisioning without domains, unknown fields',
      T,
      async () => {
        const insecure = await configure({ issuer: 'http://login.example.org' });
        assert.equal(insecure.statusCode, 400);
        assert.equal(insecure.json().error.code, 'insecure_issuer');
        const noDomains = await configure({ autoProvisionRole: 'author', allowedEmailDomains: [] });
        assert.equal(noDomains.json().error.code, 'domains_required');
        const badRole = await configure({ autoProvisionRole: 'superuser' });
        assert.equal(badRole.statusCode, 400);
        const extra = await configure({ clientSecretPlain: 'x' });
        assert.equal(extra.statusCode, 400);
      },
    );

    test('an existing user signs in through the IdP, gets a session and /me shows them', T, async () => {
      const user = await addUser(t, orgA.orgId, ['moderator']);
      const { res, location, jar } = await ssoSignIn(user.email.toUpperCase());
      assert.equal(res?.status, 302);
      assert.equal(location, '/');
      assert.ok(jar.get(base, 'parapet_session'));
      const who = await me(jar);
      assert.equal(who.status, 200);
      const body = (await who.json()) as { user: { email: string; roles: string[] }; stage: string };
      assert.equal(body.user.email, user.email);
      assert.deepEqual(body.user.roles, ['moderator']);
      assert.equal(body.stage, 'active');
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('target_id', '=', user.id)
        .where('action', '=', 'auth.signed_in')
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(audited.summary).method, 'sso');
      assert.equal(audited.actor_id, user.id);
      const left = await t.ctx.db
        .selectFrom('sso_login_state')
        .select('state')
        .where('org_id', '=', orgA.orgId)
        .execute();
      assert.equal(left.length, 0, 'the login state is single use');
    });

    test('an unknown e-mail without auto-provisioning is refused and no account is made', T, async () => {
      const email = uniqueEmail('stranger');
      const { location, jar } = await ssoSignIn(email);
      assert.equal(location, '/sign-in#error=sso_unknown_user');
      assert.equal(jar.get(base, 'parapet_session'), undefined);
      assert.equal(
        await t.ctx.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst(),
        undefined,
      );
      const refused = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('org_id', '=', orgA.orgId)
        .where('action', '=', 'auth.sso_refused')
        .execute();
      assert.ok(refused.some((r) => JSON.parse(r.summary).email === email));
    });

    test(
      'auto-provisioning creates the user with the configured role, only for allowed domains',
      T,
      async () => {
        assert.equal(
          (await configure({ autoProvisionRole: 'author', allowedEmailDomains: ['newcomers.example'] }))
            .statusCode,
          200,
        );
        try {
          const email = `new-${Date.now()}@newcomers.example`;
          const { location, jar } = await ssoSignIn(email);
          assert.equal(location, '/');
          const body = (await (await me(jar)).json()) as {
            user: { email: string; roles: string[]; hasPassword: boolean };
            organisation: { id: string };
          };
          assert.equal(body.user.email, email);
          assert.deepEqual(body.user.roles, ['author']);
          assert.equal(body.user.hasPassword, false);
          assert.equal(body.organisation.id, orgA.orgId);
          const created = await t.ctx.db
            .selectFrom('app_user')
            .selectAll()
            .where('email', '=', email)
            .executeTakeFirstOrThrow();
          assert.equal(created.name, `IdP ${email.split('@')[0]}`);
          const invites = await t.ctx.db
            .selectFrom('one_time_token')
            .select('id')
            .where('user_id', '=', created.id)
            .execute();
          assert.equal(invites.length, 0, 'no unused invite link is left behind for an SSO-only account');

          const outsider = `x-${Date.now()}@elsewhere.example`;
          const refused = await ssoSignIn(outsider);
          assert.equal(refused.location, '/sign-in#error=sso_domain_not_allowed');
          assert.equal(
            await t.ctx.db
              .selectFrom('app_user')
              .select('id')
              .where('email', '=', outsider)
              .executeTakeFirst(),
            undefined,
          );
        } finally {
          await configure({ autoProvisionRole: null, allowedEmailDomains: [] });
        }
      },
    );

    test(
      "a user of another organisation with the same e-mail cannot sign in through this organisation's SSO",
      T,
      async () => {
        const other = await addUser(t, orgB.orgId, ['admin']);
        const domain = other.email.split('@')[1]!;
        for (const change of [{}, { autoProvisionRole: 'admin', allowedEmailDomains: [domain] }]) {
          assert.equal((await configure(change)).statusCode, 200);
          const { location, jar } = await ssoSignIn(other.email);
          assert.equal(location, '/sign-in#error=sso_unknown_user');
          assert.equal(jar.get(base, 'parapet_session'), undefined);
          assert.equal(await sessionCount(other.id), 0);
        }
        await configure();
        const inA = await t.ctx.db
          .selectFrom('app_user')
          .select('id')
          .where('org_id', '=', orgA.orgId)
          .where('email', '=', other.email)
          .execute();
        assert.equal(inA.length, 0);
      },
    );

    test('a tampered, unbound, forged or replayed state is refused', T, async () => {
      const user = await addUser(t, orgA.orgId, ['comms']);
      const jar = new CookieJar();
      const callback = await runToCallback(jar, `${base}/api/v1/auth/sso/${slugA}/start`, idp, user.email);
      const state = callback.searchParams.get('state')!;
      assert.equal(jar.get(base, 'parapet_sso_state'), state);
      const cookie = `parapet_sso_state=${state}`;
      const tryCallback = async (url: URL, cookieHeader: string) => {
        const res = await fetch(url, {
          redirect: 'manual',
          headers: cookieHeader ? { cookie: cookieHeader } : {},
        });
        assert.equal(
          res.headers.getSetCookie().some((c) => c.startsWith('parapet_session=')),
          false,
        );
        return res.headers.get('location');
      };
      const tampered = new URL(callback);
      tampered.searchParams.set('state', `${state.slice(0, -2)}xx`);
      assert.equal(await tryCallback(tampered, cookie), '/sign-in#error=sso_invalid_state');
      // Forged: state and cookie agree but were never issued by /start.
      tampered.searchParams.set('state', 'forged-state-value');
      assert.equal(
        await tryCallback(tampered, 'parapet_sso_state=forged-state-value'),
        '/sign-in#error=sso_invalid_state',
      );
      // Login CSRF: a valid callback link opened in a browser that did not start the flow.
      assert.equal(await tryCallback(callback, ''), '/sign-in#error=sso_invalid_state');
      // The genuine browser still succeeds once…
      const ok = await jar.fetch(callback);
      assert.equal(ok.headers.get('location'), '/');
      assert.equal((await me(jar)).status, 200);
      // …and replaying the same callback (even with the state cookie) is refused.
      assert.equal(await tryCallback(callback, cookie), '/sign-in#error=sso_invalid_state');
      assert.equal(await sessionCount(user.id), 1);
    });

    test('an expired login state is refused', T, async () => {
      const user = await addUser(t, orgA.orgId, ['author']);
      const jar = new CookieJar();
      const callback = await runToCallback(jar, `${base}/api/v1/auth/sso/${slugA}/start`, idp, user.email);
      await t.ctx.db
        .updateTable('sso_login_state')
        .set({ expires_at: Date.now() - 1 })
        .where('state', '=', callback.searchParams.get('state')!)
        .execute();
      const res = await jar.fetch(callback);
      assert.equal(res.headers.get('location'), '/sign-in#error=sso_invalid_state');
      assert.equal(await sessionCount(user.id), 0);
    });

    test(
      'suspended users, unverified e-mail addresses and a cancelled IdP login are refused',
      T,
      async () => {
        const user = await addUser(t, orgA.orgId, ['author']);
        await setUserStatus(t.ctx, orgA.orgId, systemContext('test'), user.id, 'suspended', 'test');
        assert.equal((await ssoSignIn(user.email)).location, '/sign-in#error=sso_account_suspended');
        const unverified = await addUser(t, orgA.orgId, ['author']);
        idp.claimOverrides.set(unverified.email, { email_verified: false });
        assert.equal((await ssoSignIn(unverified.email)).location, '/sign-in#error=sso_email_unverified');
        const jar = new CookieJar();
        const cancelled = await runToCallback(
          jar,
          `${base}/api/v1/auth/sso/${slugA}/start`,
          idp,
          unverified.email,
          'abort',
        );
        assert.equal(cancelled.searchParams.get('error'), 'access_denied');
        assert.equal((await jar.fetch(cancelled)).headers.get('location'), '/sign-in#error=sso_cancelled');
        assert.equal(await sessionCount(user.id), 0);
        assert.equal(await sessionCount(unverified.id), 0);
      },
    );

    test(
      'the discovered IdP configuration is cached, and a changed client secret fetches it again',
      T,
      async () => {
        const user = await addUser(t, orgA.orgId, ['author']);
        assert.equal((await ssoSignIn(user.email)).location, '/');
        const before = idp.discoveryFetches();
        assert.equal((await ssoSignIn(user.email)).location, '/');
        assert.equal((await ssoSignIn(user.email)).location, '/');
        assert.equal(idp.discoveryFetches(), before, 'no discovery while cached');
        assert.equal((await configure({ clientSecret: idp.clientSecret })).statusCode, 200);
        assert.equal((await ssoSignIn(user.email)).location, '/');
        assert.equal(idp.discoveryFetches(), before + 1);
        // A wrong secret is used at once (not a stale cached one): the code exchange fails.
        assert.equal((await configure({ clientSecret: 'wrong-secret' })).statusCode, 200);
        assert.equal((await ssoSignIn(user.email)).location, '/sign-in#error=sso_provider_error');
        assert.equal((await configure({ clientSecret: idp.clientSecret })).statusCode, 200);
        assert.equal((await ssoSignIn(user.email)).location, '/');
      },
    );

    test(
      'unknown organisations and organisations without SSO get a readable error code, not a stack trace',
      T,
      async () => {
        const unknown = await fetch(`${base}/api/v1/auth/sso/no-such-org/start`, { redirect: 'manual' });
        assert.equal(unknown.status, 302);
        assert.equal(unknown.headers.get('location'), '/sign-in#error=sso_unknown_organisation');
        const slugB = (
          await t.ctx.db
            .selectFrom('organisation')
            .select('slug')
            .where('id', '=', orgB.orgId)
            .executeTakeFirstOrThrow()
        ).slug;
        const disabled = await fetch(`${base}/api/v1/auth/sso/${slugB}/start`, { redirect: 'manual' });
        assert.equal(disabled.headers.get('location'), '/sign-in#error=sso_disabled');
        const bare = await fetch(`${base}/api/v1/auth/sso/callback?code=abc`, { redirect: 'manual' });
        assert.equal(bare.headers.get('location'), '/sign-in#error=sso_invalid_state');
        // The sign-in page has a message for every code the flow can produce.
        const script = await readFile(new URL('../src/http/pages/pages.js', import.meta.url), 'utf8');
        for (const code of SSO_ERROR_CODES)
          assert.match(script, new RegExp(`\\b${code}:`), `no message for ${code}`);
      },
    );

    test(
      'disabling and then deleting SSO stops sign-in and removes the secret from the vault',
      T,
      async () => {
        const user = await addUser(t, orgA.orgId, ['author']);
        assert.equal((await configure({ enabled: false })).statusCode, 200);
        assert.equal((await ssoSignIn(user.email)).location, '/sign-in#error=sso_disabled');
        const stored = await t.ctx.db
          .selectFrom('organisation')
          .select('sso_config')
          .where('id', '=', orgA.orgId)
          .executeTakeFirstOrThrow();
        const secretId = JSON.parse(stored.sso_config!).clientSecretId as string;
        const del = await as(t, adminA)('DELETE', '/api/v1/organisation/sso');
        assert.equal(del.statusCode, 200);
        assert.equal(
          await t.ctx.db
            .selectFrom('vault_secret')
            .select('id')
            .where('id', '=', secretId)
            .executeTakeFirst(),
          undefined,
        );
        const got = await as(t, adminA)('GET', '/api/v1/organisation/sso');
        assert.equal(got.json().configured, false);
        assert.equal((await as(t, adminA)('DELETE', '/api/v1/organisation/sso')).statusCode, 404);
        const audited = await t.ctx.db
          .selectFrom('audit_record')
          .select('action')
          .where('org_id', '=', orgA.orgId)
          .where('action', '=', 'organisation.sso_removed')
          .execute();
        assert.equal(audited.length, 1);
        assert.equal((await ssoSignIn(user.email)).location, '/sign-in#error=sso_disabled');
        assert.equal(await sessionCount(user.id), 0);
      },
    );
  });
}
