// POST /api/v1/accounts asks the platform whose credentials it was given before storing them (verifyCredentials
// on each connector). Recorded fixtures for Mastodon, Facebook, Instagram and X; the real built-in Sandbox.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { withAccountCredentials } from '../src/modules/accounts/credentials.js';
import { addUser, as, createOrg, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';
import { sandboxConnectFields } from './helpers/sandbox-account.js';

const fixture = (path: string): RecordedExchange[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8')).exchanges;

for (const kind of testDbKinds) {
  describe(`accounts: credentials verified on connect (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    let author: Session;
    const logLines: string[] = [];
    const post = (body: Record<string, unknown>, who: Session = admin) =>
      as(t, who)('POST', '/api/v1/accounts', body);
    const useFetch = (exchanges: RecordedExchange[]) => {
      const rec = recordedFetch(exchanges);
      t.ctx.connectorDeps = { fetch: rec.fetch, now: () => Date.now() };
      return rec;
    };
    const accountCount = async () =>
      (await t.ctx.db.selectFrom('social_account').select('id').execute()).length;
    /** A refused connect: the code, the platform named, the secret nowhere in the body or the logs. */
    const assertRefused = (
      res: { statusCode: number; body: string },
      status: number,
      code: string,
      secret: string,
    ) => {
      assert.equal(res.statusCode, status, res.body);
      const error = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, code);
      assert.ok(!res.body.includes(secret), 'secret in the response');
      for (const line of logLines) assert.ok(!line.includes(secret), `secret in a log line: ${line}`);
      return error;
    };

    before(async () => {
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(chunk.toString('utf8'));
          done();
        },
      });
      t = await startTestApp(kind, { LOG_LEVEL: 'trace' }, { logDestination: stream });
      const org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
    });
    after(() => t.close());

    test('mastodon: id, acct and display name come from verify_credentials; a revoked token is refused', async () => {
      const rec = useFetch(fixture('mastodon/verify-credentials.json'));
      const ok = await post({
        platform: 'mastodon',
        baseUrl: 'https://social.example',
        credentials: { accessToken: 'mastodon-access-token-EXAMPLE' },
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().platformAccountId, '14715');
      assert.equal(ok.json().handle, 'acme');
      assert.equal(ok.json().displayName, 'Acme Police');
      const count = await accountCount();
      const refused = await post({
        platform: 'mastodon',
        baseUrl: 'https://social.example',
        credentials: { accessToken: 'mastodon-REVOKED-token' },
      });
      const error = assertRefused(refused, 400, 'credentials_rejected', 'mastodon-REVOKED-token');
      assert.match(error.message, /mastodon/);
      assert.equal(await accountCount(), count, 'nothing stored');
      rec.assertDone();
    });

    test('facebook: the Page id and name come from /me with the Page token; an expired token is refused', async () => {
      const rec = useFetch(fixture('facebook/verify-credentials.json'));
      const ok = await post({
        platform: 'facebook',
        credentials: { pageAccessToken: 'EAABpageTOKENsecret111' },
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().platformAccountId, '111');
      assert.equal(ok.json().handle, 'Acme');
      const refused = await post({
        platform: 'facebook',
        credentials: { pageAccessToken: 'EAABexpiredTOKEN999' },
      });
      assert.match(
        assertRefused(refused, 400, 'credentials_rejected', 'EAABexpiredTOKEN999').message,
        /facebook/,
      );
      rec.assertDone();
    });

    test('instagram: the given IG user id is confirmed and its username stored', async () => {
      const rec = useFetch(fixture('instagram/verify-credentials.json'));
      const ok = await post({
        platform: 'instagram',
        platformAccountId: '17841400000000001',
        credentials: { accessToken: 'IGQVJpageTOKEN222' },
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().handle, 'acme.police');
      rec.assertDone();
    });

    test('x: a claimed id the platform does not confirm is refused; an unreachable platform is a 502', async () => {
      const rec = useFetch(fixture('x/verify-credentials.json'));
      const count = await accountCount();
      const mismatch = await post({
        platform: 'x',
        platformAccountId: '42',
        credentials: { accessToken: 'x-user-ACCESS-token' },
      });
      const error = assertRefused(mismatch, 400, 'account_mismatch', 'x-user-ACCESS-token');
      assert.match(error.message, /1500000000000000000/);
      const down = await post({ platform: 'x', credentials: { accessToken: 'x-user-OTHER-token' } });
      assertRefused(down, 502, 'platform_unavailable', 'x-user-OTHER-token');
      assert.equal(await accountCount(), count, 'nothing stored');
      rec.assertDone();
    });

    test('sandbox (real): identity from /me; wrong token and wrong handle refused; non-managers never reach the platform', async () => {
      t.ctx.connectorDeps = { fetch: (...args) => fetch(...args), now: () => Date.now() };
      const fields = await sandboxConnectFields(t, 'verify');
      const ok = await post({
        platform: 'sandbox',
        baseUrl: fields.baseUrl,
        credentials: fields.credentials,
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().platformAccountId, fields.platformAccountId);
      assert.equal(ok.json().handle, fields.handle);
      assert.equal(
        await withAccountCredentials(t.ctx, ok.json().id, async (a) => a.credentials.token),
        fields.credentials.token,
      );

      const other = await sandboxConnectFields(t, 'other');
      const wrongToken = `${other.credentials.token}x`;
      const bad = await post({ ...other, credentials: { token: wrongToken } });
      assert.match(assertRefused(bad, 400, 'credentials_rejected', wrongToken).message, /sandbox/);
      const wrongHandle = await post({ ...other, handle: 'someone_else' });
      assertRefused(wrongHandle, 400, 'account_mismatch', other.credentials.token);

      const rec = useFetch([]);
      assert.equal((await post(other, author)).statusCode, 403);
      rec.assertDone();
    });
  });
}
