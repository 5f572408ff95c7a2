// A throwaway PostgreSQL cluster for benchmarks, started the way scripts/run-tests.mjs does (initdb in a temp
// dir, as the postgres user when root, fsync off). Returns its URL and a stop() that removes everything.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function binDir(): string {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const initdb = path.join(dir, 'initdb');
    if (dir && existsSync(initdb)) candidates.push(path.dirname(realpathSync(initdb)));
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian))
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(debian, v, 'bin'));
  const found = candidates.find((d) =>
    ['initdb', 'postgres', 'pg_isready'].every((b) => existsSync(path.join(d, b))),
  );
  if (!found) throw new Error('PostgreSQL binaries (initdb, postgres) not found; set BENCH_PG_URL instead');
  return found;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

function identity(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startThrowawayPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = binDir();
  const who = identity();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parapet-bench-pg-'));
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid!);
  const data = path.join(dir, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  for (const k of Object.keys(env)) if (k.startsWith('PG')) delete env[k];
  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { ...who, env, encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  // Durability settings as in the test runner: the comparison is about Parapet's work, not the disk.
  const proc: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      data,
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
    ],
    { ...who, env, stdio: 'ignore' },
  );
  for (let i = 0; i < 600; i++) {
    if (
      spawnSync(
        path.join(bin, 'pg_isready'),
        ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
        { env },
      ).status === 0
    )
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        async stop() {
          const exited = new Promise((r) => proc.once('exit', r));
          proc.kill('SIGINT');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill('SIGKILL');
  throw new Error('postgres did not become ready');
}
