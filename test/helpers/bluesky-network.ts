// A real local Bluesky network for tests: PLC directory + PDS + AppView (on a throwaway PostgreSQL database
// from the test runner's cluster) + a minimal moderation service, run in a child process on 127.0.0.1
// (see bluesky-network-child.ts). One per test file; each test makes its own accounts with unique handles.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AtpAgent } from '@atproto/api';
import { createTestDatabaseUrl } from './databases.js';

export interface BlueskyTestAccount {
  did: string;
  handle: string;
  /** A real app password created on the PDS (what an org would paste into Parapet). */
  appPassword: string;
  /** Logged in with the main password: acts as "the public" or as another client of the same account. */
  agent: AtpAgent;
}

export interface BlueskyNetwork {
  pdsUrl: string;
  appViewUrl: string;
  modDid: string;
  startMs: number;
  createAccount(label: string): Promise<BlueskyTestAccount>;
  /** Resolves once the AppView has indexed every event the PDS has sequenced (10 s bound). */
  waitForAppView(): Promise<void>;
  /** What the PDS forwarded to the moderation service. */
  reports(): Promise<Array<{ body: Record<string, unknown>; authorization: string | undefined }>>;
  stop(): Promise<void>;
}

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bluesky-network-child.ts');

export async function startBlueskyNetwork(timeoutMs = 60_000): Promise<BlueskyNetwork> {
  const db = await createTestDatabaseUrl('postgres');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'parapet-bsky-'));
  let child: ChildProcess | null = null;
  const cleanup = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    }
    await rm(tmp, { recursive: true, force: true });
    await db.cleanup();
  };
  try {
    const started = performance.now();
    child = spawn(process.execPath, ['--import', 'tsx', childScript], {
      // TMPDIR: dev-env puts the PDS data and blob folders in os.tmpdir(); keep them in our removable dir.
      env: { ...process.env, TMPDIR: tmp, BSKY_TEST_PG_URL: db.databaseUrl, LOG_ENABLED: 'false' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const ready = await readyLine(child, timeoutMs);
    const startMs = Math.round(performance.now() - started);
    const { pdsUrl, appViewUrl, controlUrl, modDid } = ready;
    return {
      pdsUrl,
      appViewUrl,
      modDid,
      startMs,
      async createAccount(label) {
        const handle = `t${randomBytes(4).toString('hex')}-${label}.test`;
        const password = randomBytes(12).toString('hex');
        const agent = new AtpAgent({ service: pdsUrl });
        await agent.createAccount({ handle, email: `${handle}@example.com`, password });
        const did = agent.session?.did;
        if (!did) throw new Error('account creation gave no session');
        const app = await agent.com.atproto.server.createAppPassword({ name: 'parapet' });
        return { did, handle, appPassword: app.data.password, agent };
      },
      async waitForAppView() {
        const res = await fetch(`${controlUrl}/sync`, {
          method: 'POST',
          signal: AbortSignal.timeout(15_000),
        });
        if (res.status !== 204) throw new Error(`AppView sync failed: ${res.status} ${await res.text()}`);
      },
      async reports() {
        const res = await fetch(`${controlUrl}/reports`, { signal: AbortSignal.timeout(5000) });
        return (await res.json()) as Array<{
          body: Record<string, unknown>;
          authorization: string | undefined;
        }>;
      },
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

interface ReadyInfo {
  pdsUrl: string;
  appViewUrl: string;
  controlUrl: string;
  modDid: string;
}

function readyLine(child: ChildProcess, timeoutMs: number): Promise<ReadyInfo> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`Bluesky network not ready in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(new Error(`${e.message}\n--- child stderr (tail) ---\n${err.slice(-4000)}`));
    };
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('BLUESKY_NETWORK_READY '));
      if (!line) return;
      clearTimeout(timer);
      // Keep draining the pipes so a chatty child never blocks on a full buffer.
      child.stdout?.resume();
      resolve(JSON.parse(line.slice('BLUESKY_NETWORK_READY '.length)) as ReadyInfo);
    });
    child.once('exit', (code, signal) => fail(new Error(`Bluesky network exited early (${code ?? signal})`)));
    child.once('error', (e) => fail(e));
  });
}
