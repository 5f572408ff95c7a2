// The crash test: a worker process is killed (SIGKILL) after the platform created the post and before the
// worker committed that it did. A fresh worker on the same database then finishes the job, and the platform
// holds exactly one post — on the Sandbox and on a real local Bluesky network (PDS + AppView).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { as, createOrg, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { type BlueskyNetwork, startBlueskyNetwork } from './helpers/bluesky-network.js';
import { runWorkerUntilCrash } from './helpers/crash-worker.js';
import { testDbKinds } from './helpers/databases.js';
import { waitFor } from './helpers/jobs.js';
import { drainPublishing, publishJobs, readPost, seedPost } from './helpers/publish-fixtures.js';
import { sandboxConnectFields } from './helpers/sandbox-account.js';

/** Kills the worker after the create call, checks the half-done state, then lets a fresh worker finish. */
async function crashThenFinish(
  t: TestApp,
  postId: string,
  crashAfter: string,
  countOnPlatform: () => Promise<number>,
): Promise<void> {
  const crash = await runWorkerUntilCrash(t, crashAfter);
  assert.equal(crash.signal, 'SIGKILL', crash.output);
  assert.match(crash.output, /CRASHING after 20\d/, crash.output);
  assert.equal(await countOnPlatform(), 1, 'the platform has the post');
  const halfDone = await readPost(t, postId);
  assert.equal(halfDone.status, 'publishing', 'the worker died before recording the result');
  assert.equal(halfDone.platform_post_id, null);
  const attempt = await t.ctx.db
    .selectFrom('publish_attempt')
    .selectAll()
    .where('post_id', '=', postId)
    .executeTakeFirstOrThrow();
  assert.equal(attempt.finished_at, null, 'the attempt was committed before the platform call');

  const [job] = await publishJobs(t, postId);
  assert.equal(job!.status, 'running');
  await waitFor(
    'the dead worker’s lease to expire',
    () => Date.now() > Number(job!.locked_until) + 5,
    15_000,
  );
  await drainPublishing(t);
  const post = await readPost(t, postId);
  assert.equal(post.status, 'published', post.last_error ?? '');
  assert.ok(post.platform_post_id);
  assert.equal(await countOnPlatform(), 1, 'exactly one post on the platform after the retry');
  const done = await t.ctx.db
    .selectFrom('publish_attempt')
    .selectAll()
    .where('post_id', '=', postId)
    .executeTakeFirstOrThrow();
  // 2 = the killed try + the fresh worker's. (More only if a very slow first try outlived its lease and the
  // dying worker re-claimed its own job: still one post, which is the point.)
  assert.ok(Number(done.tries) >= 2, crash.output);
  assert.equal(done.platform_post_id, post.platform_post_id);
}

describe('a worker killed between the platform call and the commit never posts twice', () => {
  let net: BlueskyNetwork | null = null;
  before(async () => {
    if (testDbKinds.includes('postgres')) net = await startBlueskyNetwork();
  });
  after(() => net?.stop());

  for (const kind of testDbKinds) {
    test(`Sandbox (${kind})`, { timeout: 120_000 }, async () => {
      const t = await startTestApp(kind);
      try {
        const org = await createOrg(t);
        const admin = await signIn(t, org.adminEmail);
        const fields = await sandboxConnectFields(t, 'crash');
        const account = await as(t, admin)('POST', '/api/v1/accounts', fields);
        assert.equal(account.statusCode, 201, account.body);
        const postId = await seedPost(t, {
          orgId: org.orgId,
          accountId: account.json().id,
          authorId: org.adminId,
        });
        const { text } = await readPost(t, postId);
        const count = async () =>
          (
            await t.ctx.db
              .selectFrom('sandbox_post')
              .select('id')
              .where('author_id', '=', fields.platformAccountId)
              .where('text', '=', text)
              .execute()
          ).length;
        await crashThenFinish(t, postId, '/sandbox/api/v1/posts$', count);
      } finally {
        await t.close();
      }
    });

    test(`Bluesky (${kind})`, {
      timeout: 180_000,
      skip: testDbKinds.includes('postgres') ? false : 'needs PostgreSQL for the AppView',
    }, async () => {
      const network = net!;
      const t = await startTestApp(kind);
      try {
        const org = await createOrg(t);
        const admin = await signIn(t, org.adminEmail);
        const acct = await network.createAccount(`cr${kind.slice(0, 2)}`);
        const account = await as(t, admin)('POST', '/api/v1/accounts', {
          platform: 'bluesky',
          handle: acct.handle,
          baseUrl: network.pdsUrl,
          credentials: { appPassword: acct.appPassword },
        });
        assert.equal(account.statusCode, 201, account.body);
        const postId = await seedPost(t, {
          orgId: org.orgId,
          accountId: account.json().id,
          authorId: org.adminId,
        });
        const count = async () =>
          (
            await acct.agent.com.atproto.repo.listRecords({
              repo: acct.did,
              collection: 'app.bsky.feed.post',
              limit: 100,
            })
          ).data.records.length;
        await crashThenFinish(t, postId, '/xrpc/com\\.atproto\\.repo\\.createRecord', count);
        // The post with Parapet's deterministic record key is an ordinary post to the AppView.
        const post = await readPost(t, postId);
        await network.waitForAppView();
        const thread = await acct.agent.app.bsky.feed.getPostThread({ uri: post.platform_post_id! });
        assert.equal(
          (thread.data.thread as { post?: { record?: { text?: string } } }).post?.record?.text,
          post.text,
        );
      } finally {
        await t.close();
      }
    });
  }
});
