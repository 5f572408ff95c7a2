import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addUser,
  as,
  createOrg,
  type Org,
  PASSWORD,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

for (const kind of testDbKinds) {
  describe(`sign-in, sessions and CSRF (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    before(async () => {
      t = await startTestApp(kind, { PARAPET_MAX_FAILED_SIGNINS: '3', PARAPET_LOCKOUT_MINUTES: '15' });
      org = await createOrg(t);
    });
    after(() => t.close());

    test('a correct password gives an httpOnly SameSite session cookie and /me works with it', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: org.adminEmail, password: PASSWORD },
      });
      assert.equal(res.statusCode, 200);
      const setCookie = String(res.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: setCookie.split(';')[0]! },
      });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.email, org.adminEmail);
      assert.deepEqual(me.json().user.roles, ['admin']);
      assert.equal(me.json().user.passwordHash, undefined);
    });

    test('the e-mail address is matched case-insensitively', async () => {
      const s = await signIn(t, org.adminEmail.toUpperCase());
      assert.equal(s.stage, 'active');
    });

    test('a cookie-authenticated write without the CSRF token is refused', async () => {
      const s = await signIn(t, org.adminEmail);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { cookie: s.cookie },
        payload: { name: 'X', kind: 'force' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'csrf_failed');
      const ok = await as(t, s)('POST', '/api/v1/teams', { name: 'Second force', kind: 'force' });
      assert.equal(ok.statusCode, 201);
    });

    test('repeated wrong passwords lock the account, even for the right password, and are audited', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: user.email, password: 'wrong password!!' },
        });
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().error.code, 'invalid_credentials');
      }
      const locked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: user.email, password: PASSWORD },
      });
      assert.equal(locked.statusCode, 423);
      assert.equal(locked.json().error.code, 'account_locked');
      assert.ok(Number(locked.headers['retry-after']) > 0);
      const records = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('target_id', '=', user.id)
        .execute();
      assert.equal(records.filter((r) => r.action === 'auth.sign_in_failed').length, 3);
      assert.ok(records.some((r) => r.action === 'auth.locked_out'));
    });

    test('sign-out ends the session; revoking all sessions signs the user out everywhere', async () => {
      const user = await addUser(t, org.orgId, ['moderator']);
      const a = await signIn(t, user.email);
      const b = await signIn(t, user.email);
      assert.equal((await as(t, a)('POST', '/api/v1/auth/sign-out')).statusCode, 200);
      assert.equal((await as(t, a)('GET', '/api/v1/me')).statusCode, 401);
      assert.equal((await as(t, b)('GET', '/api/v1/me')).statusCode, 200);
      const admin = await signIn(t, org.adminEmail);
      const revoke = await as(t, admin)('POST', `/api/v1/users/${user.id}/revoke-sessions`);
      assert.equal(revoke.statusCode, 200);
      assert.equal(revoke.json().revoked, 1);
      assert.equal((await as(t, b)('GET', '/api/v1/me')).statusCode, 401);
    });

    test('suspending a user revokes their sessions at once and blocks sign-in; reinstating restores it', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const s = await signIn(t, user.email);
      const admin = await signIn(t, org.adminEmail);
      const suspended = await as(t, admin)('POST', `/api/v1/users/${user.id}/suspend`, {
        reason: 'posted without approval',
      });
      assert.equal(suspended.statusCode, 200);
      assert.equal(suspended.json().status, 'suspended');
      assert.equal((await as(t, s)('GET', '/api/v1/me')).statusCode, 401);
      const denied = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: user.email, password: PASSWORD },
      });
      assert.equal(denied.statusCode, 403);
      const back = await as(t, admin)('POST', `/api/v1/users/${user.id}/reinstate`, { reason: 'cleared' });
      assert.equal(back.json().status, 'active');
      assert.equal((await signIn(t, user.email)).stage, 'active');
    });
  });
}
