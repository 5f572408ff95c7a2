// `npm run demo` as a newcomer runs it: a realistic force on the Sandbox with a month of history, served at
// once, and the same data again on the next start. SQLite only (the demo's default).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../src/demo/force.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Demo {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(process.execPath, ['bin/parapet', 'demo', '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PARAPET_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline && child.exitCode === null) {
    url = out.match(/running: open (http:\/\/127\.0\.0\.1:\d+)\/app/)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(url, `the demo did not start: ${out}`);
  return { child, url, output: () => out, exited };
}

async function signIn(url: string, email: string) {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return (p: string) => fetch(`${url}${p}`, { headers: { cookie } }).then((r) => r.json());
}

describe('npm run demo', () => {
  let dataDir: string;
  let demo: Demo | undefined;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'parapet-demo-'));
  });
  after(async () => {
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('seeds a force with 20+ accounts, every role, dictionaries and a month of history', {
    timeout: 120_000,
  }, async () => {
    demo = await startDemo(dataDir);
    assert.match(demo.output(), /created Northshire Police with a month of history \(\d+ public replies\)/);
    const comms = await signIn(demo.url, 'comms@northshire.example');
    const accounts = (await comms('/api/v1/accounts')).accounts as Array<{
      platform: string;
      ownerTeamId: string;
    }>;
    assert.ok(accounts.length >= 20, `${accounts.length} accounts`);
    assert.ok(accounts.every((a) => a.platform === 'sandbox' && a.ownerTeamId));
    const roles = new Set((await comms('/api/v1/users')).users.flatMap((u: { roles: string[] }) => u.roles));
    assert.deepEqual([...roles].sort(), ['admin', 'auditor', 'author', 'comms', 'moderator']);
    const teams = (await comms('/api/v1/teams')).teams as Array<{ kind: string }>;
    assert.ok(teams.filter((t) => t.kind === 'team').length >= 8);
    const published = await comms('/api/v1/posts?status=published&limit=200');
    assert.equal(published.posts.length, 200, 'hundreds of published posts');

    const moderator = await signIn(demo.url, 'moderator@northshire.example');
    const dictionaries = (await moderator('/api/v1/dictionaries')).dictionaries as Array<{
      activeVersion: number;
    }>;
    assert.equal(dictionaries.filter((d) => d.activeVersion !== null).length, 5);
    const hidden = await moderator('/api/v1/inbound?status=auto_hidden');
    assert.ok(hidden.items.length > 10, 'abuse was hidden automatically over the month');
    const queue = await moderator('/api/v1/review/queue');
    assert.ok(queue.items.length > 0, 'something is waiting for the moderators');
    const old = hidden.items.at(-1) as { receivedAt: number };
    assert.ok(Date.now() - old.receivedAt > 7 * 86_400_000, 'the history goes back weeks');

    demo.child.kill('SIGTERM');
    assert.equal(await demo.exited, 0);
  });

  test('a second start keeps the same force and data', { timeout: 120_000 }, async () => {
    demo = await startDemo(dataDir);
    assert.match(demo.output(), /using the existing data/);
    const comms = await signIn(demo.url, 'comms@northshire.example');
    assert.ok((await comms('/api/v1/accounts')).accounts.length >= 20);
    demo.child.kill('SIGTERM');
    assert.equal(await demo.exited, 0);
  });
});
