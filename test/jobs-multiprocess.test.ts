// Issue 2: "3 worker processes on PostgreSQL drain 5,000 jobs and every job runs exactly once."
// Part of the postgres kind loop, which `npm test` always runs (scripts/run-tests.mjs starts the cluster).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { createAppContext } from '../src/context.js';
import { enqueueJob } from '../src/jobs/queue.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabaseUrl, testDbKinds } from './helpers/databases.js';
import { waitFor } from './helpers/jobs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JOBS = 5000;
const PROCESSES = 3;

interface Worker {
  proc: ChildProcess;
  out: string;
  exited: Promise<number | null>;
}

function spawnWorker(env: NodeJS.ProcessEnv): Worker {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/job-worker-process.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: Worker = {
    proc,
    out: '',
    exited: new Promise((resolve) => proc.once('exit', (code) => resolve(code))),
  };
  proc.stdout!.on('data', (d: Buffer) => (w.out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (w.out += d.toString()));
  return w;
}

for (const kind of testDbKinds) {
  if (kind !== 'postgres') continue;
  describe('jobs across worker processes (postgres)', () => {
    test(`${PROCESSES} worker processes drain ${JOBS} jobs; every job runs exactly once`, {
      timeout: 180_000,
    }, async (t) => {
      const db = await createTestDatabaseUrl('postgres');
      const config = loadConfig({
        DATABASE_URL: db.databaseUrl,
        PARAPET_DATA_DIR: db.dataDir,
        LOG_LEVEL: 'silent',
      });
      const ctx = await createAppContext(config, { logger: createLogger('silent') }); // migrates, writes master.key
      const workers: Worker[] = [];
      try {
        await sql`create table test_job_run (job_id text not null, pid integer not null, ran_at bigint not null)`.execute(
          ctx.db,
        );
        const { PARAPET_CONFIG: _c, PARAPET_MASTER_KEY: _k, ...inherited } = process.env;
        const env = {
          ...inherited,
          DATABASE_URL: db.databaseUrl,
          PARAPET_DATA_DIR: db.dataDir, // the same dir: the vault master key check passes in every process
          PARAPET_ROLES: 'worker',
          PARAPET_WORKER_CONCURRENCY: '8',
          PARAPET_WORKER_POLL_MS: '50',
          LOG_LEVEL: 'warn',
        };
        for (let i = 0; i < PROCESSES; i++) workers.push(spawnWorker(env));
        await waitFor(
          'the worker processes to start',
          () => workers.every((w) => w.out.includes('ready') || w.proc.exitCode !== null),
          60_000,
        );
        for (const w of workers) assert.equal(w.proc.exitCode, null, `a worker exited at start:\n${w.out}`);

        const enqueueStart = performance.now();
        await ctx.db.transaction().execute(async (trx) => {
          for (let i = 0; i < JOBS; i++) await enqueueJob(trx, { type: 'test.record', payload: { i } });
        });
        const started = performance.now();
        const count = async (status: 'pending' | 'running' | 'done' | 'dead') =>
          Number(
            (
              await ctx.db
                .selectFrom('job')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('status', '=', status)
                .executeTakeFirstOrThrow()
            ).n,
          );
        await waitFor(
          `all ${JOBS} jobs to be done`,
          async () => (await count('done')) === JOBS || workers.some((w) => w.proc.exitCode !== null),
          120_000,
        );
        const drainMs = performance.now() - started;
        for (const w of workers)
          assert.equal(w.proc.exitCode, null, `a worker died while draining:\n${w.out}`);

        // Graceful stop: each process finishes what it holds, closes its pool and exits 0 by itself.
        for (const w of workers) w.proc.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const codes = await Promise.race([
          Promise.all(workers.map((w) => w.exited)),
          new Promise<never>(
            (_, reject) =>
              (timer = setTimeout(
                () => reject(new Error('workers did not stop within 15 s of SIGTERM')),
                15_000,
              )),
          ),
        ]).finally(() => clearTimeout(timer));
        assert.deepEqual(
          codes,
          workers.map(() => 0),
          workers.map((w) => w.out).join('\n'),
        );
        for (const w of workers) assert.match(w.out, /stopped/);

        const runs = await sql<{ total: number; distinct_jobs: number }>`
          select count(*)::int as total, count(distinct job_id)::int as distinct_jobs from test_job_run`.execute(
          ctx.db,
        );
        assert.equal(runs.rows[0]!.total, JOBS, 'handler runs');
        assert.equal(runs.rows[0]!.distinct_jobs, JOBS, 'distinct jobs run');
        const unknown = await sql<{
          n: number;
        }>`select count(*)::int as n from test_job_run r where not exists (select 1 from job j where j.id = r.job_id)`.execute(
          ctx.db,
        );
        assert.equal(unknown.rows[0]!.n, 0);
        assert.equal(await count('done'), JOBS);
        const retried = await ctx.db.selectFrom('job').select('id').where('attempts', '!=', 1).execute();
        assert.equal(retried.length, 0, 'every job was claimed exactly once');

        const perPid = await sql<{
          pid: number;
          n: number;
        }>`select pid, count(*)::int as n from test_job_run group by pid order by pid`.execute(ctx.db);
        const pids = new Set(workers.map((w) => w.proc.pid));
        for (const row of perPid.rows)
          assert.ok(pids.has(row.pid), `pid ${row.pid} is not one of the worker processes`);
        assert.ok(
          perPid.rows.length >= 2,
          `only ${perPid.rows.length} process(es) did work: the work was not shared`,
        );
        t.diagnostic(
          `drained ${JOBS} jobs with ${PROCESSES} processes in ${Math.round(drainMs)} ms (${Math.round(JOBS / (drainMs / 1000))} jobs/s)`,
        );
        t.diagnostic(`enqueued ${JOBS} jobs in one transaction in ${Math.round(started - enqueueStart)} ms`);
        t.diagnostic(`jobs per process: ${perPid.rows.map((r) => r.n).join(', ')}`);
      } finally {
        for (const w of workers)
          if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
        await Promise.all(workers.map((w) => w.exited));
        await ctx.close();
        await db.cleanup();
      }
    });
  });
}
