// Connecting a Bluesky account with handle + app password + PDS URL against a real local network: Parapet
// logs in (createSession, §6.1) before storing anything, and keeps the DID the PDS names, not the client's.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { withAccountCredentials } from '../src/modules/accounts/credentials.js';
import { as, createOrg, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { type BlueskyNetwork, startBlueskyNetwork } from './helpers/bluesky-network.js';
import { testDbKinds } from './helpers/databases.js';

describe('bluesky: credentials verified on connect (real local network)', () => {
  let net: BlueskyNetwork;
  before(async () => {
    net = await startBlueskyNetwork();
  });
  after(() => net?.stop());

  for (const kind of testDbKinds) {
    describe(kind, () => {
      let t: TestApp;
      let admin: Session;
      const logLines: string[] = [];
      before(async () => {
        const stream = new Writable({
          write(chunk: Buffer, _enc, done) {
            logLines.push(chunk.toString('utf8'));
            done();
          },
        });
        t = await startTestApp(kind, { LOG_LEVEL: 'trace' }, { logDestination: stream });
        admin = await signIn(t, (await createOrg(t)).adminEmail);
      });
      after(() => t.close());

      test('handle + app password + PDS URL: the DID comes from the PDS and the password works later', async () => {
        const acct = await net.createAccount(`v${kind.slice(0, 2)}`);
        const res = await as(t, admin)('POST', '/api/v1/accounts', {
          platform: 'bluesky',
          handle: acct.handle,
          baseUrl: net.pdsUrl,
          credentials: { appPassword: acct.appPassword },
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json().platformAccountId, acct.did);
        assert.equal(res.json().handle, acct.handle);
        assert.ok(!res.body.includes(acct.appPassword));
        const stored = await withAccountCredentials(t.ctx, res.json().id, async (a) => a.credentials);
        assert.equal(stored.appPassword, acct.appPassword);

        // A DID the client claims but the PDS does not confirm is refused, and nothing is stored.
        const other = await net.createAccount(`w${kind.slice(0, 2)}`);
        const mismatch = await as(t, admin)('POST', '/api/v1/accounts', {
          platform: 'bluesky',
          platformAccountId: acct.did,
          handle: other.handle,
          baseUrl: net.pdsUrl,
          credentials: { appPassword: other.appPassword },
        });
        assert.equal(mismatch.statusCode, 400, mismatch.body);
        assert.equal(mismatch.json().error.code, 'account_mismatch');
        const rows = await t.ctx.db.selectFrom('social_account').select('platform_account_id').execute();
        assert.deepEqual(
          rows.map((r) => r.platform_account_id),
          [acct.did],
        );
      });

      test('a wrong app password: 400 credentials_rejected, nothing stored, the password nowhere', async () => {
        const acct = await net.createAccount(`x${kind.slice(0, 2)}`);
        const wrong = 'zzzz-wrong-pass-word';
        const before = await t.ctx.db.selectFrom('social_account').select('id').execute();
        const res = await as(t, admin)('POST', '/api/v1/accounts', {
          platform: 'bluesky',
          handle: acct.handle,
          baseUrl: net.pdsUrl,
          credentials: { appPassword: wrong },
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().error.code, 'credentials_rejected');
        assert.match(res.json().error.message, /bluesky/);
        assert.ok(!res.body.includes(wrong));
        assert.equal(
          (await t.ctx.db.selectFrom('social_account').select('id').execute()).length,
          before.length,
        );
        assert.ok(
          logLines.some((l) => l.includes('credentials check failed')),
          'the refusal was logged',
        );
        for (const line of logLines) assert.ok(!line.includes(wrong), `password in log: ${line}`);
        for (const line of logLines) assert.ok(!line.includes(acct.appPassword));
      });
    });
  }
});
