#!/usr/bin/env node
// Runs every test file (src/**/*.test.ts, test/**/*.test.ts) with node:test through tsx, against one
// throwaway PostgreSQL cluster that lives only for this run. Test processes get its URL in
// PARAPET_TEST_PG_URL. If that variable is already set, no cluster is started and the given server is used.
//
//   node scripts/run-tests.mjs            # everything
//   node scripts/run-tests.mjs audit db   # only files whose path contains "audit" or "db"
//
// The last lines of output are always the TAP summary (# tests, # pass, # fail, ...) and the exit code is
// the test run's. The cluster is stopped and its directory removed on success, failure and SIGINT/SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUMMARY_KEYS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo', 'duration_ms'];
const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

const log = (msg) => process.stdout.write(`[run-tests] ${msg}\n`);
const ms = (start) => `${Math.round(performance.now() - start)} ms`;
const sleep = (n) => new Promise((r) => setTimeout(r, n));

class Fatal extends Error {}

// ---------------------------------------------------------------- test files
function findTestFiles(filters) {
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(path.relative(root, full));
    }
  };
  walk(path.join(root, 'src'));
  walk(path.join(root, 'test'));
  found.sort();
  if (filters.length === 0) return found;
  return found.filter((f) => filters.some((s) => f.includes(s)));
}

// ---------------------------------------------------------------- PostgreSQL binaries
function findPgBinDir() {
  // PATH first (resolving symlinks such as /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb, so
  // that postgres/pg_isready come from the same installation), then Debian's versioned directories.
  const candidates = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const initdb = path.join(dir, 'initdb');
    if (existsSync(initdb)) candidates.push(path.dirname(realpathSync(initdb)));
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, 'bin'));
  }
  for (const dir of candidates) {
    if (['initdb', 'postgres', 'pg_isready'].every((b) => existsSync(path.join(dir, b)))) return dir;
  }
  throw new Fatal(
    'PostgreSQL server binaries (initdb, postgres, pg_isready) were not found on PATH or in /usr/lib/postgresql/*/bin.\n' +
      'The test suite runs against SQLite AND PostgreSQL; it does not skip PostgreSQL.\n' +
      'Install it with:  sudo apt-get install -y postgresql   (Debian/Ubuntu; the service need not be running)\n' +
      'or point the tests at an existing server:  PARAPET_TEST_PG_URL=postgres://user@host:port/db npm test',
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// initdb refuses to run as root: when we are root, every PostgreSQL process runs as the `postgres` user.
function pgIdentity() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0) {
    throw new Fatal(
      'Running as root, but there is no `postgres` user to run PostgreSQL as (initdb refuses root).\n' +
        'Installing the Debian package creates it: apt-get install -y postgresql',
    );
  }
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

// ---------------------------------------------------------------- cluster lifecycle
/** @type {{ dir: string, proc: import('node:child_process').ChildProcess | null, exited: Promise<void> | null } | null} */
let cluster = null;

async function startCluster() {
  const binDir = findPgBinDir();
  const who = pgIdentity();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parapet-pg-'));
  cluster = { dir, proc: null, exited: null };
  if (who.uid !== undefined) {
    chownSync(dir, who.uid, who.gid);
    if (spawnSync('test', ['-w', dir], { ...who }).status !== 0) {
      throw new Fatal(
        `The postgres user cannot write to ${dir}; set TMPDIR to a directory it can reach (e.g. /tmp).`,
      );
    }
  }
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  for (const k of Object.keys(env)) if (k.startsWith('PG')) delete env[k];

  let t = performance.now();
  const init = spawnSync(
    path.join(binDir, 'initdb'),
    ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { ...who, cwd: dir, env, encoding: 'utf8' },
  );
  if (init.status !== 0) {
    throw new Fatal(`initdb failed (exit ${init.status ?? init.signal}):\n${init.stdout}\n${init.stderr}`);
  }
  log(`initdb: ${ms(t)} (${binDir})`);

  t = performance.now();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logFile = path.join(dir, 'postgres.log');
    const logFd = openSync(logFile, 'a');
    const proc = spawn(
      path.join(binDir, 'postgres'),
      [
        '-D',
        dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `port=${port}`,
        '-c',
        `unix_socket_directories=${dir}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { ...who, cwd: dir, env, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    let dead = false;
    const exited = new Promise((resolve) =>
      proc.once('exit', () => {
        dead = true;
        resolve();
      }),
    );
    cluster.proc = proc;
    cluster.exited = exited;

    const deadline = performance.now() + 30_000;
    while (!dead && performance.now() < deadline) {
      if (signalled) throw new Fatal(`interrupted by ${signalled}`);
      const r = spawnSync(
        path.join(binDir, 'pg_isready'),
        ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
        { env },
      );
      if (r.status === 0) {
        log(`postgres start: ${ms(t)} (127.0.0.1:${port}, pid ${proc.pid})`);
        return `postgres://postgres@127.0.0.1:${port}/postgres`;
      }
      await sleep(50);
    }
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    if (dead && attempt < 3 && /could not bind|Address already in use/i.test(tail)) {
      log(`port ${port} was taken, retrying`);
      continue;
    }
    throw new Fatal(
      `PostgreSQL did not become ready${dead ? ' (it exited)' : ' within 30 s'}. Log:\n${tail}`,
    );
  }
}

