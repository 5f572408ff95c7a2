// Time from launching `node bin/parapet serve` (what `npm start` runs) to /readyz answering 200, on a fresh
// data directory (first run: creates the database, runs migrations, makes the master key) and on a restart.
// Peer in the same run: a bare Fastify server started the same way, to separate Node/tsx start-up from ours.
// Run: node --import tsx bench/startup.bench.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function timeToReady(args: string[], env: Record<string, string>, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        if ((await fetch(url)).ok) return performance.now() - started;
      } catch {}
      if (performance.now() - started > 30_000) throw new Error(`${url} not ready after 30 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const BARE = `import Fastify from 'fastify'; const app = Fastify(); app.get('/readyz', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });`;

const results: Record<string, number[]> = {
  'parapet first run': [],
  'parapet restart': [],
  'bare fastify': [],
};
for (let i = 0; i < 3; i++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parapet-start-'));
  const env = { PARAPET_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  let port = await freePort();
  results['parapet first run']!.push(
    await timeToReady(
      ['bin/parapet', 'serve'],
      { ...env, PORT: String(port) },
      `http://127.0.0.1:${port}/readyz`,
    ),
  );
  port = await freePort();
  results['parapet restart']!.push(
    await timeToReady(
      ['bin/parapet', 'serve'],
      { ...env, PORT: String(port) },
      `http://127.0.0.1:${port}/readyz`,
    ),
  );
  port = await freePort();
  results['bare fastify']!.push(
    await timeToReady(
      ['--input-type=module', '-e', BARE],
      { PORT: String(port) },
      `http://127.0.0.1:${port}/readyz`,
    ),
  );
  rmSync(dataDir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = median(results['bare fastify']!);
console.log('start-up to /readyz 200 (median of 3):');
for (const [name, xs] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(20)} ${median(xs).toFixed(0).padStart(6)} ms   (${(median(xs) / bare).toFixed(1)}x bare Fastify)`,
  );
}
