import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import {
  CredentialsExpiredError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from '../src/connectors/errors.js';
import { openDatabase } from '../src/db/database.js';
import { claimJobs } from '../src/jobs/claim.js';
import { PermanentJobError, RetryLaterError } from '../src/jobs/errors.js';
import { enqueueJob, type NewJob } from '../src/jobs/queue.js';
import type { JobWorker } from '../src/jobs/worker.js';
import { createWorker } from '../src/worker.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { deferred, FaultPlugin, makeDue, makeWorker, readJob, waitFor } from './helpers/jobs.js';

for (const kind of testDbKinds) {
  describe(`durable jobs (${kind})`, () => {
    let t: TestApp;
    const started: JobWorker[] = [];
    const enqueue = async (type: string, extra: Partial<NewJob> = {}) =>
      (await enqueueJob(t.ctx.db, { type, payload: { n: 1 }, ...extra }))!;

    before(async () => {
      t = await startTestApp(kind, { PARAPET_WORKER_POLL_MS: '60000' });
    });
    after(() => t.close());
    beforeEach(() => t.ctx.db.deleteFrom('job').execute());
    afterEach(async () => {
      await Promise.all(started.splice(0).map((w) => w.stop()));
    });

    test('a job enqueued in a transaction that rolls back does not exist (outbox); one that commits does', async () => {
      await assert.rejects(
        t.ctx.db.transaction().execute(async (trx) => {
          assert.ok(await enqueueJob(trx, { type: 'test.outbox', payload: { rolled: 'back' } }));
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.equal((await t.ctx.db.selectFrom('job').select('id').execute()).length, 0);
      const id = await t.ctx.db
        .transaction()
        .execute((trx) => enqueueJob(trx, { type: 'test.outbox', payload: { committed: true } }));
      const job = await readJob(t, id!);
      assert.equal(job.status, 'pending');
      assert.deepEqual(JSON.parse(job.payload), { committed: true });
    });

    test('an idempotency key admits one job: a second enqueue returns null', async () => {
      const first = await enqueue('test.idem', { idempotencyKey: 'publish:post-1' });
      assert.ok(first);
      const second = await t.ctx.db
        .transaction()
        .execute((trx) =>
          enqueueJob(trx, { type: 'test.idem', payload: { again: true }, idempotencyKey: 'publish:post-1' }),
        );
      assert.equal(second, null);
      const rows = await t.ctx.db.selectFrom('job').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.id, first);
      assert.ok(
        await enqueue('test.idem', { idempotencyKey: 'publish:post-2' }),
        'a different key is a different job',
      );
      assert.ok(await enqueue('test.idem'), 'no key: never deduplicated');
      assert.ok(await enqueue('test.idem'));
    });

    test('a handler that fails twice then succeeds is done after 3 attempts, backing off between them', async () => {
      let calls = 0;
      const attempts: number[] = [];
      const w = makeWorker(t, {
        'test.flaky': async (job) => {
          attempts.push(job.attempt);
          if (++calls < 3) throw new Error(`flaky failure ${calls}`);
        },
      });
      const id = await enqueue('test.flaky');
      for (const [attempt, ceiling] of [
        [1, 1000],
        [2, 2000],
      ] as const) {
        const before = Date.now();
        assert.equal(await w.drain(), 1);
        const job = await readJob(t, id);
        assert.equal(job.status, 'pending');
        assert.equal(job.attempts, attempt);
        assert.equal(job.last_error, `flaky failure ${attempt}`);
        assert.equal(job.locked_by, null);
        // Default backoff: attempt n waits between half and all of 1 s * 2^(n-1).
        assert.ok(job.run_after >= before + ceiling / 2, `run_after only ${job.run_after - before} ms ahead`);
        assert.ok(job.run_after <= Date.now() + ceiling);
        assert.equal(await w.drain(), 0, 'not run again before its backoff elapsed');
        await makeDue(t, id);
      }
      assert.equal(await w.drain(), 1);
      const done = await readJob(t, id);
      assert.equal(done.status, 'done');
      assert.equal(done.attempts, 3);
      assert.equal(done.last_error, null);
      assert.deepEqual(attempts, [1, 2, 3]);
    });

    test('PermanentJobError dead-letters at once', async () => {
      const w = makeWorker(t, {
        'test.perm': async () => {
          throw new PermanentJobError('account was deleted');
        },
      });
      const id = await enqueue('test.perm');
      await w.drain();
      const job = await readJob(t, id);
      assert.equal(job.status, 'dead');
      assert.equal(job.attempts, 1);
      assert.equal(job.last_error, 'account was deleted');
    });

    test('exceeding max_attempts dead-letters with the last error', async () => {
      let n = 0;
      const w = makeWorker(t, {
        'test.always': async () => {
          throw new Error(`failure #${++n}`);
        },
      });
      const id = await enqueue('test.always', { maxAttempts: 2 });
      await w.drain();
      assert.equal((await readJob(t, id)).status, 'pending');
      await makeDue(t, id);
      await w.drain();
      const job = await readJob(t, id);
      assert.equal(job.status, 'dead');
      assert.equal(job.attempts, 2);
      assert.equal(job.last_error, 'failure #2');
      await makeDue(t, id);
      assert.equal(await w.drain(), 0, 'a dead job is never claimed');
    });

    test('a job of an unknown type is dead-lettered', async () => {
      const id = await enqueue('test.nobody-handles-this');
      await makeWorker(t, {}).drain();
      const job = await readJob(t, id);
      assert.equal(job.status, 'dead');
      assert.match(job.last_error ?? '', /no handler .*test\.nobody-handles-this/);
    });

    test('RetryLaterError reschedules for exactly its retryAt', async () => {
      const retryAt = Date.now() + 90_000;
      const w = makeWorker(t, {
        'test.later': async () => {
          throw new RetryLaterError('rate limited', retryAt);
        },
      });
      const id = await enqueue('test.later');
      await w.drain();
      const job = await readJob(t, id);
      assert.equal(job.status, 'pending');
      assert.equal(job.run_after, retryAt);
      assert.equal(job.last_error, 'rate limited');
    });

    test('a platform rate limit reschedules for its reset time; platform refusals dead-letter at once', async () => {
      const resetAt = Date.now() + 120_000;
      const w = makeWorker(t, {
        'test.throttled': async () => {
          throw new RateLimitedError('x', resetAt);
        },
        'test.expired': async () => {
          throw new CredentialsExpiredError('x answered 401: credentials rejected', 'x', 401);
        },
        'test.refused': async () => {
          throw new PermanentError('x answered 403', 'x', 403);
        },
        'test.flaky': async () => {
          throw new TransientError('x answered 503', 'x', 503);
        },
      });
      const throttled = await enqueue('test.throttled');
      const expired = await enqueue('test.expired');
      const refused = await enqueue('test.refused');
      const flaky = await enqueue('test.flaky');
      await w.drain();
      const t1 = await readJob(t, throttled);
      assert.equal(t1.status, 'pending');
      assert.equal(t1.run_after, resetAt);
      assert.equal((await readJob(t, expired)).status, 'dead');
      assert.equal((await readJob(t, refused)).status, 'dead');
      const f = await readJob(t, flaky);
      assert.equal(f.status, 'pending', 'a transient failure is retried with backoff');
      assert.ok(f.run_after > Date.now() && f.run_after < resetAt);
    });

    test('a job whose worker died (lease expired) is claimed again by another worker; a live lease is not', async () => {
      const live = await enqueue('test.orphan');
      assert.equal((await claimJobs(t.ctx.db, t.ctx.dbKind, 'worker-still-busy', 1, 60_000))[0]?.id, live);
      // Claimed 5 s ago with a 1 s lease: that worker died 4 s ago.
      const dead = await enqueue('test.orphan', { runAfter: Date.now() - 10_000 });
      assert.equal(
        (await claimJobs(t.ctx.db, t.ctx.dbKind, 'worker-that-died', 1, 1000, Date.now() - 5000))[0]?.id,
        dead,
      );
      const ran: string[] = [];
      assert.equal(
        await makeWorker(t, {
          'test.orphan': async (job) => {
            ran.push(job.id);
          },
        }).drain(),
        1,
      );
      assert.deepEqual(ran, [dead]);
      const job = await readJob(t, dead);
      assert.equal(job.status, 'done');
      assert.equal(job.attempts, 2);
      assert.equal((await readJob(t, live)).status, 'running');
    });

    test('a worker that lost its lease cannot overwrite the outcome recorded by the new owner', async () => {
      const entered = deferred();
      const release = deferred();
      const slow = makeWorker(
        t,
        {
          'test.lease': async () => {
            entered.resolve();
            await release.promise;
            throw new Error('the slow worker failed late');
          },
        },
        { leaseMs: 1000 },
      );
      const id = await enqueue('test.lease');
      const slowRun = slow.drain();
      await entered.promise;
      // The slow worker's lease runs out; another worker takes the job over and finishes it.
      await t.ctx.db
        .updateTable('job')
        .set({ locked_until: Date.now() - 1 })
        .where('id', '=', id)
        .execute();
      assert.equal(await makeWorker(t, { 'test.lease': async () => {} }).drain(), 1);
      assert.equal((await readJob(t, id)).status, 'done');
      release.resolve();
      await slowRun;
      const job = await readJob(t, id);
      assert.equal(job.status, 'done', 'the late failure did not turn the job back to pending');
      assert.equal(job.last_error, null);
      assert.equal(job.attempts, 2);
    });

    test('stop() waits for the jobs in hand, then claims nothing more', async () => {
      const entered = deferred();
      let finished = false;
      const w = makeWorker(t, {
        'test.slow': async () => {
          entered.resolve();
          await new Promise((r) => setTimeout(r, 300));
          finished = true;
        },
      });
      const id = await enqueue('test.slow');
      w.start();
      await entered.promise;
      await w.stop();
      assert.equal(finished, true, 'stop() returned before the job finished');
      assert.equal((await readJob(t, id)).status, 'done');
      const later = await enqueue('test.slow');
      await new Promise((r) => setTimeout(r, 150));
      assert.equal((await readJob(t, later)).status, 'pending');
    });

    test('stop() called while a claim is in progress returns promptly instead of sleeping a poll', async () => {
      const faults = new FaultPlugin();
      const w = makeWorker(t, {}, { db: t.ctx.db.withPlugin(faults), pollMs: 60_000 });
      const held = faults.holdNextClaim();
      w.start();
      await held.entered;
      const stopping = w.stop();
      const t0 = Date.now();
      held.release();
      await stopping;
      assert.ok(Date.now() - t0 < 2000, `stop() took ${Date.now() - t0} ms`);
    });

    test('jobSignal wakes a sleeping worker at once, far sooner than its poll interval', async () => {
      const ran = new Map<string, number>();
      t.ctx.jobHandlers.set('test.signal', async (job) => {
        ran.set(job.id, Date.now());
      });
      const w = createWorker(t.ctx); // pollMs 60 s from the config
      started.push(w);
      w.start();
      await new Promise((r) => setTimeout(r, 100)); // its first claim found nothing: it is asleep
      const quiet = await enqueue('test.signal');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(ran.has(quiet), false, 'without a signal the worker sleeps its poll interval');
      const t0 = Date.now();
      t.ctx.jobSignal.notify();
      await waitFor('the signalled job to run', () => ran.has(quiet), 3000);
      assert.ok(ran.get(quiet)! - t0 < 1000, `took ${ran.get(quiet)! - t0} ms`);
      await waitFor('the job to be done', async () => (await readJob(t, quiet)).status === 'done');
    });

    test('a signal that arrives while the worker is mid-claim is not lost', async () => {
      const faults = new FaultPlugin();
      let ran = false;
      const w = makeWorker(
        t,
        {
          'test.midclaim': async () => {
            ran = true;
          },
        },
        { db: t.ctx.db.withPlugin(faults), pollMs: 60_000 },
      );
      started.push(w);
      const held = faults.holdNextClaim();
      w.start();
      await held.entered; // the claim already ran and found nothing
      // A second connection: the held claim keeps SQLite's only pooled connection busy.
      const other = openDatabase(t.config.database);
      await enqueueJob(other.db, { type: 'test.midclaim', payload: {} });
      await other.destroy();
      w.wake();
      held.release();
      await waitFor('the job to run', () => ran, 3000);
    });

    test('a job outcome that cannot be written is logged, not an unhandled rejection; the worker keeps going', async () => {
      const faults = new FaultPlugin();
      const unhandled: unknown[] = [];
      const onUnhandled = (err: unknown) => unhandled.push(err);
      process.on('unhandledRejection', onUnhandled);
      try {
        let runs = 0;
        const w = makeWorker(
          t,
          {
            'test.dbdown': async () => {
              runs++;
            },
          },
          { db: t.ctx.db.withPlugin(faults) },
        );
        faults.failJobUpdates = true;
        const id = await enqueue('test.dbdown');
        w.start();
        await waitFor('the handler to run', () => runs === 1);
        await new Promise((r) => setTimeout(r, 100));
        assert.equal((await readJob(t, id)).status, 'running', 'outcome not written; the lease will expire');
        faults.failJobUpdates = false;
        const next = await enqueue('test.dbdown');
        w.wake();
        await waitFor('the next job to be done', async () => (await readJob(t, next)).status === 'done');
        await w.stop();
        assert.deepEqual(unhandled, []);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });
}