let stopping = null;
function stopCluster() {
  stopping ??= (async () => {
    if (!cluster) return;
    const { dir, proc, exited } = cluster;
    const t = performance.now();
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      // SIGINT = fast shutdown; escalate to SIGQUIT (immediate), then SIGKILL.
      for (const [sig, wait] of [
        ['SIGINT', 10_000],
        ['SIGQUIT', 5_000],
        ['SIGKILL', 5_000],
      ]) {
        try {
          process.kill(proc.pid, sig);
        } catch {
          break;
        }
        const done = await Promise.race([exited.then(() => true), sleep(wait).then(() => false)]);
        if (done) break;
      }
      log(`postgres stop: ${ms(t)}`);
    }
    rmSync(dir, { recursive: true, force: true });
    cluster = null;
  })();
  return stopping;
}

// Last resort (uncaught errors, process.exit paths that skipped stopCluster): never leave a postmaster behind.
process.on('exit', () => {
  if (!cluster) return;
  try {
    if (cluster.proc?.exitCode === null) process.kill(cluster.proc.pid, 'SIGQUIT');
  } catch {}
  try {
    rmSync(cluster.dir, { recursive: true, force: true });
  } catch {}
});

// ---------------------------------------------------------------- signals
let testChild = null;
let signalled = null;
for (const sig of Object.keys(SIGNAL_CODES)) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = sig;
    log(`received ${sig}, stopping`);
    // main() notices and carries on: stop the cluster, print the summary, exit 128+n.
    if (testChild && testChild.exitCode === null) testChild.kill(sig);
  });
}

// ---------------------------------------------------------------- main
function readSummary(tapFile) {
  if (!existsSync(tapFile)) return [];
  const last = new Map();
  for (const line of readFileSync(tapFile, 'utf8').split('\n')) {
    const m = /^# (\w+) (\S+)\s*$/.exec(line);
    if (m && SUMMARY_KEYS.includes(m[1])) last.set(m[1], line.trim());
  }
  return SUMMARY_KEYS.filter((k) => last.has(k)).map((k) => last.get(k));
}

async function main() {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const files = findTestFiles(filters);
  if (files.length === 0) {
    throw new Fatal(
      `No test files found${filters.length ? ` matching ${filters.map((f) => `"${f}"`).join(', ')}` : ''}.`,
    );
  }
  log(`${files.length} test file(s)${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  // Browser tests drive the built dashboard: rebuild it if web/ changed since (a no-op when it is current).
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-web.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Fatal('the dashboard (web/) does not build; see above.');

  const env = { ...process.env };
  if (process.env.PARAPET_TEST_PG_URL) {
    log('using PARAPET_TEST_PG_URL from the environment (no throwaway cluster)');
  } else {
    env.PARAPET_TEST_PG_URL = await startCluster();
  }
  if (signalled) {
    await stopCluster();
    return SIGNAL_CODES[signalled];
  }

  const tapDir = mkdtempSync(path.join(os.tmpdir(), 'parapet-tap-'));
  const tapFile = path.join(tapDir, 'results.tap');
  const t = performance.now();
  const code = await new Promise((resolve) => {
    testChild = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=2',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tapFile}`,
        ...files,
      ],
      { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    testChild.on('error', (err) => {
      log(`could not start node: ${err.message}`);
      resolve(1);
    });
    testChild.on('exit', (c, sig) => resolve(c ?? SIGNAL_CODES[sig] ?? 1));
  });
  testChild = null;
  log(`tests: ${ms(t)}, exit code ${code}`);

  await stopCluster();
  const summary = readSummary(tapFile);
  rmSync(tapDir, { recursive: true, force: true });
  if (summary.length === 0) {
    log('the test runner produced no TAP summary');
    process.stdout.write('# fail 1\n');
  } else {
    process.stdout.write(`${summary.join('\n')}\n`);
  }
  if (signalled) return SIGNAL_CODES[signalled];
  return summary.length === 0 ? code || 1 : code;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    await stopCluster().catch(() => {});
    process.stderr.write(`[run-tests] ${err instanceof Fatal ? err.message : (err?.stack ?? err)}\n`);
    process.exit(signalled ? SIGNAL_CODES[signalled] : 1);
  },
);
