// API tokens for automation: shown once, hashed at rest, scoped, expiring, revocable, and tied to an active user.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

for (const kind of testDbKinds) {
  describe(`API tokens (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
    });
    after(() => t.close());

    const bearer =
      (token: string) =>
      (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
        t.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${token}` },
          ...(payload ? { payload } : {}),
        });

    async function createToken(
      s: Session,
      scopes: string[] = ['read', 'write'],
      extra: Record<string, unknown> = {},
    ) {
      const res = await as(t, s)('POST', '/api/v1/api-tokens', {
        name: `token ${scopes.join('+')}`,
        scopes,
        ...extra,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as {
        token: string;
        apiToken: { id: string; userId: string; expiresAt: number | null };
      };
    }

    test('the token is returned once, starts with ppt_ and is stored only as a hash', async () => {
      const before = Date.now();
      const { token, apiToken } = await createToken(admin);
      assert.match(token, /^ppt_[\w-]{20,}$/);
      assert.equal(apiToken.userId, org.adminId);
      assert.ok(
        apiToken.expiresAt! >= before + 90 * 86_400_000 &&
          apiToken.expiresAt! <= Date.now() + 90 * 86_400_000,
        'default 90 days',
      );
      const row = await t.ctx.db
        .selectFrom('api_token')
        .selectAll()
        .where('id', '=', apiToken.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.token_hash, sha256(token));
      assert.ok(!JSON.stringify(row).includes(token));
      const list = await as(t, admin)('GET', '/api/v1/api-tokens');
      assert.ok(!list.body.includes(token));
      assert.ok(list.json().apiTokens.some((x: { id: string }) => x.id === apiToken.id));
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select('summary')
        .where('target_id', '=', apiToken.id)
        .execute();
      assert.equal(audit.length, 1);
      assert.ok(!audit[0]!.summary.includes(token));
      const never = await createToken(admin, ['read'], { expiresInDays: null });
      assert.equal(never.apiToken.expiresAt, null);
      const noScopes = await as(t, admin)('POST', '/api/v1/api-tokens', { name: 'x', scopes: [] });
      assert.equal(noScopes.statusCode, 400);
    });

    test('a token authenticates with Bearer and writes need no CSRF token; writes are audited as the token', async () => {
      const { token } = await createToken(admin);
      const me = await bearer(token)('GET', '/api/v1/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.id, org.adminId);
      const created = await bearer(token)('POST', '/api/v1/teams', {
        name: 'Automation force',
        kind: 'force',
      });
      assert.equal(created.statusCode, 201, created.body);
      const record = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('target_id', '=', created.json().id)
        .executeTakeFirstOrThrow();
      assert.equal(record.actor_type, 'token');
      assert.equal(record.actor_id, org.adminId);
      for (const bad of ['ppt_not-a-real-token', 'something-else', `${token}x`]) {
        const res = await bearer(bad)('GET', '/api/v1/me');
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().error.code, 'invalid_token');
      }
      assert.equal(
        (await bearer('ppt_bogus')('GET', '/healthz')).statusCode,
        200,
        'public routes ignore a bad token',
      );
    });

    test('a non-admin lists only their own tokens; an admin sees the whole organisation and no other', async () => {
      const author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
      const mod = await signIn(t, (await addUser(t, org.orgId, ['moderator'])).email);
      const mine = await createToken(author);
      const theirs = await createToken(mod);
      const other = await createOrg(t);
      const foreign = await createToken(await signIn(t, other.adminEmail));

      const authorList = (await as(t, author)('GET', '/api/v1/api-tokens')).json().apiTokens as Array<{
        id: string;
      }>;
      assert.deepEqual(
        authorList.map((x) => x.id),
        [mine.apiToken.id],
      );
      const adminIds = (
        (await as(t, admin)('GET', '/api/v1/api-tokens')).json().apiTokens as Array<{ id: string }>
      ).map((x) => x.id);
      assert.ok(adminIds.includes(mine.apiToken.id) && adminIds.includes(theirs.apiToken.id));
      assert.ok(!adminIds.includes(foreign.apiToken.id));

      // Nobody but the owner and their admins can revoke a token.
      assert.equal(
        (await as(t, author)('DELETE', `/api/v1/api-tokens/${theirs.apiToken.id}`)).statusCode,
        404,
      );
      assert.equal(
        (await as(t, admin)('DELETE', `/api/v1/api-tokens/${foreign.apiToken.id}`)).statusCode,
        404,
      );
      assert.equal((await bearer(foreign.token)('GET', '/api/v1/me')).statusCode, 200);
      assert.equal(
        (await bearer(foreign.token)('GET', `/api/v1/users/${org.adminId}`)).statusCode,
        404,
        'organisations are isolated',
      );
    });

    test('a revoked token stops working at once, and the revocation is audited', async () => {
      const author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
      const { token, apiToken } = await createToken(author);
      assert.equal((await bearer(token)('GET', '/api/v1/me')).statusCode, 200);
      const revoked = await as(t, admin)('DELETE', `/api/v1/api-tokens/${apiToken.id}`);
      assert.equal(revoked.statusCode, 200);
      assert.ok(revoked.json().revokedAt > 0);
      const res = await bearer(token)('GET', '/api/v1/me');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'invalid_token');
      const record = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('action', '=', 'api_token.revoked')
        .where('target_id', '=', apiToken.id)
        .executeTakeFirstOrThrow();
      assert.equal(record.actor_id, org.adminId);
      // The owner can revoke their own too.
      const own = await createToken(author);
      assert.equal((await as(t, author)('DELETE', `/api/v1/api-tokens/${own.apiToken.id}`)).statusCode, 200);
      assert.equal((await bearer(own.token)('GET', '/api/v1/me')).statusCode, 401);
    });

    test('an expired token is refused', async () => {
      const { token, apiToken } = await createToken(admin);
      assert.equal((await bearer(token)('GET', '/api/v1/me')).statusCode, 200);
      await t.ctx.db
        .updateTable('api_token')
        .set({ expires_at: Date.now() - 1000 })
        .where('id', '=', apiToken.id)
        .execute();
      const res = await bearer(token)('GET', '/api/v1/me');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'invalid_token');
    });

    test('the token of a suspended user stops working', async () => {
      const user = await addUser(t, org.orgId, ['comms']);
      const { token } = await createToken(await signIn(t, user.email));
      assert.equal((await bearer(token)('GET', '/api/v1/users')).statusCode, 200);
      assert.equal(
        (await as(t, admin)('POST', `/api/v1/users/${user.id}/suspend`, { reason: 'left the team' }))
          .statusCode,
        200,
      );
      const res = await bearer(token)('GET', '/api/v1/users');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'invalid_token');
    });

    test('tokens cannot create tokens, and a read-only token cannot write', async () => {
      const { token: rw } = await createToken(admin);
      const viaToken = await bearer(rw)('POST', '/api/v1/api-tokens', { name: 'child', scopes: ['read'] });
      assert.equal(viaToken.statusCode, 403);
      const count = await t.ctx.db.selectFrom('api_token').select('id').where('name', '=', 'child').execute();
      assert.equal(count.length, 0);

      const { token: ro, apiToken } = await createToken(admin, ['read']);
      assert.equal((await bearer(ro)('GET', '/api/v1/teams')).statusCode, 200);
      for (const [method, url, body] of [
        ['POST', '/api/v1/teams', { name: 'Read-only force', kind: 'force' }],
        ['PATCH', '/api/v1/organisation', { name: 'Renamed' }],
        ['DELETE', `/api/v1/api-tokens/${apiToken.id}`, undefined],
      ] as const) {
        const res = await bearer(ro)(method, url, body);
        assert.equal(res.statusCode, 403, `${method} ${url}`);
        assert.equal(res.json().error.code, 'forbidden');
      }
      assert.equal(
        (await t.ctx.db.selectFrom('team').select('id').where('name', '=', 'Read-only force').execute())
          .length,
        0,
      );
      const row = await t.ctx.db
        .selectFrom('api_token')
        .select('revoked_at')
        .where('id', '=', apiToken.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.revoked_at, null);
    });
  });
}
