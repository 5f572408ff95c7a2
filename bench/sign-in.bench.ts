// Sign-in throughput: Parapet's full POST /api/v1/auth/sign-in (argon2id verify, session insert, audit
// record with hash chain, cookie) against, in the same run, the two ceilings that bound it here:
// raw argon2id verifies with the same parameters at the same concurrency, and a bare Fastify route.
// Ratios matter more than absolute numbers: this machine is shared and noisy.
// Run: npm run bench:signin   (env BENCH_SECONDS=10 BENCH_CONNECTIONS=8 DATABASE_URL=postgres://… optional)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadConfig } from '../src/config/config.js';
import { startParapet } from '../src/main.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const email = 'bench-admin@example.test';
const password = 'bench password long enough';

async function load(
  url: string,
  body?: string,
): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(body ? { method: 'POST', body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function argon2Ceiling(): Promise<number> {
  const stored = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        await verify(stored, password);
        done++;
      }
    }),
  );
  return done / seconds;
}

async function bareFastify(): Promise<number> {
  const app = Fastify();
  app.post('/sign-in', async () => ({ ok: true }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const r = await load(`${url}/sign-in`, JSON.stringify({ email, password }));
  await app.close();
  return r.rps;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parapet-bench-'));
const config = loadConfig({
  PARAPET_DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  PARAPET_ROLES: 'api',
  PARAPET_SIGNIN_RATE_LIMIT: '1000000',
  PARAPET_ADMIN_EMAIL: email,
  PARAPET_ADMIN_PASSWORD: password,
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const server = await startParapet(config, () => {});
try {
  // Interleaved rounds, median of each, so a burst of load from elsewhere hits all three alike.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const runs: { parapet: Awaited<ReturnType<typeof load>>; ceiling: number; bare: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    runs.push({
      parapet: await load(`${server.url}/api/v1/auth/sign-in`, JSON.stringify({ email, password })),
      ceiling: await argon2Ceiling(),
      bare: await bareFastify(),
    });
  }
  const median = <T>(xs: T[], key: (x: T) => number) =>
    xs.map(key).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const parapet = {
    ...runs[0]!.parapet,
    rps: median(runs, (r) => r.parapet.rps),
    p50: median(runs, (r) => r.parapet.p50),
    p99: median(runs, (r) => r.parapet.p99),
    non2xx: runs.reduce((n, r) => n + r.parapet.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.parapet.errors, 0),
  };
  const ceiling = median(runs, (r) => r.ceiling);
  const bare = median(runs, (r) => r.bare);
  const fmt = (n: number) => n.toFixed(1).padStart(10);
  console.log(
    `sign-in benchmark: median of ${rounds} interleaved rounds, ${seconds}s per run, ${connections} concurrent, ${os.cpus().length} cores, database ${server.ctx.dbKind}`,
  );
  console.log(
    `  Parapet POST /api/v1/auth/sign-in   ${fmt(parapet.rps)} req/s  p50 ${parapet.p50} ms  p99 ${parapet.p99} ms  (non-2xx ${parapet.non2xx}, errors ${parapet.errors})`,
  );
  console.log(
    `  argon2id verify alone (ceiling)     ${fmt(ceiling)} /s     Parapet = ${((parapet.rps / ceiling) * 100).toFixed(0)}% of it`,
  );
  console.log(
    `  bare Fastify POST route             ${fmt(bare)} req/s  (Parapet sign-in is ${(bare / parapet.rps).toFixed(0)}x slower: password hashing is deliberate)`,
  );
  if (parapet.non2xx > 0 || parapet.errors > 0) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
