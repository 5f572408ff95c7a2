// Analytics dashboard queries at scale, on SQLite and on a throwaway PostgreSQL cluster.
//
//   node --import tsx bench/analytics.bench.ts [--items N] [--runs 30] [--db sqlite|postgres|both]
//
// Generates N inbound items (default 10,000,000) over 365 days plus N/50 posts with engagement and N/10
// moderation events (bench/lib/analytics-data.ts), builds the analytics rollups from scratch (the rollup job's
// first run, timed), then times each dashboard query over the last 30 days through the same service functions
// the API calls: p50/p95 of --runs runs. Target: p95 < 200 ms. The 30-day period ends "now", so its first and
// last days are partial and read from the raw tables; the rest comes from the rollups.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createAppContext } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { rollupOrganisation } from '../src/modules/analytics/rollup-job.js';
import { breakdown, moderation, overview, timeToActFor, top } from '../src/modules/analytics/service.js';
import { systemContext } from '../src/modules/audit/actor.js';
import type { Principal } from '../src/modules/identity/roles.js';
import { createFirstOrganisation } from '../src/modules/identity/setup-service.js';
import { timeToAct } from '../src/modules/moderation/time-to-act.js';
import { DAY, generate } from './lib/analytics-data.js';
import { startThrowawayPostgres } from './lib/throwaway-pg.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('items', '10000000'));
const RUNS = Number(arg('runs', '30'));
const WHICH = arg('db', 'both');
const TARGET_MS = 200;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function benchOne(kind: 'sqlite' | 'postgres', env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parapet-bench-analytics-'));
  const ctx = await createAppContext(loadConfig({ ...env, PARAPET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    logger: createLogger('silent'),
  });
  try {
    const { orgId, userId } = await createFirstOrganisation(
      ctx,
      systemContext('bench'),
      {
        organisationName: 'Bench',
        name: 'Bench',
        email: 'bench@example.test',
        password: 'bench password long enough',
      },
      null,
    );
    const end = Date.now();
    console.log(`\n== ${kind}: generating ${N.toLocaleString('en')} inbound items`);
    const g0 = performance.now();
    await generate(ctx, orgId, N, end);
    console.log(`  generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const r0 = performance.now();
    const built = await rollupOrganisation(ctx.db, orgId);
    const rollupS = (performance.now() - r0) / 1000;
    console.log(`  rollups built in ${rollupS.toFixed(1)} s (${built.days} days)`);
    const p = {
      userId,
      orgId,
      roles: ['admin'],
      email: 'bench@example.test',
      name: 'Bench',
      via: 'session',
      sessionId: null,
      stage: 'active',
      scopes: null,
    } as Principal;
    const q = { from: end - 30 * DAY, to: end };
    const queries: Array<[string, () => Promise<unknown>]> = [
      ['overview, organisation, 30 days', () => overview(ctx, p, q)],
      ['overview, one account', () => overview(ctx, p, { ...q, accountId: 'acc7' })],
      ['overview, team subtree (district)', () => overview(ctx, p, { ...q, teamId: 'd1' })],
      ['overview, one officer', () => overview(ctx, p, { ...q, authorId: 'u42' })],
      ['breakdown by account', () => breakdown(ctx, p, { ...q, by: 'account' })],
      ['moderation by category/action', () => moderation(ctx, p, q)],
      ['time-to-act p50/p95 (reused)', () => timeToActFor(ctx, p, q)],
      ['time-to-act, default 7 days to now', () => timeToAct(ctx, p, {})],
      ['overview, default period (whole days)', () => overview(ctx, p, {})],
      ['top posts', () => top(ctx, p, { ...q, limit: 10 })],
    ];
    const rows: Array<{ query: string; p50: number; p95: number; ok: string }> = [];
    for (const [name, run] of queries) {
      await run(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p95 = pct(times, 95);
      rows.push({
        query: name,
        p50: Math.round(pct(times, 50)),
        p95: Math.round(p95),
        ok: p95 < TARGET_MS ? 'PASS' : 'FAIL',
      });
    }
    console.log(`\n${kind}, ${N.toLocaleString('en')} inbound items, ${RUNS} runs each (ms):`);
    console.table(rows);
    console.log(
      `${kind}: rollup build ${rollupS.toFixed(1)} s; ${rows.filter((r) => r.ok === 'PASS').length}/${rows.length} queries p95 < ${TARGET_MS} ms`,
    );
    return rows;
  } finally {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (WHICH !== 'postgres') await benchOne('sqlite', {});
  if (WHICH !== 'sqlite') {
    const pg = process.env.BENCH_PG_URL
      ? { url: process.env.BENCH_PG_URL, stop: async () => {} }
      : await startThrowawayPostgres();
    try {
      await benchOne('postgres', { DATABASE_URL: pg.url });
    } finally {
      await pg.stop();
    }
  }
}

await main();
