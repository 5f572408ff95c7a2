// The ingestion thread (src/modules/inbound/ingest-thread.ts): webhook batches are stored by a worker thread with
// its own database connection, a delivery is answered only after that thread's commit, and a thread that dies
// costs at most a 503 for the batch it held (the platform retries; nothing stored twice), after which
// deliveries are stored in-process.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { batcherFor } from '../src/modules/inbound/group-commit.js';
import { IngestThread } from '../src/modules/inbound/ingest-thread.js';
import { createOrg, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect, deliver, itemsOf, WEBHOOK_SETTINGS, xSignature } from './helpers/inbound.js';
import { deferred } from './helpers/jobs.js';

const X_USER = '1500000000000000777';
const xBody = (id: string, text: string) =>
  JSON.stringify({
    for_user_id: X_USER,
    tweet_create_events: [{ id_str: id, text, user: { id_str: '42', screen_name: 'troll' } }],
  });

async function batches(t: TestApp, where: 'thread' | 'in_process', outcome: 'stored' | 'failed') {
  const metric = await t.ctx.metrics.ingestBatches.get();
  return metric.values.find((v) => v.labels.where === where && v.labels.outcome === outcome)?.value ?? 0;
}

/** Holds the database's write lock (SQLite) or the replay table (PostgreSQL) from the main thread until released:
 * the ingestion thread's transaction waits on it. */
async function holdWrites(t: TestApp) {
  const held = deferred();
  const release = deferred();
  const done = t.ctx.db.transaction().execute(async (trx) => {
    // SQLite: Parapet's transactions begin IMMEDIATE, so this one already holds the write lock.
    if (t.kind === 'postgres') await sql`lock table inbound_delivery in exclusive mode`.execute(trx);
    held.resolve();
    await release.promise;
  });
  await held.promise;
  return { release: () => release.resolve(), done };
}

for (const kind of testDbKinds) {
  describe(`ingestion thread (${kind})`, () => {
    let t: TestApp;
    let account: string;

    before(async () => {
      t = await startTestApp(kind, WEBHOOK_SETTINGS);
      const org = await createOrg(t, 'Thread Police');
      account = await connectDirect(t, org, 'x', X_USER);
      await batcherFor(t.ctx).thread!.whenReady;
    });
    after(() => t?.close());

    test('deliveries are stored by the thread and answered only after its commit', async () => {
      const threadBatches = await batches(t, 'thread', 'stored');
      const hold = await holdWrites(t);
      const body = xBody('1800000000000077001', 'you are awful');
      let answered = false;
      const pending = deliver(t, 'x', body, xSignature(body)).then((r) => {
        answered = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(answered, false, 'no answer while the thread cannot commit');
      hold.release();
      await hold.done;
      const res = await pending;
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { received: true, replay: false, stored: 1 });
      assert.equal(await batches(t, 'thread', 'stored'), threadBatches + 1, 'the thread stored it');
      const [item] = (await itemsOf(t, account)).filter((i) => i.platform_item_id === '1800000000000077001');
      assert.ok(item?.classified_at, 'stored classified, by the same code as in-process');
    });

    test('many concurrent deliveries through the thread: all answered, each item stored once', async () => {
      const bodies = Array.from({ length: 60 }, (_, n) =>
        xBody(`18000000000000772${String(n).padStart(2, '0')}`, `question ${n}`),
      );
      const answers = await Promise.all(
        [...bodies, ...bodies.slice(0, 10)].map((b) => deliver(t, 'x', b, xSignature(b))),
      );
      assert.ok(answers.every((a) => a.statusCode === 200));
      const stored = (await itemsOf(t, account)).filter((i) => i.text.startsWith('question '));
      assert.equal(stored.length, 60);
      assert.equal(answers.filter((a) => a.json().replay).length, 10, 'the repeated bodies are replays');
    });

    test('a thread that dies: its batch is 503 (retried by the platform), later deliveries stored in-process', async () => {
      const thread = batcherFor(t.ctx).thread!;
      const body = xBody('1800000000000077301', 'in the crashing batch');
      if (kind === 'postgres') {
        // The batch waits on a lock (socket I/O, so the thread's JavaScript is idle and can be stopped there).
        // On SQLite the wait is inside a native call, where terminating a thread aborts the process: there the
        // thread is stopped between batches.
        const hold = await holdWrites(t);
        const pending = deliver(t, 'x', body, xSignature(body));
        await new Promise((r) => setTimeout(r, 300));
        await thread.worker.terminate();
        const lost = await pending;
        assert.equal(lost.statusCode, 503);
        assert.equal(lost.json().error.code, 'not_stored');
        hold.release();
        await hold.done;
      } else await thread.worker.terminate();
      assert.equal(thread.usable, false);

      const inProcess = await batches(t, 'in_process', 'stored');
      const retry = await deliver(t, 'x', body, xSignature(body));
      assert.equal(retry.statusCode, 200, retry.body);
      assert.deepEqual(retry.json(), { received: true, replay: false, stored: 1 });
      assert.ok((await batches(t, 'in_process', 'stored')) > inProcess, 'stored in-process after the crash');
      const copies = (await itemsOf(t, account)).filter((i) => i.platform_item_id === '1800000000000077301');
      assert.equal(copies.length, 1);
    });
  });
}

test('a thread that cannot open the database fails at start; the caller is told and falls back', async () => {
  const t = await startTestApp('sqlite', { ...WEBHOOK_SETTINGS, PARAPET_INGEST_THREAD: 'off' });
  try {
    assert.equal(batcherFor(t.ctx).thread, null, 'PARAPET_INGEST_THREAD=off starts no thread');
    const broken = new IngestThread({
      ...t.ctx,
      // A directory where the database file should be: SQLite cannot open it.
      config: { ...t.ctx.config, database: { kind: 'sqlite', file: t.ctx.config.dataDir } },
    });
    await assert.rejects(broken.whenReady);
    assert.equal(broken.usable, false);
    await assert.rejects(broken.commit([]), /not ready/);
    await broken.close();
  } finally {
    await t.close();
  }
});
