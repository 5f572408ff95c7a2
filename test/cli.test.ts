// The real CLI as an operator runs it: `node bin/parapet …` in a child process, its exit codes and output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, type TestDatabase, testDbKinds } from './helpers/databases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'correct horse battery staple';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Only what the CLI needs goes into the child's env, so the developer's own settings cannot leak in. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...extra };
}

function parapet(
  args: string[],
  env: Record<string, string>,
  options: { stdin?: string; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/parapet', ...args], {
      cwd: ROOT,
      env: baseEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

function assertNoStack(run: Run) {
  assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

describe('parapet CLI: help and usage errors', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parapet-cli-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('--help on the top level and on each command exits 0 and prints usage', async () => {
    const runs = await Promise.all(
      [['--help'], ...['serve', 'migrate', 'user', 'org', 'audit', 'scan'].map((c) => [c, '--help'])].map(
        (args) => parapet(args, { PARAPET_DATA_DIR: dataDir }).then((r) => [args, r] as const),
      ),
    );
    for (const [args, run] of runs) {
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      // The first line is the synopsis: "Usage: parapet …" on the top level, "parapet <command> …" per command.
      const synopsis = run.stdout.split('\n')[0]!;
      if (args.length === 1) assert.match(synopsis, /^Usage: parapet <command>/);
      else assert.match(synopsis, new RegExp(`^(Usage: )?parapet ${args[0]}\\b`), `${args[0]} --help`);
    }
    assert.match(runs[0]![1].stdout, /serve[\s\S]*migrate[\s\S]*user[\s\S]*audit/);
  });

  test('an unknown command exits 2; missing flags exit 2 with a message and no stack trace', async () => {
    const env = { PARAPET_DATA_DIR: dataDir };
    const [unknown, noRole, noEmail, noReason, badFlag, badSub] = await Promise.all([
      parapet(['frobnicate'], env),
      parapet(['user', 'add', '--email', 'x@example.test', '--name', 'X'], env),
      parapet(['user', 'add', '--name', 'X', '--role', 'author'], env),
      parapet(['user', 'suspend', '--email', 'x@example.test'], env),
      parapet(['user', 'list', '--colour'], env),
      parapet(['user', 'delete'], env),
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
    for (const [run, message] of [
      [noRole, /--role/],
      [noEmail, /--email is required/],
      [noReason, /--reason is required/],
      [badFlag, /colour/],
      [badSub, /unknown subcommand "user delete"/],
    ] as const) {
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assertNoStack(run);
    }
  });

  test('a bad environment value is a configuration error naming the setting, exit 2, no stack trace', async () => {
    const [port, file] = await Promise.all([
      parapet(['migrate'], { PARAPET_DATA_DIR: dataDir, PORT: 'abc' }),
      parapet(['user', 'list'], {
        PARAPET_DATA_DIR: dataDir,
        PARAPET_CONFIG: path.join(dataDir, 'missing.yaml'),
      }),
    ]);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /^Configuration error: PORT: /m);
    assertNoStack(port);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /^Configuration error: PARAPET_CONFIG: /m);
    assertNoStack(file);
  });
});

/** The operator's path on one database: migrate, create an organisation, add and manage users. */
function userLifecycle(
  label: string,
  setup: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>,
) {
  describe(`parapet CLI: migrate, org and user commands (${label})`, () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ env, cleanup } = await setup());
    });
    after(() => cleanup());

    test('migrate applies, then says up to date', async () => {
      const first = await parapet(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Applied \d+ migration/);
      const second = await parapet(['migrate'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /up to date/);
    });

    test('org add, user add (with and without a password), user list, suspend and reinstate', async () => {
      const noOrg = await parapet(
        ['user', 'add', '--email', 'early@example.test', '--name', 'Early', '--role', 'author'],
        env,
      );
      assert.equal(noOrg.code, 2);
      assert.match(noOrg.stderr, /no organisation yet/);

      const org = await parapet(
        [
          'org',
          'add',
          '--name',
          'Eastshire Police',
          '--admin-email',
          'chief@example.test',
          '--admin-name',
          'Chief',
        ],
        env,
      );
      assert.equal(org.code, 0, org.stderr);
      assert.match(org.stdout, /Created organisation Eastshire Police \(eastshire-police\)/);
      assert.match(org.stdout, /https?:\/\/\S+\/invite#token=\S+/);

      const withPassword = await parapet(
        [
          'user',
          'add',
          '--email',
          'Dana@Example.test',
          '--name',
          'Dana',
          '--role',
          'comms',
          '--role',
          'moderator',
          '--password-stdin',
        ],
        env,
        { stdin: `${PASSWORD}\n` },
      );
      assert.equal(withPassword.code, 0, withPassword.stderr);
      assert.match(withPassword.stdout, /Created dana@example\.test \(comms, moderator\)/);
      assert.doesNotMatch(withPassword.stdout, /invite/);

      const invited = await parapet(
        ['user', 'add', '--email', 'eli@example.test', '--name', 'Eli', '--role', 'author'],
        env,
      );
      assert.equal(invited.code, 0, invited.stderr);
      assert.match(invited.stdout, /invite link.*\/invite#token=\S+/);

      const [dup, weak, badRole] = await Promise.all([
        parapet(['user', 'add', '--email', 'dana@example.test', '--name', 'D2', '--role', 'author'], env),
        parapet(
          ['user', 'add', '--email', 'f@example.test', '--name', 'F', '--role', 'author', '--password-stdin'],
          env,
          { stdin: 'short\n' },
        ),
        parapet(['user', 'add', '--email', 'g@example.test', '--name', 'G', '--role', 'root'], env),
      ]);
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /email_taken/);
      assert.equal(weak.code, 1);
      assert.match(weak.stderr, /weak_password/);
      assert.equal(badRole.code, 2);
      for (const run of [dup, weak, badRole]) assertNoStack(run);

      const list = await parapet(['user', 'list', '--json'], env);
      assert.equal(list.code, 0, list.stderr);
      const users = JSON.parse(list.stdout) as Array<{
        email: string;
        roles: string[];
        status: string;
        hasPassword: boolean;
      }>;
      assert.deepEqual(users.map((u) => u.email).sort(), [
        'chief@example.test',
        'dana@example.test',
        'eli@example.test',
      ]);
      assert.equal(users.find((u) => u.email === 'dana@example.test')!.hasPassword, true);
      assert.equal(users.find((u) => u.email === 'eli@example.test')!.hasPassword, false);
      assert.equal(JSON.stringify(users).includes('password_hash'), false);

      const suspended = await parapet(
        ['user', 'suspend', '--email', 'dana@example.test', '--reason', 'shared credentials'],
        env,
      );
      assert.equal(suspended.code, 0, suspended.stderr);
      assert.match(suspended.stdout, /dana@example\.test is now suspended/);
      const table = await parapet(['user', 'list'], env);
      assert.match(table.stdout, /^suspended\s+dana@example\.test/m);
      assert.match(table.stdout, /^active\s+eli@example\.test/m);
      const twice = await parapet(
        ['user', 'suspend', '--email', 'dana@example.test', '--reason', 'again'],
        env,
      );
      assert.equal(twice.code, 1);
      assert.match(twice.stderr, /already_suspended/);
      const back = await parapet(
        ['user', 'reinstate', '--email', 'dana@example.test', '--reason', 'cleared'],
        env,
      );
      assert.equal(back.code, 0, back.stderr);
      assert.match(back.stdout, /is now active/);
      const nobody = await parapet(
        ['user', 'suspend', '--email', 'nobody@example.test', '--reason', 'x'],
        env,
      );
      assert.equal(nobody.code, 2);
      assert.match(nobody.stderr, /no user with e-mail nobody@example\.test/);

      const verify = await parapet(['audit', 'verify'], env);
      assert.equal(verify.code, 0, verify.stderr);
      assert.match(verify.stdout, /OK\s+eastshire-police: \d+ records, chain intact/);
      // "settings" is a fixed path beside /api/v1/transparency/:orgSlug: never an organisation's slug.
      const admin = ['--admin-email', 'x@example.test', '--admin-name', 'X'];
      const reserved = await parapet(
        ['org', 'add', '--name', 'Anything', '--slug', 'settings', ...admin],
        env,
      );
      assert.equal(reserved.code, 2);
      assert.match(reserved.stderr, /--slug "settings" is reserved/);
      const named = await parapet(['org', 'add', '--name', 'Settings', ...admin], env);
      assert.equal(named.code, 0, named.stderr);
      assert.match(named.stdout, /Created organisation Settings \(settings-org\)/);
    });
  });
}

