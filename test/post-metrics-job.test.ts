// The engagement refresh job end to end against the real built-in Sandbox: replies from the public become
// reply counts in snapshots and in the latest-per-post table the dashboard reads; one broken account does not
// stop the others; a second run adds a snapshot and updates the latest.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getConnector } from '../src/connectors/registry.js';
import type { ConnectorAccount, PostRef } from '../src/connectors/types.js';
import { withAccountCredentials } from '../src/modules/accounts/credentials.js';
import { refreshAllMetrics } from '../src/modules/analytics/metrics-job.js';
import { createSandboxOfficialAccount } from '../src/sandbox/accounts.js';
import { insertAccount, insertPost } from './helpers/analytics-data.js';
import { as, createOrg, type Org, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { sandboxConnectFields } from './helpers/sandbox-account.js';

for (const kind of testDbKinds) {
  describe(`engagement metrics job (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let accountId: string;
    let postId: string;
    let ref: PostRef;
    let publicAccount: ConnectorAccount;

    const replyAsPublic = async (text: string) => {
      const sandbox = await getConnector('sandbox', t.ctx.connectorDeps);
      await sandbox.publish(publicAccount, { text, replyTo: ref });
    };

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      const fields = await sandboxConnectFields(t, 'metrics');
      const res = await as(t, admin)('POST', '/api/v1/accounts', fields);
      assert.equal(res.statusCode, 201, res.body);
      accountId = res.json().id;
      const sandbox = await getConnector('sandbox', t.ctx.connectorDeps);
      const published = await withAccountCredentials(t.ctx, accountId, (acc) =>
        sandbox.publish(acc, { text: 'Road closed on the A1' }),
      );
      ref = published.ref;
      postId = await insertPost(t, {
        orgId: org.orgId,
        accountId,
        authorId: org.adminId,
        publishedAt: Date.now() - 60_000,
      });
      await t.ctx.db
        .updateTable('post')
        .set({ platform_ref: JSON.stringify(ref) })
        .where('id', '=', postId)
        .execute();
      const pub = await createSandboxOfficialAccount(t.ctx, { handle: `public_${Date.now() % 100000}` });
      publicAccount = {
        platformAccountId: pub.userId,
        handle: pub.handle,
        baseUrl: fields.baseUrl,
        credentials: { token: pub.token },
      };
    });
    after(() => t.close());

    test('replies on the Sandbox are counted; a broken account is skipped and reported', async () => {
      await replyAsPublic('Which junction?');
      await replyAsPublic('Thanks for the update');
      const broken = await insertAccount(t, org.orgId, 'no_credentials', null);
      await insertPost(t, {
        orgId: org.orgId,
        accountId: broken,
        authorId: org.adminId,
        publishedAt: Date.now() - 1000,
      });
      const run = await refreshAllMetrics(t.ctx);
      assert.equal(run.measured, 1);
      assert.deepEqual(
        run.failed.map((f) => f.accountId),
        [broken],
      );
      const latest = await t.ctx.db
        .selectFrom('post_metric_latest')
        .selectAll()
        .where('post_id', '=', postId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(latest.replies), Number(latest.likes), Number(latest.engagement)], [2, 0, 2]);
      assert.equal(latest.account_id, accountId);
    });

    test('a later run adds a snapshot and moves the latest; analytics read the latest', async () => {
      await replyAsPublic('Is it open yet?');
      await new Promise((r) => setTimeout(r, 5));
      await refreshAllMetrics(t.ctx);
      const snapshots = await t.ctx.db
        .selectFrom('post_metric')
        .select('replies')
        .where('post_id', '=', postId)
        .orderBy('fetched_at')
        .execute();
      assert.deepEqual(
        snapshots.map((s) => Number(s.replies)),
        [2, 3],
      );
      const overview = (
        await as(t, admin)('GET', `/api/v1/analytics/overview?accountId=${accountId}`)
      ).json();
      assert.equal(overview.engagement.replies, 3);
      assert.equal(overview.postsPublished, 1);
    });
  });
}
