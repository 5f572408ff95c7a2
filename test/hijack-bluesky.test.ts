// Hijack detection on a REAL local Bluesky network: a post written straight to the PDS with the account's own
// session (as a hijacker with the password would) is found by the periodic check; under 'delete_and_lock' the
// record is deleted from the PDS through the job table and the account locked. A post Parapet published is not.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkAllAccounts } from '../src/modules/hijack/detector.js';
import { HIJACK_DELETE_JOB } from '../src/modules/hijack/record.js';
import { as, createOrg, type Org, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from './helpers/bluesky-network.js';
import { testDbKinds } from './helpers/databases.js';
import { insertParapetPost } from './helpers/hijack.js';
import { makeWorker, waitFor } from './helpers/jobs.js';

const rkeyOf = (uri: string) => uri.split('/').pop() as string;

describe('hijack detection on a real local Bluesky network', { timeout: 180_000 }, () => {
  let net: BlueskyNetwork;
  before(async () => {
    net = await startBlueskyNetwork();
  });
  after(() => net?.stop());

  for (const kind of testDbKinds) {
    describe(kind, () => {
      let t: TestApp;
      let org: Org;
      let admin: Session;
      let bsky: BlueskyTestAccount;
      let accountId: string;

      const exists = async (uri: string) => {
        try {
          await bsky.agent.com.atproto.repo.getRecord({
            repo: bsky.did,
            collection: 'app.bsky.feed.post',
            rkey: rkeyOf(uri),
          });
          return true;
        } catch {
          return false;
        }
      };
      const hijackAlerts = () =>
        t.ctx.db
          .selectFrom('alert_event')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('kind', '=', 'publishing.hijack')
          .execute();

      before(async () => {
        t = await startTestApp(kind);
        org = await createOrg(t);
        admin = await signIn(t, org.adminEmail);
        bsky = await net.createAccount(`hj${kind.slice(0, 2)}`);
        await bsky.agent.post({ text: 'Before Parapet was connected', createdAt: new Date().toISOString() });
        await new Promise((r) => setTimeout(r, 20));
        const res = await as(t, admin)('POST', '/api/v1/accounts', {
          platform: 'bluesky',
          handle: bsky.handle,
          baseUrl: net.pdsUrl,
          credentials: { appPassword: bsky.appPassword },
        });
        assert.equal(res.statusCode, 201, res.body);
        accountId = res.json().id;
      });
      after(() => t.close());

      test("'alert': a post written straight to the PDS is flagged once; Parapet's own post is not; nothing deleted", async () => {
        const ours = await bsky.agent.post({
          text: 'Our appeal for witnesses',
          createdAt: new Date().toISOString(),
        });
        await insertParapetPost(
          t,
          { orgId: org.orgId, accountId, authorId: org.adminId },
          'Our appeal for witnesses',
          'published',
          ours.uri,
        );
        const foreign = await bsky.agent.post({
          text: 'Free tickets, click here',
          createdAt: new Date().toISOString(),
        });

        const outcome = (await checkAllAccounts(t.ctx)).find((o) => o.accountId === accountId);
        assert.deepEqual([outcome?.result, outcome?.detected], ['checked', 1]);
        await checkAllAccounts(t.ctx);
        const list = (await as(t, admin)('GET', '/api/v1/hijack/detections')).json().detections;
        assert.deepEqual(
          list.map((d: { platformPostId: string; action: string }) => [d.platformPostId, d.action]),
          [[foreign.uri, 'alerted']],
        );
        assert.equal((await hijackAlerts()).length, 1);
        assert.ok(await exists(foreign.uri), 'still on the PDS');
        assert.equal((await as(t, admin)('GET', `/api/v1/accounts/${accountId}`)).json().status, 'active');
      });

      test("'delete_and_lock': the record is deleted from the PDS, the account locked, all audited", async () => {
        const set = await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/hijack-policy`, {
          policy: 'delete_and_lock',
        });
        assert.equal(set.statusCode, 200, set.body);
        const foreign = await bsky.agent.post({
          text: 'This account has been taken over',
          createdAt: new Date().toISOString(),
        });
        await checkAllAccounts(t.ctx);
        const account = (await as(t, admin)('GET', `/api/v1/accounts/${accountId}`)).json();
        assert.equal(account.status, 'locked');
        assert.ok(await exists(foreign.uri), 'deletion is a job, not inline');

        const worker = makeWorker(t, { [HIJACK_DELETE_JOB]: t.ctx.jobHandlers.get(HIJACK_DELETE_JOB)! });
        worker.start();
        try {
          await waitFor(
            'the record deleted',
            async () =>
              (
                await t.ctx.db
                  .selectFrom('hijack_detection')
                  .select('deleted_at')
                  .where('platform_post_id', '=', foreign.uri)
                  .executeTakeFirstOrThrow()
              ).deleted_at !== null,
            30_000,
          );
        } finally {
          await worker.stop();
        }
        assert.equal(await exists(foreign.uri), false, 'gone from the PDS');
        const actions = (
          await t.ctx.db.selectFrom('audit_record').select('action').where('org_id', '=', org.orgId).execute()
        ).map((r) => r.action);
        for (const a of [
          'account.hijack_policy_changed',
          'hijack.detected',
          'account.locked',
          'hijack.post_deleted',
        ])
          assert.ok(actions.includes(a), `audited: ${a}`);
        assert.equal((await hijackAlerts()).length, 2);
        await checkAllAccounts(t.ctx);
        assert.equal((await hijackAlerts()).length, 2, 'no new alert after deletion');
      });
    });
  }
});
