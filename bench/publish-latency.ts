// Publish latency on a real local Bluesky network (PLC + PDS + AppView on a throwaway PostgreSQL), embedded
// mode (SQLite, the in-process worker running): from the approval API call (POST /api/v1/posts/:id/approve)
// to the post being readable on the PDS (com.atproto.repo.getRecord) and on the AppView (getPostThread).
// An author composes and submits each post first (not timed); an admin approves it (timed from here).
// Run: node --import tsx bench/publish-latency.ts   (env BENCH_RUNS=20, BENCH_PG_URL=… to use a running server)
import assert from 'node:assert/strict';
import { AtpAgent } from '@atproto/api';
import { startThrowawayPostgres } from './lib/throwaway-pg.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const POLL_MS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pg = process.env.BENCH_PG_URL ? null : await startThrowawayPostgres();
// The test helpers read the cluster URL when loaded: set it first, then import them.
process.env.PARAPET_TEST_PG_URL = process.env.BENCH_PG_URL ?? pg!.url;
const { startBlueskyNetwork } = await import('../test/helpers/bluesky-network.js');
const { addUser, as, createOrg, signIn, startTestApp } = await import('../test/helpers/app.js');
const { createWorker } = await import('../src/worker.js');

const net = await startBlueskyNetwork();
const t = await startTestApp('sqlite');
const worker = createWorker(t.ctx);
worker.start();

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return `median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms (min ${s[0]!.toFixed(0)}, max ${s.at(-1)!.toFixed(0)}, n=${s.length})`;
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

try {
  const org = await createOrg(t);
  const admin = await signIn(t, org.adminEmail);
  const authorUser = await addUser(t, org.orgId, ['author']);
  const author = await signIn(t, authorUser.email);
  const acct = await net.createAccount('lat');
  const account = await as(t, admin)('POST', '/api/v1/accounts', {
    platform: 'bluesky',
    handle: acct.handle,
    baseUrl: net.pdsUrl,
    credentials: { appPassword: acct.appPassword },
  });
  assert.equal(account.statusCode, 201, account.body);
  const accountId = account.json().id as string;
  const grant = await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/${authorUser.id}`, {
    permissions: ['view', 'publish_with_approval'],
  });
  assert.equal(grant.statusCode, 200, grant.body);
  const appView = new AtpAgent({ service: net.appViewUrl });

  const approveCall: number[] = [];
  const toPds: number[] = [];
  const toAppView: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const text = `Latency probe ${i} ${Date.now()}: the A1 is open again in both directions.`;
    const composed = await as(t, author)('POST', '/api/v1/posts', {
      accountIds: [accountId],
      text,
      submit: true,
    });
    assert.equal(composed.statusCode, 201, composed.body);
    const postId = composed.json().posts[0].id as string;
    assert.equal(composed.json().posts[0].status, 'pending_approval', composed.body);

    const start = performance.now();
    const approved = await as(t, admin)('POST', `/api/v1/posts/${postId}/approve`, {});
    assert.equal(approved.statusCode, 200, approved.body);
    const approveMs = performance.now() - start;
    const rec = await until('the PDS record', async () => {
      const res = await acct.agent.com.atproto.repo.listRecords({
        repo: acct.did,
        collection: 'app.bsky.feed.post',
        limit: 3,
      });
      const hit = res.data.records.find((r) => (r.value as { text?: string }).text === text);
      if (!hit) return null;
      // Confirm with getRecord, as a reader holding the URI would.
      const rkey = hit.uri.split('/').pop()!;
      await acct.agent.com.atproto.repo.getRecord({ repo: acct.did, collection: 'app.bsky.feed.post', rkey });
      return hit;
    });
    const pdsMs = performance.now() - start;
    await until('the AppView', async () => {
      const res = await appView.app.bsky.feed.getPostThread({ uri: rec.uri, depth: 0 });
      return (res.data.thread as { post?: unknown }).post ? true : null;
    });
    const appViewMs = performance.now() - start;
    if (i === 0) continue; // warm-up: first login to the PDS, first connector load
    approveCall.push(approveMs);
    toPds.push(pdsMs);
    toAppView.push(appViewMs);
  }
  console.log(
    `publish latency from POST /api/v1/posts/:id/approve, ${RUNS} posts, Bluesky local network, SQLite embedded, in-process worker:`,
  );
  console.log(`  approve call answered:                   ${summary(approveCall)}`);
  console.log(`  visible on the PDS (getRecord):          ${summary(toPds)}`);
  console.log(`  visible on the AppView (getPostThread):  ${summary(toAppView)}`);
} finally {
  await worker.stop();
  await t.close();
  await net.stop();
  await pg?.stop();
}
