// Child process for bench/inbound-webhooks.ts: either Parapet (API role, a real organisation with the starter
// dictionaries active and one connected X account) or a no-op Fastify handler as the ceiling. Prints one JSON
// line {url, ...} when ready; exits on SIGTERM or when stdin closes.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/config.js';
import { startParapet } from '../../src/main.js';
import { connectAccount } from '../../src/modules/accounts/service.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import { createFirstOrganisation } from '../../src/modules/identity/setup-service.js';
import { batcherFor } from '../../src/modules/inbound/group-commit.js';
import { BENCH_X_SECRET, BENCH_X_USER } from './inbound-constants.js';

async function noop(): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_r, body, done) => done(null, body));
  app.post('/webhooks/x', async () => ({ ok: true }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, stop: () => app.close() };
}

async function parapet(): Promise<{ url: string; stop: () => Promise<void>; info: Record<string, unknown> }> {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    PARAPET_ROLES: 'api',
    PARAPET_X_CONSUMER_SECRET: BENCH_X_SECRET,
  });
  const server = await startParapet(config, () => {});
  const ctx = server.ctx;
  // BENCH_SQLITE_SYNC=FULL|NORMAL: what an fsync per commit costs with group commit (one connection: applies
  // to every transaction the server runs).
  const sync = process.env.BENCH_SQLITE_SYNC;
  if (ctx.dbKind === 'sqlite' && (sync === 'FULL' || sync === 'NORMAL'))
    await sql.raw(`PRAGMA synchronous = ${sync}`).execute(ctx.db);
  const { orgId, userId } = await createFirstOrganisation(
    ctx,
    systemContext('bench'),
    {
      organisationName: 'Bench Police',
      name: 'Bench',
      email: 'bench@example.test',
      password: 'bench password long enough',
    },
    null,
  );
  const active = await ctx.db
    .selectFrom('dictionary')
    .select(['name'])
    .where('org_id', '=', orgId)
    .where('active_version', 'is not', null)
    .execute();
  const p = {
    userId,
    orgId,
    email: 'bench@example.test',
    name: 'Bench',
    roles: ['admin' as const],
    via: 'session' as const,
    sessionId: null,
    stage: 'active' as const,
    scopes: null,
  };
  const account = await connectAccount(ctx, p, systemContext('bench'), {
    platform: 'x',
    platformAccountId: BENCH_X_USER,
    handle: 'acme',
    credentials: { accessToken: 'bench-token' },
  });
  // Measure the ingestion thread, not the in-process fallback used while it loads.
  await batcherFor(ctx).thread?.whenReady;
  return {
    url: server.url!,
    stop: () => server.stop(),
    info: { orgId, accountId: account.id, activeDictionaries: active.map((d) => d.name) },
  };
}

const running = process.env.BENCH_MODE === 'noop' ? { ...(await noop()), info: {} } : await parapet();
process.stdout.write(`${JSON.stringify({ url: running.url, ...running.info })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
