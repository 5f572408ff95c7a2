// Publishing execution on the Sandbox: the publish job's gates, retries without double-posting, permanent
// failures with alerts, and what gets audited. Posts are put in `scheduled` directly (as approval leaves them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueuePublish } from '../src/modules/publishing/publish-queue.js';
import { as, type Org, type Session, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { makeDue } from './helpers/jobs.js';
import {
  auditActions,
  drainPublishing,
  publishJobs,
  readPost,
  sandboxPostsWithText,
  seedPost,
  setUpPublishingOrg,
} from './helpers/publish-fixtures.js';

for (const kind of testDbKinds) {
  describe(`publish job on the Sandbox (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let author: { id: string; email: string };
    let accountId: string;
    let sandboxUserId: string;
    let sandboxToken: string;
    const realFetch = () => (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init);

    const sandboxPosts = (text: string) => sandboxPostsWithText(t, sandboxUserId, text);
    const alertsFor = (postId: string) =>
      t.ctx.db.selectFrom('alert_event').selectAll().where('subject_id', '=', postId).execute();

    before(async () => {
      t = await startTestApp(kind);
      ({ org, admin, author, accountId, sandboxUserId, sandboxToken } = await setUpPublishingOrg(
        t,
        'pubexec',
        ['view', 'publish_directly'],
      ));
    });
    after(() => t.close());

    const seed = (extra: { text?: string; scheduledAt?: number | null } = {}) =>
      seedPost(t, { orgId: org.orgId, accountId, authorId: author.id, ...extra });

    test('the Sandbox API dedupes on Idempotency-Key: the second create returns the first post', async () => {
      const create = (key: string, text: string) =>
        t.app.inject({
          method: 'POST',
          url: '/sandbox/api/v1/posts',
          headers: { authorization: `Bearer ${sandboxToken}`, 'idempotency-key': key },
          payload: { text },
        });
      const first = await create('parapet-k1', 'Idempotent hello');
      assert.equal(first.statusCode, 201, first.body);
      const second = await create('parapet-k1', 'Idempotent hello');
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.json().id, first.json().id);
      assert.equal((await sandboxPosts('Idempotent hello')).length, 1);
      const other = await create('parapet-k2', 'Idempotent hello');
      assert.equal(other.statusCode, 201);
      assert.notEqual(other.json().id, first.json().id);
      const bad = await create('no spaces allowed', 'x');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'invalid_idempotency_key');
    });

    test('a due post is published: platform ids recorded, one post on the Sandbox, audited', async () => {
      const id = await seed();
      const { text } = await readPost(t, id);
      await drainPublishing(t);
      const post = await readPost(t, id);
      assert.equal(post.status, 'published', post.last_error ?? '');
      const onPlatform = await sandboxPosts(text);
      assert.equal(onPlatform.length, 1);
      assert.equal(post.platform_post_id, onPlatform[0]!.id);
      assert.deepEqual(JSON.parse(post.platform_ref!), { id: onPlatform[0]!.id });
      assert.match(post.url ?? '', /\/sandbox#post-/);
      assert.ok(post.published_at);
      const attempt = await t.ctx.db
        .selectFrom('publish_attempt')
        .selectAll()
        .where('post_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(attempt.outcome, 'published');
      assert.equal(Number(attempt.tries), 1);
      assert.deepEqual(await auditActions(t, id), ['post.published']);
      // A second run of the same job (a duplicate delivery) does nothing.
      const [job] = await publishJobs(t, id);
      await t.ctx.db
        .updateTable('job')
        .set({ status: 'pending', run_after: 0 })
        .where('id', '=', job!.id)
        .execute();
      await drainPublishing(t);
      assert.equal((await sandboxPosts(text)).length, 1);
    });

    test('a 5xx after the platform created the post, then a 429: retried, exactly one post', async () => {
      const id = await seed();
      const { text } = await readPost(t, id);
      let creates = 0;
      t.ctx.connectorDeps.fetch = async (input, init) => {
        const url = String(input);
        if (init?.method === 'POST' && url.endsWith('/sandbox/api/v1/posts')) {
          creates++;
          if (creates === 1) {
            await fetch(input, init); // the platform makes the post, but the answer is lost
            return new Response('{"error":"upstream"}', { status: 502 });
          }
          if (creates === 2)
            return new Response('{}', {
              status: 429,
              headers: { 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30) },
            });
        }
        return fetch(input, init);
      };
      try {
        await drainPublishing(t);
        let post = await readPost(t, id);
        assert.equal(post.status, 'publishing', 'still being published, to be retried');
        assert.match(post.last_error ?? '', /502|upstream|failed/i);
        const [job] = await publishJobs(t, id);
        assert.equal(job!.status, 'pending');
        await makeDue(t, job!.id);
        await drainPublishing(t);
        const limited = (await publishJobs(t, id))[0]!;
        assert.equal(limited.status, 'pending');
        assert.ok(Number(limited.run_after) > Date.now() + 20_000, 'waits for the rate-limit reset');
        await makeDue(t, job!.id);
        await drainPublishing(t);
        post = await readPost(t, id);
        assert.equal(post.status, 'published', post.last_error ?? '');
        assert.equal(creates, 3);
        const onPlatform = await sandboxPosts(text);
        assert.equal(onPlatform.length, 1, 'the retries did not post twice');
        assert.equal(post.platform_post_id, onPlatform[0]!.id);
      } finally {
        t.ctx.connectorDeps.fetch = realFetch();
      }
    });

    test('a duplicate publish job arriving while the post is being published stays out', async () => {
      const id = await seed();
      const post = await readPost(t, id);
      // A second job for the same revision (e.g. a release raced the original), due only when we say.
      await enqueuePublish(t.ctx.db, { ...post, scheduled_at: Date.now() + 3_600_000 }, Date.now(), {
        nonce: 'dup',
      });
      const dup = (await publishJobs(t, id)).find((j) => j.idempotency_key?.endsWith(':dup'))!;
      let creates = 0;
      t.ctx.connectorDeps.fetch = async (input, init) => {
        if (init?.method === 'POST' && String(input).endsWith('/sandbox/api/v1/posts')) {
          creates++;
          if (creates === 1) {
            // While the first job waits on the platform, the duplicate runs to completion.
            await makeDue(t, dup.id);
            await drainPublishing(t);
          }
        }
        return fetch(input, init);
      };
      try {
        await drainPublishing(t);
      } finally {
        t.ctx.connectorDeps.fetch = realFetch();
      }
      assert.equal(creates, 1, 'the duplicate never called the platform');
      assert.equal((await readPost(t, id)).status, 'published');
      assert.equal((await sandboxPosts(post.text)).length, 1);
      assert.deepEqual(
        (await publishJobs(t, id)).map((j) => j.status),
        ['done', 'done'],
      );
    });

    test('a permanent platform refusal fails the post and alerts the author and the organisation', async () => {
      const id = await seed({ text: 'x'.repeat(1001) }); // over the Sandbox's 1,000 characters
      await drainPublishing(t);
      const post = await readPost(t, id);
      assert.equal(post.status, 'failed');
      assert.match(post.last_error ?? '', /1000|characters|invalid/i);
      const alerts = await alertsFor(id);
      assert.equal(alerts.length, 2);
      assert.ok(alerts.every((a) => a.kind === 'publishing.failed' && a.account_id === accountId));
      assert.deepEqual(alerts.map((a) => a.recipient_user_id).sort(), [author.id, null].sort());
      assert.deepEqual(await auditActions(t, id), ['post.publish_failed']);
      assert.equal((await publishJobs(t, id))[0]!.status, 'done');
    });

    test('dictionaries that changed since approval block at publish time: failed + alert, nothing posted', async () => {
      const id = await seed({ text: 'Vote for the Purple Party on Thursday' });
      const dict = await as(t, admin)('POST', '/api/v1/dictionaries', {
        yaml: 'name: election\ncategory: political\naction: block_publish\nseverity: high\nterms:\n  - "purple party"\n',
        activate: true,
      });
      assert.equal(dict.statusCode, 201, dict.body);
      await drainPublishing(t);
      const post = await readPost(t, id);
      assert.equal(post.status, 'failed');
      assert.match(post.last_error ?? '', /purple party/);
      assert.equal((await sandboxPosts(post.text)).length, 0);
      assert.equal((await alertsFor(id)).filter((a) => a.kind === 'publishing.failed').length, 2);
    });

    test('an edited post (revision moved on) or a withdrawn one is not published by its old job', async () => {
      const edited = await seed();
      await t.ctx.db.updateTable('post').set({ revision: 2 }).where('id', '=', edited).execute();
      const cancelled = await seed();
      await t.ctx.db.updateTable('post').set({ status: 'cancelled' }).where('id', '=', cancelled).execute();
      await drainPublishing(t);
      assert.equal((await readPost(t, edited)).status, 'scheduled');
      assert.equal((await readPost(t, cancelled)).status, 'cancelled');
      assert.equal((await sandboxPosts((await readPost(t, edited)).text)).length, 0);
    });

    test('a post whose author has lost the licence to post is held, not published', async () => {
      const id = await seed();
      await t.ctx.db
        .insertInto('licence_agreement')
        .values({
          id: `agr-${id}`,
          org_id: org.orgId,
          version: 1,
          title: 'Agreement',
          body: 'Be kind.',
          body_format: 'plain',
          published_by: null,
          published_by_label: 'test',
          published_at: Date.now(),
        })
        .execute();
      try {
        await drainPublishing(t);
        const post = await readPost(t, id);
        assert.equal(post.status, 'held');
        assert.match(post.hold_reason ?? '', /agreement/i);
        const hold = await t.ctx.db
          .selectFrom('post_hold')
          .selectAll()
          .where('post_id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(hold.kind, 'author_unlicensed');
      } finally {
        await t.ctx.db.deleteFrom('licence_agreement').where('org_id', '=', org.orgId).execute();
      }
    });
  });
}
