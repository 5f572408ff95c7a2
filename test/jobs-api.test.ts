import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueueJob } from '../src/jobs/queue.js';
import { addUser, as, createOrg, type Org, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { makeWorker, readJob } from './helpers/jobs.js';

for (const kind of testDbKinds) {
  describe(`jobs admin API (${kind})`, () => {
    let t: TestApp;
    let orgA: Org;
    let orgB: Org;
    const deadA: string[] = [];
    let deadB: string;
    let pendingA: string;

    before(async () => {
      t = await startTestApp(kind);
      orgA = await createOrg(t, 'Org A');
      orgB = await createOrg(t, 'Org B');
      // Nobody handles "test.orphaned": the worker dead-letters them.
      for (let i = 0; i < 2; i++)
        deadA.push(
          (await enqueueJob(t.ctx.db, { type: 'test.orphaned', orgId: orgA.orgId, payload: { i } }))!,
        );
      deadB = (await enqueueJob(t.ctx.db, { type: 'test.orphaned', orgId: orgB.orgId, payload: {} }))!;
      await makeWorker(t, {}).drain();
      pendingA = (await enqueueJob(t.ctx.db, {
        type: 'test.later',
        orgId: orgA.orgId,
        payload: {},
        runAfter: Date.now() + 3_600_000,
      }))!;
    });
    after(() => t.close());

    test("GET /api/v1/jobs?status=dead lists only the own organisation's dead jobs, with counts by status", async () => {
      const res = await as(t, await signIn(t, orgA.adminEmail))('GET', '/api/v1/jobs?status=dead');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(body.jobs.map((j: { id: string }) => j.id).sort(), [...deadA].sort());
      for (const j of body.jobs) {
        assert.equal(j.status, 'dead');
        assert.match(j.lastError, /no handler/);
        assert.equal(j.payload, undefined, 'payloads are not exposed');
      }
      assert.deepEqual(body.counts, { dead: 2, pending: 1 });
      const all = (await as(t, await signIn(t, orgA.adminEmail))('GET', '/api/v1/jobs')).json();
      assert.equal(all.jobs.length, 3);
      assert.ok(!all.jobs.some((j: { id: string }) => j.id === deadB));
      const b = (await as(t, await signIn(t, orgB.adminEmail))('GET', '/api/v1/jobs?status=dead')).json();
      assert.deepEqual(
        b.jobs.map((j: { id: string }) => j.id),
        [deadB],
      );
      assert.deepEqual(b.counts, { dead: 1 });
    });

    test('only administrators may list or retry jobs', async () => {
      const author = await addUser(t, orgA.orgId, ['author']);
      const s = await signIn(t, author.email);
      assert.equal((await as(t, s)('GET', '/api/v1/jobs')).statusCode, 403);
      assert.equal((await as(t, s)('POST', `/api/v1/jobs/${deadA[0]}/retry`)).statusCode, 403);
      assert.equal((await readJob(t, deadA[0]!)).status, 'dead');
    });

    test('POST /api/v1/jobs/:id/retry puts a dead job back to pending, audited; it then runs', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${deadA[0]}/retry`,
        headers: await headers(orgA),
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'pending');
      assert.equal(res.json().attempts, 0);
      const job = await readJob(t, deadA[0]!);
      assert.equal(job.status, 'pending');
      assert.equal(job.attempts, 0);
      assert.ok(job.run_after <= Date.now());
      const record = await t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('action', '=', 'job.retried')
        .where('target_id', '=', deadA[0]!)
        .executeTakeFirstOrThrow();
      assert.equal(record.org_id, orgA.orgId);
      assert.equal(record.actor_id, orgA.adminId);
      assert.equal(record.target_type, 'job');
      assert.equal(record.request_id, res.headers['x-request-id']);
      let ran = 0;
      await makeWorker(t, {
        'test.orphaned': async () => {
          ran++;
        },
      }).drain();
      assert.equal(ran, 1);
      assert.equal((await readJob(t, deadA[0]!)).status, 'done');
    });

    test("retrying a job that is not dead is 409; another organisation's job is 404", async () => {
      const h = await headers(orgA);
      const pending = await t.app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${pendingA}/retry`,
        headers: h,
      });
      assert.equal(pending.statusCode, 409);
      assert.equal(pending.json().error.code, 'job_not_dead');
      const done = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${deadA[0]}/retry`, headers: h });
      assert.equal(done.statusCode, 409);
      const foreign = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${deadB}/retry`, headers: h });
      assert.equal(foreign.statusCode, 404);
      assert.equal((await readJob(t, deadB)).status, 'dead');
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select('target_id')
        .where('action', '=', 'job.retried')
        .execute();
      assert.deepEqual(
        audited.map((r) => r.target_id),
        [deadA[0]],
        'refused retries leave no audit record',
      );
    });

    test('two concurrent retries of one dead job: one succeeds, the other is 409, one audit record', async () => {
      const h = await headers(orgA);
      const [r1, r2] = await Promise.all(
        [1, 2].map(() => t.app.inject({ method: 'POST', url: `/api/v1/jobs/${deadA[1]}/retry`, headers: h })),
      );
      assert.deepEqual([r1!.statusCode, r2!.statusCode].sort(), [200, 409]);
      const audited = await t.ctx.db
        .selectFrom('audit_record')
        .select('id')
        .where('action', '=', 'job.retried')
        .where('target_id', '=', deadA[1]!)
        .execute();
      assert.equal(audited.length, 1);
    });

    async function headers(org: Org) {
      const s = await signIn(t, org.adminEmail);
      return { cookie: s.cookie, 'x-csrf-token': s.csrf };
    }
  });
}
