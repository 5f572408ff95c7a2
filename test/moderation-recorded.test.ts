// Moderation actions against recorded platform HTTP: X answering 429 then 503 then 200 (retried through the job
// table, nothing lost, recorded once), X refusing for good (action_failed, queued for a person, alert), and
// Mastodon, which cannot hide a reply (block + report + review instead, said in an action_fallback event).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { MODERATION_ACTION_JOB } from '../src/modules/moderation/actions.js';
import { createOrg, type Org, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect } from './helpers/inbound.js';
import { makeDue, makeWorker, readJob } from './helpers/jobs.js';
import {
  actionJobsOf,
  activeDictionary,
  eventsOf,
  inbound,
  ingest,
  itemById,
  runActionsInOrder,
} from './helpers/moderation.js';
import { type RecordedExchange, recordedFetch } from './helpers/recorded-fetch.js';

const fixture = (name: string): RecordedExchange[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/moderation/${name}.json`, import.meta.url), 'utf8')).exchanges;

for (const kind of testDbKinds) {
  describe(`moderation actions on recorded platforms (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let realFetch: typeof fetch;

    const replayFixture = (name: string) => {
      const rec = recordedFetch(fixture(name));
      t.ctx.connectorDeps.fetch = rec.fetch;
      return rec;
    };
    const account = async (
      platform: 'x' | 'mastodon',
      id: string,
      extra: Parameters<typeof connectDirect>[4],
    ) => ({
      id: await connectDirect(t, org, platform, id, extra),
      org_id: org.orgId,
      platform,
    });

    before(async () => {
      t = await startTestApp(kind);
      await createOrg(t, 'First');
      org = await createOrg(t, 'Recorded Police');
      admin = await signIn(t, org.adminEmail);
      await activeDictionary(t, admin, {
        name: 'insults',
        category: 'insult',
        action: 'hide',
        severity: 'high',
        terms: ['zorblax'],
      });
      realFetch = t.ctx.connectorDeps.fetch;
    });
    after(async () => {
      t.ctx.connectorDeps.fetch = realFetch;
      await t?.close();
    });

    test('X: 429 then 503 then 200 — retried by the job table, hidden once, nothing lost', async () => {
      const rec = replayFixture('x-hide-429-503-200');
      const acct = await account('x', '2244994945', {
        credentials: { accessToken: 'x-access-token-EXAMPLE' },
      });
      const [row] = await ingest(t, acct, [inbound('what a zorblax', { id: '1800000000000000001' })]);
      assert.ok(row);
      const [job] = await actionJobsOf(t, row.id);
      assert.ok(job);
      const worker = makeWorker(t, Object.fromEntries(t.ctx.jobHandlers), { concurrency: 1 });
      // 429: waits for the platform's reset, already past in the fixture, so the same drain runs it again → 503.
      await worker.drain();
      assert.equal(rec.seen.length, 2);
      const j = await readJob(t, job.id);
      assert.equal(j.status, 'pending', 'backing off after the 503');
      assert.equal(j.attempts, 2);
      assert.match(j.last_error ?? '', /503/);
      assert.equal((await itemById(t, row.id)).status, 'action_pending', 'still waiting, not failed');
      await makeDue(t, job.id);
      await worker.drain(); // → 200
      assert.equal((await readJob(t, job.id)).status, 'done');
      rec.assertDone();
      const item = await itemById(t, row.id);
      assert.equal(item.status, 'auto_hidden');
      const outcomes = (await eventsOf(t, row.id)).filter((e) => e.type.startsWith('action_'));
      assert.deepEqual(
        outcomes.map((e) => [e.type, e.action, JSON.parse(e.detail).attempt ?? null]),
        [
          ['action_requested', 'hide', null],
          ['action_succeeded', 'hide', 3],
        ],
      );
    });

    test('X: a permanent refusal is recorded as action_failed, queued for a person, and alerted', async () => {
      const rec = replayFixture('x-hide-403');
      const acct = await account('x', '2244994946', {
        credentials: { accessToken: 'x-access-token-EXAMPLE' },
      });
      const [row] = await ingest(t, acct, [inbound('zorblax!', { id: '1800000000000000001' })]);
      assert.ok(row);
      await makeWorker(t, Object.fromEntries(t.ctx.jobHandlers), { concurrency: 1 }).drain();
      rec.assertDone();
      const [job] = await actionJobsOf(t, row.id);
      assert.equal((await readJob(t, job!.id)).status, 'done', 'the job finished: its outcome is the event');
      const item = await itemById(t, row.id);
      assert.equal(item.status, 'action_failed');
      const types = (await eventsOf(t, row.id)).map((e) => e.type);
      assert.deepEqual(types.slice(-2), ['action_failed', 'queued']);
      const alerts = await t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('subject_id', '=', row.id)
        .execute();
      assert.deepEqual(
        alerts.map((a) => a.kind),
        ['moderation.action_failed'],
      );
      assert.doesNotMatch(JSON.stringify(alerts), /x-access-token-EXAMPLE/);
    });

    test('Mastodon cannot hide: block + report instead, queued for a person, and it says so', async () => {
      const rec = replayFixture('mastodon-hide-fallback');
      const acct = await account('mastodon', '109000000000000001', {
        baseUrl: 'https://social.example',
        credentials: { accessToken: 'mastodon-access-token-EXAMPLE' },
      });
      const [row] = await ingest(t, acct, [
        inbound('you zorblax', { id: '103186126728896492', authorId: '971724' }),
      ]);
      assert.ok(row);
      const fallback = (await eventsOf(t, row.id)).find((e) => e.type === 'action_fallback');
      assert.ok(fallback, 'an action_fallback event');
      assert.equal(fallback.action, 'hide');
      assert.deepEqual(JSON.parse(fallback.detail).instead, ['block', 'report']);
      assert.match(fallback.note ?? '', /mastodon cannot hide a reply/);
      assert.equal((await itemById(t, row.id)).status, 'queued');
      await runActionsInOrder(t, row.id);
      rec.assertDone();
      const events = await eventsOf(t, row.id);
      assert.deepEqual(
        events.filter((e) => e.type === 'action_succeeded').map((e) => e.action),
        ['block', 'report'],
      );
      const view = (await import('./helpers/app.js')).as(t, admin);
      const body = (await view('GET', `/api/v1/inbound/${row.id}`)).json();
      assert.equal(body.derived.authorBlocked, true);
      assert.equal(body.derived.reported, true);
      assert.equal(body.derived.hidden, false, 'not pretended hidden');
      assert.equal(body.status, 'queued');
      assert.equal(body.derived.fallbacks[0].action, 'hide');
      const jobs = await t.ctx.db
        .selectFrom('job')
        .select('payload')
        .where('type', '=', MODERATION_ACTION_JOB)
        .execute();
      assert.doesNotMatch(JSON.stringify(jobs), /access-token/, 'job payloads hold ids only');
    });
  });
}
