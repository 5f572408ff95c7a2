// TOTP two-factor sign-in end to end: enrolment, the mfa_pending stage, replay protection, recovery codes,
// lockout, organisation-wide enforcement, admin reset and encryption at rest.
//
// Codes are computed with otplib for explicit time steps: activation uses the current step S and the
// first sign-in S+1. Both stay inside the server's ±30 s window even if a step boundary passes during the
// test, and each test enrols its own user, so replay protection never makes consecutive tests flaky.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generate } from 'otplib';
import {
  addUser,
  as,
  createOrg,
  type Org,
  PASSWORD,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

const PERIOD = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);
const codeAt = (secret: string, step: number) => generate({ secret, epoch: step * PERIOD });

/** A six-digit code that is valid for none of the steps the server could accept around `step`. */
async function wrongCodeNear(secret: string, step: number): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1, 2, 3].map((d) => codeAt(secret, step + d))));
  for (let n = 0; ; n++) {
    const candidate = String((Number(await codeAt(secret, step)) + 1 + n) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

interface Enrolled {
  secret: string;
  step: number;
  recoveryCodes: string[];
}

async function enrolAndActivate(t: TestApp, s: Session): Promise<Enrolled> {
  const enrol = await as(t, s)('POST', '/api/v1/me/mfa/enrol');
  assert.equal(enrol.statusCode, 200, enrol.body);
  const { secret, otpauthUrl } = enrol.json() as { secret: string; otpauthUrl: string };
  assert.match(otpauthUrl, /^otpauth:\/\/totp\//);
  assert.ok(otpauthUrl.includes(`secret=${secret}`));
  const step = currentStep();
  const activate = await as(t, s)('POST', '/api/v1/me/mfa/activate', { code: await codeAt(secret, step) });
  assert.equal(activate.statusCode, 200, activate.body);
  return { secret, step, recoveryCodes: activate.json().recoveryCodes };
}

async function secondFactor(t: TestApp, s: Session, body: { code?: string; recoveryCode?: string }) {
  return as(t, s)('POST', '/api/v1/auth/mfa', body);
}

for (const kind of testDbKinds) {
  describe(`TOTP two-factor sign-in (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    before(async () => {
      t = await startTestApp(kind, { PARAPET_MAX_FAILED_SIGNINS: '3', PARAPET_LOCKOUT_MINUTES: '15' });
      org = await createOrg(t);
    });
    after(() => t.close());

    test('enrolment needs a correct code and returns 10 distinct recovery codes', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const s = await signIn(t, user.email);
      assert.equal(
        (await as(t, s)('POST', '/api/v1/me/mfa/activate', { code: '123456' })).json().error.code,
        'mfa_not_enrolled',
      );
      const { secret } = (await as(t, s)('POST', '/api/v1/me/mfa/enrol')).json();
      const wrong = await as(t, s)('POST', '/api/v1/me/mfa/activate', {
        code: await wrongCodeNear(secret, currentStep()),
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.code, 'invalid_mfa_code');
      assert.equal((await as(t, s)('GET', '/api/v1/me')).json().user.mfaEnabled, false);

      const ok = await as(t, s)('POST', '/api/v1/me/mfa/activate', {
        code: await codeAt(secret, currentStep()),
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const codes = ok.json().recoveryCodes as string[];
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      assert.equal((await as(t, s)('GET', '/api/v1/me')).json().user.mfaEnabled, true);
      const again = await as(t, s)('POST', '/api/v1/me/mfa/enrol');
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'mfa_already_enabled');
      const rows = await t.ctx.db
        .selectFrom('recovery_code')
        .select('code_hash')
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(rows.length, 10);
      for (const code of codes)
        assert.ok(!rows.some((r) => r.code_hash === code), 'recovery codes are stored hashed');
    });

    test('the next sign-in is mfa_pending: other routes refuse it until a correct code is given', async () => {
      const user = await addUser(t, org.orgId, ['moderator']);
      const { secret, step } = await enrolAndActivate(t, await signIn(t, user.email));
      const s = await signIn(t, user.email);
      assert.equal(s.stage, 'mfa_pending');
      const teams = await as(t, s)('GET', '/api/v1/teams');
      assert.equal(teams.statusCode, 401);
      assert.equal(teams.json().error.code, 'mfa_required');
      assert.equal(
        (await as(t, s)('POST', '/api/v1/api-tokens', { name: 'x', scopes: ['read'] })).json().error.code,
        'mfa_required',
      );
      assert.equal((await as(t, s)('GET', '/api/v1/me')).json().stage, 'mfa_pending');

      const wrong = await secondFactor(t, s, { code: await wrongCodeNear(secret, step) });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.code, 'invalid_mfa_code');
      assert.equal((await as(t, s)('GET', '/api/v1/teams')).statusCode, 401);

      const right = await secondFactor(t, s, { code: await codeAt(secret, step + 1) });
      assert.equal(right.statusCode, 200, right.body);
      assert.equal(right.json().method, 'totp');
      assert.equal((await as(t, s)('GET', '/api/v1/me')).json().stage, 'active');
      assert.equal((await as(t, s)('GET', '/api/v1/teams')).statusCode, 200);
      assert.equal((await secondFactor(t, s, { code: '000000' })).json().error.code, 'not_pending');
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select(['action', 'summary'])
        .where('target_id', '=', user.id)
        .execute();
      assert.ok(
        audited.some((r) => r.action === 'auth.signed_in' && JSON.parse(r.summary).method === 'totp'),
      );
    });

    test('a TOTP code cannot be replayed for another sign-in', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const { secret, step } = await enrolAndActivate(t, await signIn(t, user.email));
      const activationCode = await codeAt(secret, step);
      const next = await codeAt(secret, step + 1);
      const first = await signIn(t, user.email);
      assert.equal((await secondFactor(t, first, { code: next })).statusCode, 200);
      const second = await signIn(t, user.email);
      const replay = await secondFactor(t, second, { code: next });
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json().error.code, 'invalid_mfa_code');
      assert.equal(
        (await secondFactor(t, second, { code: activationCode })).statusCode,
        401,
        'the activation code is spent too',
      );
      assert.equal((await as(t, second)('GET', '/api/v1/teams')).json().error.code, 'mfa_required');
    });

    test('a last-used step ahead of the clock (clock moved back, skewed servers) is a wrong code, not a 500', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const { secret, step } = await enrolAndActivate(t, await signIn(t, user.email));
      await t.ctx.db
        .updateTable('app_user')
        .set({ mfa_last_step: step + 10 })
        .where('id', '=', user.id)
        .execute();
      const s = await signIn(t, user.email);
      const res = await secondFactor(t, s, { code: await codeAt(secret, step + 1) });
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'invalid_mfa_code');
    });

    test('a recovery code works once and only once', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const { recoveryCodes } = await enrolAndActivate(t, await signIn(t, user.email));
      const code = recoveryCodes[3]!;
      const a = await signIn(t, user.email);
      const used = await secondFactor(t, a, { recoveryCode: ` ${code.toUpperCase()} ` });
      assert.equal(used.statusCode, 200, used.body);
      assert.deepEqual(used.json(), { method: 'recovery_code', recoveryCodesRemaining: 9 });
      assert.equal((await as(t, a)('GET', '/api/v1/teams')).statusCode, 200);

      const b = await signIn(t, user.email);
      const again = await secondFactor(t, b, { recoveryCode: code });
      assert.equal(again.statusCode, 401);
      assert.equal(again.json().error.code, 'invalid_mfa_code');
      assert.equal(
        (await secondFactor(t, b, { recoveryCode: recoveryCodes[4]! })).json().recoveryCodesRemaining,
        8,
      );
    });

    test('wrong second-factor attempts lock the account, even when password sign-ins come in between', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const { secret, step } = await enrolAndActivate(t, await signIn(t, user.email));
      const wrong = await wrongCodeNear(secret, step);
      // The password is known to the attacker; signing in again must not reset the second-factor count.
      for (let i = 0; i < 3; i++) {
        const s = await signIn(t, user.email);
        assert.equal(s.stage, 'mfa_pending');
        const res = await secondFactor(t, s, { code: wrong });
        assert.equal(res.statusCode, 401);
      }
      const locked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: user.email, password: PASSWORD },
      });
      assert.equal(locked.statusCode, 423);
      assert.equal(locked.json().error.code, 'account_locked');
      const records = await t.ctx.db
        .selectFrom('audit_record')
        .select(['action', 'summary'])
        .where('target_id', '=', user.id)
        .execute();
      assert.equal(
        records.filter(
          (r) => r.action === 'auth.sign_in_failed' && JSON.parse(r.summary).reason === 'second_factor',
        ).length,
        3,
      );
      assert.ok(records.some((r) => r.action === 'auth.locked_out'));
    });

    test('a pending session cannot finish with the right code once the account is locked', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const { secret, step } = await enrolAndActivate(t, await signIn(t, user.email));
      const s = await signIn(t, user.email);
      const wrong = await wrongCodeNear(secret, step);
      for (let i = 0; i < 3; i++) assert.equal((await secondFactor(t, s, { code: wrong })).statusCode, 401);
      const res = await secondFactor(t, s, { code: await codeAt(secret, step + 1) });
      assert.equal(res.statusCode, 423);
      assert.equal((await as(t, s)('GET', '/api/v1/teams')).statusCode, 401);
    });

    test('the TOTP secret is stored only encrypted, in the vault', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const s = await signIn(t, user.email);
      const first = (await as(t, s)('POST', '/api/v1/me/mfa/enrol')).json().secret as string;
      const firstRef = (
        await t.ctx.db
          .selectFrom('app_user')
          .select('mfa_secret')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow()
      ).mfa_secret;
      const { secret } = (await as(t, s)('POST', '/api/v1/me/mfa/enrol')).json() as { secret: string };
      assert.notEqual(secret, first);
      const row = await t.ctx.db
        .selectFrom('app_user')
        .selectAll()
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.mfa_secret && row.mfa_secret !== secret && row.mfa_secret !== firstRef);
      assert.ok(!JSON.stringify(row).includes(secret));
      const vault = await t.ctx.db
        .selectFrom('vault_secret')
        .selectAll()
        .where('id', '=', row.mfa_secret)
        .executeTakeFirstOrThrow();
      assert.equal(vault.purpose, 'user.totp');
      assert.ok(!vault.envelope.includes(secret));
      assert.ok(!vault.envelope.includes(Buffer.from(secret).toString('base64')));
      assert.equal(await t.ctx.vault.reveal(t.ctx.db, row.mfa_secret), secret);
      // Re-enrolling replaced the first secret rather than leaving it behind.
      assert.equal(
        await t.ctx.db.selectFrom('vault_secret').select('id').where('id', '=', firstRef!).executeTakeFirst(),
        undefined,
      );
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select('summary')
        .where('org_id', '=', org.orgId)
        .execute();
      assert.ok(!audit.some((r) => r.summary.includes(secret)));
    });

    test('an organisation can require MFA: users without it must enrol before anything else', async () => {
      const org2 = await createOrg(t);
      const user = await addUser(t, org2.orgId, ['comms']);
      const other = await addUser(t, org2.orgId, ['author']);
      const admin = await signIn(t, org2.adminEmail);
      const commsBefore = await signIn(t, user.email);
      assert.equal(
        (await as(t, commsBefore)('PATCH', '/api/v1/organisation', { requireMfa: true })).statusCode,
        403,
      );
      const patched = await as(t, admin)('PATCH', '/api/v1/organisation', { requireMfa: true });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().requireMfa, true);
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select('summary')
        .where('action', '=', 'organisation.updated')
        .where('org_id', '=', org2.orgId)
        .execute();
      assert.deepEqual(JSON.parse(audited.at(-1)!.summary), { requireMfa: { from: false, to: true } });
      // The first organisation is unaffected.
      assert.equal((await addUser(t, org.orgId, ['author']).then((u) => signIn(t, u.email))).stage, 'active');

      const s = await signIn(t, user.email);
      assert.equal(s.stage, 'mfa_enrolment_required');
      const me = await as(t, s)('GET', '/api/v1/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().stage, 'mfa_enrolment_required');
      for (const [method, url, body] of [
        ['GET', '/api/v1/teams', undefined],
        ['GET', '/api/v1/users', undefined],
        ['POST', '/api/v1/api-tokens', { name: 'x', scopes: ['read'] }],
        ['POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: `${PASSWORD}!` }],
        ['POST', '/api/v1/me/mfa/recovery-codes', { code: '123456' }],
        ['POST', `/api/v1/users/${other.id}/suspend`, { reason: 'x' }],
      ] as const) {
        const res = await as(t, s)(method, url, body);
        assert.equal(res.statusCode, 401, `${method} ${url}`);
        assert.equal(res.json().error.code, 'mfa_enrolment_required');
      }
      const quitter = await signIn(t, other.email);
      assert.equal(quitter.stage, 'mfa_enrolment_required');
      assert.equal((await as(t, quitter)('POST', '/api/v1/auth/sign-out')).statusCode, 200);
      assert.equal((await as(t, quitter)('GET', '/api/v1/me')).statusCode, 401);

      const { secret, step } = await enrolAndActivate(t, s);
      assert.equal((await as(t, s)('GET', '/api/v1/me')).json().stage, 'active');
      assert.equal((await as(t, s)('GET', '/api/v1/teams')).statusCode, 200);

      // Enrolled: the next sign-in asks for the code, and MFA cannot be turned off while it is required.
      const next = await signIn(t, user.email);
      assert.equal(next.stage, 'mfa_pending');
      assert.equal((await secondFactor(t, next, { code: await codeAt(secret, step + 1) })).statusCode, 200);
      const disable = await as(t, next)('POST', '/api/v1/me/mfa/disable', {
        code: await codeAt(secret, step + 2),
      });
      assert.equal(disable.statusCode, 409);
      assert.equal(disable.json().error.code, 'mfa_required');
      const row = await t.ctx.db
        .selectFrom('app_user')
        .select(['mfa_enabled', 'mfa_secret'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.mfa_enabled, 1);
      assert.ok(row.mfa_secret);
    });

    test('MFA can be turned off with a valid code when the organisation does not require it', async () => {
      const user = await addUser(t, org.orgId, ['author']);
      const s = await signIn(t, user.email);
      const { secret, step } = await enrolAndActivate(t, s);
      const wrong = await as(t, s)('POST', '/api/v1/me/mfa/disable', {
        code: await wrongCodeNear(secret, step),
      });
      assert.equal(wrong.statusCode, 401);
      const ok = await as(t, s)('POST', '/api/v1/me/mfa/disable', { code: await codeAt(secret, step + 1) });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((await signIn(t, user.email)).stage, 'active');
    });

    test("an admin can reset a user's MFA (lost device); it is audited and only admins may", async () => {
      const user = await addUser(t, org.orgId, ['author']);
      await enrolAndActivate(t, await signIn(t, user.email));
      const vaultId = (
        await t.ctx.db
          .selectFrom('app_user')
          .select('mfa_secret')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow()
      ).mfa_secret!;
      const comms = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      const refused = await as(t, comms)('POST', `/api/v1/users/${user.id}/reset-mfa`, {
        reason: 'lost phone',
      });
      assert.equal(refused.statusCode, 403);
      const otherOrg = await createOrg(t);
      const foreignAdmin = await signIn(t, otherOrg.adminEmail);
      assert.equal(
        (await as(t, foreignAdmin)('POST', `/api/v1/users/${user.id}/reset-mfa`, { reason: 'x' })).statusCode,
        404,
      );

      const admin = await signIn(t, org.adminEmail);
      const res = await as(t, admin)('POST', `/api/v1/users/${user.id}/reset-mfa`, { reason: 'lost phone' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().mfaEnabled, false);
      assert.equal(
        await t.ctx.db.selectFrom('vault_secret').select('id').where('id', '=', vaultId).executeTakeFirst(),
        undefined,
      );
      assert.equal(
        (await t.ctx.db.selectFrom('recovery_code').select('id').where('user_id', '=', user.id).execute())
          .length,
        0,
      );
      const record = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('action', '=', 'mfa.reset')
        .where('target_id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.equal(record.actor_id, org.adminId);
      assert.deepEqual(JSON.parse(record.summary), { reason: 'lost phone' });
      assert.equal((await signIn(t, user.email)).stage, 'active');
    });
  });
}