userLifecycle('sqlite', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parapet-cli-'));
  return { env: { PARAPET_DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
});

if (testDbKinds.includes('postgres')) {
  userLifecycle('postgres', async () => {
    const db: TestDatabase = await createTestDatabaseUrl('postgres');
    return {
      env: { PARAPET_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl! },
      cleanup: () => db.cleanup(),
    };
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('parapet serve', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parapet-serve-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('serves /healthz, prints the setup link, and exits 0 promptly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/parapet', 'serve'], {
      cwd: ROOT,
      env: baseEnv({ PARAPET_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    try {
      const deadline = Date.now() + 30_000;
      let healthy = false;
      while (!healthy && Date.now() < deadline && child.exitCode === null) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(healthy, `serve did not become healthy: ${stderr}`);
      assert.match(stdout, new RegExp(`http://127\\.0\\.0\\.1:${port}/setup#token=`));
      assert.match(stdout, new RegExp(`serving on http://127\\.0\\.0\\.1:${port}`));

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const result = await Promise.race([
        exited,
        new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
      ]);
      assert.ok(result, 'serve exits within 10 s of SIGTERM');
      assert.deepEqual(result, { code: 0, signal: null }, stderr);
      assert.ok(Date.now() - signalledAt < 10_000);
      assert.match(stdout, /SIGTERM received/);
      assert.equal(stderr, '');
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
});
