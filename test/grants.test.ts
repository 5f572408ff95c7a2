import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
import { sandboxConnectFields } from './helpers/sandbox-account.js';

for (const kind of testDbKinds) {
  describe(`account grants (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let comms: Session;
    let moderator: Session;
    let auditor: Session;
    let modId: string;
    let accountId: string;

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      comms = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      const mod = await addUser(t, org.orgId, ['moderator']);
      modId = mod.id;
      moderator = await signIn(t, mod.email);
      auditor = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
      const res = await as(t, admin)('POST', '/api/v1/accounts', await sandboxConnectFields(t, 'grants'));
      assert.equal(res.statusCode, 201, res.body);
      accountId = res.json().id;
    });
    after(() => t.close());

    test('comms grants, changes and removes permissions; each change audited with before and after', async () => {
      const put = await as(t, comms)('PUT', `/api/v1/accounts/${accountId}/grants/${modId}`, {
        permissions: ['moderate', 'view'],
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json().permissions, ['view', 'moderate']);
      const change = await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/${modId}`, {
        permissions: ['reply'],
      });
      assert.deepEqual(change.json().permissions, ['reply']);
      const list = (await as(t, auditor)('GET', `/api/v1/accounts/${accountId}/grants`)).json().grants;
      assert.deepEqual(
        list.map((g: { userId: string }) => g.userId),
        [modId],
      );
      // The grantee sees the account and their own grants, nothing more.
      assert.deepEqual(
        (await as(t, moderator)('GET', '/api/v1/accounts')).json().accounts.map((a: { id: string }) => a.id),
        [accountId],
      );
      assert.equal((await as(t, moderator)('GET', `/api/v1/users/${modId}/grants`)).json().grants.length, 1);
      assert.equal((await as(t, moderator)('GET', `/api/v1/users/${org.adminId}/grants`)).statusCode, 403);
      const del = await as(t, comms)('DELETE', `/api/v1/accounts/${accountId}/grants/${modId}`);
      assert.equal(del.statusCode, 200);
      assert.equal(
        (await as(t, comms)('DELETE', `/api/v1/accounts/${accountId}/grants/${modId}`)).statusCode,
        404,
      );
      assert.deepEqual((await as(t, moderator)('GET', '/api/v1/accounts')).json().accounts, []);

      const records = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('action', 'like', 'account_grant.%')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        records.map((r) => [r.action, JSON.parse(r.summary).before, JSON.parse(r.summary).after]),
        [
          ['account_grant.created', null, ['view', 'moderate']],
          ['account_grant.changed', ['view', 'moderate'], ['reply']],
          ['account_grant.deleted', ['reply'], null],
        ],
      );
    });

    test('only admin and comms manage grants; bad permissions and unknown users refused', async () => {
      for (const s of [moderator, auditor]) {
        const res = await as(t, s)('PUT', `/api/v1/accounts/${accountId}/grants/${modId}`, {
          permissions: ['view'],
        });
        assert.equal(res.statusCode, 403);
      }
      assert.equal((await as(t, moderator)('GET', `/api/v1/accounts/${accountId}/grants`)).statusCode, 403);
      assert.equal(
        (
          await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/${modId}`, {
            permissions: ['own_everything'],
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/no-such-user`, {
            permissions: ['view'],
          })
        ).statusCode,
        404,
      );
      const other = await createOrg(t);
      assert.equal(
        (
          await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/${other.adminId}`, {
            permissions: ['view'],
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (
          await t.ctx.db
            .selectFrom('account_grant')
            .select('user_id')
            .where('account_id', '=', accountId)
            .execute()
        ).length,
        0,
      );
    });
  });
}
