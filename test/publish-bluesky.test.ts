// Publishing to a real local Bluesky network (PDS + AppView): the post lands in the account's repo and on the
// AppView; a 5xx after the PDS already wrote the record is retried with the same record key, so the repo
// holds exactly one post; a 429 waits for the PDS's reset time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { as, createOrg, signIn, startTestApp, type TestApp } from './helpers/app.js';
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from './helpers/bluesky-network.js';
import { testDbKinds } from './helpers/databases.js';
import { makeDue } from './helpers/jobs.js';
import {
  auditActions,
  drainPublishing,
  publishJobs,
  readPost,
  seedPost,
} from './helpers/publish-fixtures.js';

const POST = 'app.bsky.feed.post';

describe('publishing to Bluesky', {
  skip: testDbKinds.includes('postgres') ? false : 'needs PostgreSQL for the AppView',
}, () => {
  let net: BlueskyNetwork;
  before(async () => {
    net = await startBlueskyNetwork();
  });
  after(() => net?.stop());

  for (const kind of testDbKinds) {
    describe(kind, () => {
      let t: TestApp;
      let orgId: string;
      let adminId: string;
      let accountId: string;
      let acct: BlueskyTestAccount;
      const records = async () =>
        (await acct.agent.com.atproto.repo.listRecords({ repo: acct.did, collection: POST, limit: 100 })).data
          .records;

      before(async () => {
        t = await startTestApp(kind);
        const org = await createOrg(t);
        orgId = org.orgId;
        adminId = org.adminId;
        acct = await net.createAccount(`pb${kind.slice(0, 2)}`);
        const res = await as(t, await signIn(t, org.adminEmail))('POST', '/api/v1/accounts', {
          platform: 'bluesky',
          handle: acct.handle,
          baseUrl: net.pdsUrl,
          credentials: { appPassword: acct.appPassword },
        });
        assert.equal(res.statusCode, 201, res.body);
        accountId = res.json().id;
      });
      after(() => t.close());

      test('published: in the repo (getRecord) and on the AppView (thread and author feed)', async () => {
        const id = await seedPost(t, { orgId, accountId, authorId: adminId });
        await drainPublishing(t);
        const post = await readPost(t, id);
        assert.equal(post.status, 'published', post.last_error ?? '');
        const uri = post.platform_post_id!;
        assert.ok(uri.startsWith(`at://${acct.did}/${POST}/`));
        const rkey = uri.split('/').pop()!;
        const rec = await acct.agent.com.atproto.repo.getRecord({ repo: acct.did, collection: POST, rkey });
        assert.equal((rec.data.value as { text: string }).text, post.text);
        await net.waitForAppView();
        const feed = await acct.agent.app.bsky.feed.getAuthorFeed({ actor: acct.did });
        assert.ok(
          feed.data.feed.some((f) => f.post.uri === uri),
          'the AppView indexed the post',
        );
        assert.deepEqual(await auditActions(t, id), ['post.published']);
      });

      /** Routes createRecord calls through `answer` (by call number); everything else goes to the network. */
      const interceptCreates = (
        answer: (n: number, forward: () => Promise<Response>) => Promise<Response>,
      ) => {
        let n = 0;
        t.ctx.connectorDeps.fetch = async (input, init) => {
          const url = input instanceof Request ? input.url : String(input);
          if (!url.includes('/xrpc/com.atproto.repo.createRecord')) return fetch(input, init);
          return answer(++n, () => fetch(input, init));
        };
        return () => n;
      };
      const restore = () => {
        t.ctx.connectorDeps.fetch = (input, init) => fetch(input, init);
      };
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', ...headers },
        });

      test('a 502 after the PDS wrote the record: the deterministic record key finds it; one record', async () => {
        const id = await seedPost(t, { orgId, accountId, authorId: adminId });
        const before = (await records()).length;
        const creates = interceptCreates(async (n, forward) => {
          if (n > 1) return forward();
          await forward(); // the PDS writes the record, but the answer is lost
          return json(502, { error: 'InternalServerError', message: 'upstream' });
        });
        try {
          await drainPublishing(t);
        } finally {
          restore();
        }
        const post = await readPost(t, id);
        assert.equal(post.status, 'published', post.last_error ?? '');
        assert.equal(creates(), 1);
        const now = await records();
        assert.equal(now.length, before + 1, 'no second post');
        assert.ok(now.some((r) => r.uri === post.platform_post_id));
      });

      test('a 429 and a 500 before anything was written: retried at the reset time; one record', async () => {
        const id = await seedPost(t, { orgId, accountId, authorId: adminId });
        const before = (await records()).length;
        const creates = interceptCreates(async (n, forward) => {
          if (n === 1)
            return json(
              429,
              { error: 'RateLimitExceeded', message: 'slow down' },
              {
                'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30),
              },
            );
          if (n === 2) return json(500, { error: 'InternalServerError', message: 'oops' });
          return forward();
        });
        try {
          await drainPublishing(t);
          assert.equal((await readPost(t, id)).status, 'publishing');
          const [job] = await publishJobs(t, id);
          assert.ok(Number(job!.run_after) > Date.now() + 20_000, 'waits for RateLimit-Reset');
          await makeDue(t, job!.id);
          await drainPublishing(t);
          assert.match((await readPost(t, id)).last_error ?? '', /InternalServerError|oops/);
          await makeDue(t, job!.id);
          await drainPublishing(t);
        } finally {
          restore();
        }
        const post = await readPost(t, id);
        assert.equal(post.status, 'published', post.last_error ?? '');
        assert.equal(creates(), 3);
        assert.equal((await records()).length, before + 1);
      });
    });
  }
});
