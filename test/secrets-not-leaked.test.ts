// Runs the flows that handle secrets, then searches every log line, every response body and every database
// row (outside the encrypted vault) for them. Only the one response that hands a secret to its owner may hold it.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { createOrg, type Org, sessionCookie, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { dumpTables } from './helpers/routes.js';

const PASSWORD = 'Recognisable-Pa55word-Quokka-7301';
const NEW_PASSWORD = 'Second-Recognisable-Wombat-4418';
const WRONG_PASSWORD = 'Wrong-Recognisable-Numbat-9925';

for (const kind of testDbKinds) {
  describe(`secrets never leak into logs, responses or the database (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    const logLines: string[] = [];
    const bodies: Array<{ label: string; body: string }> = [];
    const handedOver: string[] = [];
    const secrets = new Map<string, string>([
      ['password', PASSWORD],
      ['new password', NEW_PASSWORD],
      ['wrong password', WRONG_PASSWORD],
    ]);

    /** Sends a request; its response body is searched later unless it is the one that hands a secret over. */
    const http = async (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      opts: {
        payload?: unknown;
        cookie?: string;
        csrf?: string;
        bearer?: string;
        handsOverSecret?: boolean;
      } = {},
    ): Promise<LightMyRequestResponse> => {
      const res = await t.app.inject({
        method,
        url,
        headers: {
          'user-agent': 'secrets-test',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
          ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
        },
        ...(opts.payload === undefined ? {} : { payload: opts.payload as Record<string, unknown> }),
      });
      if (opts.handsOverSecret) handedOver.push(res.body);
      else bodies.push({ label: `${method} ${url} → ${res.statusCode}`, body: res.body });
      return res;
    };

    before(async () => {
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      // The most verbose level, so anything that would ever be logged is.
      t = await startTestApp(kind, { LOG_LEVEL: 'trace' }, { logDestination: stream });
      org = await createOrg(t);
    });
    after(() => t.close());

    test('invite, sign-in, password change, MFA, recovery codes and API tokens', async () => {
      const admin = await http('POST', '/api/v1/auth/sign-in', {
        payload: { email: org.adminEmail, password: 'correct horse battery staple' },
      });
      const adminAuth = { cookie: sessionCookie(admin), csrf: admin.json().csrfToken as string };

      // Invite: the link (and its token) goes to the admin once; the invitee sets the recognisable password.
      const email = `secret-keeper-${Date.now()}@example.test`;
      const created = await http('POST', '/api/v1/users', {
        ...adminAuth,
        payload: { email, name: 'Secret Keeper', roles: ['author'] },
        handsOverSecret: true,
      });
      assert.equal(created.statusCode, 201, created.body);
      const inviteToken = new URL(created.json().inviteUrl).hash.replace('#token=', '');
      secrets.set('invite token', inviteToken);
      const accepted = await http('POST', '/api/v1/auth/accept-invite', {
        payload: { token: inviteToken, password: PASSWORD },
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(
        (
          await http('POST', '/api/v1/auth/accept-invite', {
            payload: { token: inviteToken, password: PASSWORD },
          })
        ).statusCode,
        400,
      );

      // Failed sign-ins (wrong password; right password for an unknown address), then a good one.
      for (let i = 0; i < 2; i++) {
        assert.equal(
          (await http('POST', '/api/v1/auth/sign-in', { payload: { email, password: WRONG_PASSWORD } }))
            .statusCode,
          401,
        );
      }
      assert.equal(
        (
          await http('POST', '/api/v1/auth/sign-in', {
            payload: { email: `nobody-${email}`, password: PASSWORD },
          })
        ).statusCode,
        401,
      );
      let res = await http('POST', '/api/v1/auth/sign-in', { payload: { email, password: PASSWORD } });
      assert.equal(res.statusCode, 200, res.body);
      let auth = { cookie: sessionCookie(res), csrf: res.json().csrfToken as string };

      // Password change: wrong current password first, then the real change.
      assert.equal(
        (
          await http('POST', '/api/v1/me/password', {
            ...auth,
            payload: { currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD },
          })
        ).statusCode,
        400,
      );
      res = await http('POST', '/api/v1/me/password', {
        ...auth,
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      assert.equal(res.statusCode, 200, res.body);

      // MFA: the secret is handed over once at enrolment, the recovery codes once at activation.
      const enrol = await http('POST', '/api/v1/me/mfa/enrol', { ...auth, handsOverSecret: true });
      assert.equal(enrol.statusCode, 200, enrol.body);
      const totpSecret = enrol.json().secret as string;
      secrets.set('TOTP secret', totpSecret);
      secrets.set('otpauth URL', enrol.json().otpauthUrl as string);
      assert.equal(
        (await http('POST', '/api/v1/me/mfa/activate', { ...auth, payload: { code: '000000' } })).statusCode,
        401,
      );
      const activate = await http('POST', '/api/v1/me/mfa/activate', {
        ...auth,
        payload: { code: await generate({ secret: totpSecret }) },
        handsOverSecret: true,
      });
      assert.equal(activate.statusCode, 200, activate.body);
      const recoveryCodes = activate.json().recoveryCodes as string[];
      assert.equal(recoveryCodes.length, 10);
      recoveryCodes.forEach((code, i) => {
        secrets.set(`recovery code ${i}`, code);
        secrets.set(`recovery code ${i} without dashes`, code.replace(/-/g, ''));
      });

      // Sign in again with the second factor: a wrong recovery code, then a right one.
      await http('POST', '/api/v1/auth/sign-out', auth);
      res = await http('POST', '/api/v1/auth/sign-in', { payload: { email, password: NEW_PASSWORD } });
      assert.equal(res.json().stage, 'mfa_pending');
      auth = { cookie: sessionCookie(res), csrf: res.json().csrfToken as string };
      assert.equal(
        (await http('POST', '/api/v1/auth/mfa', { ...auth, payload: { recoveryCode: 'zzzz-zzzz-zzzz' } }))
          .statusCode,
        401,
      );
      res = await http('POST', '/api/v1/auth/mfa', { ...auth, payload: { recoveryCode: recoveryCodes[3] } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().method, 'recovery_code');

      // API token: handed over once, then used, revoked and used again.
      const created2 = await http('POST', '/api/v1/api-tokens', {
        ...auth,
        payload: { name: 'automation', scopes: ['read', 'write'], expiresInDays: 30 },
        handsOverSecret: true,
      });
      assert.equal(created2.statusCode, 201, created2.body);
      const apiToken = created2.json().token as string;
      secrets.set('API token', apiToken);
      secrets.set('API token body', apiToken.replace(/^ppt_/, ''));
      assert.equal((await http('GET', '/api/v1/me', { bearer: apiToken })).statusCode, 200);
      assert.equal((await http('GET', '/api/v1/api-tokens', { bearer: apiToken })).statusCode, 200);
      assert.equal(
        (await http('DELETE', `/api/v1/api-tokens/${created2.json().apiToken.id}`, auth)).statusCode,
        200,
      );
      assert.equal((await http('GET', '/api/v1/me', { bearer: apiToken })).statusCode, 401);

      // Everything an operator or another user could read: the audit log and its export.
      const adminAudit = await http('GET', '/api/v1/audit?limit=500', adminAuth);
      assert.equal(adminAudit.statusCode, 200);
      assert.equal((await http('GET', '/api/v1/audit/export?format=json', adminAuth)).statusCode, 200);
      assert.equal((await http('GET', '/api/v1/users', adminAuth)).statusCode, 200);
    });

    test('none of the secrets appears in any log line, response body or database row', async () => {
      assert.ok(secrets.size >= 20, 'the flows above ran and collected their secrets');
      assert.ok(logLines.length > 20, `log lines were captured (${logLines.length})`);
      assert.ok(
        logLines.some((l) => l.includes('/api/v1/auth/sign-in')),
        'request logs are captured',
      );
      const rows = await dumpTables(t.ctx.db);
      assert.ok((rows.vault_secret ?? []).length >= 1, 'the TOTP secret is in the vault');
      const places: Array<{ where: string; text: string }> = [
        ...logLines.map((text, i) => ({ where: `log line ${i}`, text })),
        ...bodies.map((b) => ({ where: `response ${b.label}`, text: b.body })),
        ...Object.entries(rows)
          .filter(([table]) => table !== 'vault_secret')
          .flatMap(([table, list]) =>
            list.map((row) => ({ where: `${table} row`, text: JSON.stringify(row) })),
          ),
      ];
      // The search works: the responses that legitimately hand secrets over do contain them.
      for (const name of ['invite token', 'TOTP secret', 'recovery code 0', 'API token']) {
        assert.ok(
          handedOver.some((b) => b.includes(secrets.get(name)!)),
          `${name} is found where it was handed over`,
        );
      }
      const hits: string[] = [];
      for (const [name, secret] of secrets) {
        for (const place of places) {
          if (place.text.toLowerCase().includes(secret.toLowerCase()))
            hits.push(`${name} in ${place.where}: ${place.text.slice(0, 200)}`);
        }
      }
      assert.deepEqual(hits, []);
    });
  });
}
