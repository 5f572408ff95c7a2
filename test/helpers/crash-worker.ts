// Runs a real worker process (test/fixtures/job-worker-process.ts) on the test app's database with a preload
// that SIGKILLs it right after a platform's create call answers, and waits for it to die.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestApp } from './app.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function runWorkerUntilCrash(
  t: TestApp,
  crashAfterUrl: string,
  timeoutMs = 60_000,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; output: string }> {
  const { PARAPET_CONFIG: _c, PARAPET_MASTER_KEY: _k, DATABASE_URL: _d, ...inherited } = process.env;
  const db = t.config.database;
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './test/fixtures/crash-after-create-preload.ts',
      'test/fixtures/job-worker-process.ts',
    ],
    {
      cwd: root,
      env: {
        ...inherited,
        ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : {}),
        PARAPET_DATA_DIR: t.config.dataDir,
        PARAPET_ROLES: 'worker',
        PARAPET_WORKER_POLL_MS: '50',
        // Short, so the next worker may take the job over soon after the crash, but longer than one publish
        // (a worker re-claims a job whose lease ran out, even its own).
        PARAPET_JOB_LEASE_MS: '10000',
        PARAPET_TEST_CRASH_AFTER: crashAfterUrl,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    proc.once('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  return { code, signal, output };
}
