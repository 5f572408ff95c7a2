// Hijack detection on the built-in Sandbox: posts made straight through the Sandbox API with the account's own
// token (as a hijacker holding the password would) are found by the periodic check, alerted once, and under
// 'delete_and_lock' deleted through the job table with the account locked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkAllAccounts } from '../src/modules/hijack/detector.js';
import { HIJACK_DELETE_JOB } from '../src/modules/hijack/record.js';
import { as, createOrg, type Org, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { insertParapetPost as insertOurPost } from './helpers/hijack.js';
import { makeWorker, waitFor } from './helpers/jobs.js';
import { sandboxConnectFields } from './helpers/sandbox-account.js';

interface Connected {
  id: string;
  token: string;
  baseUrl: string;
}

for (const kind of testDbKinds) {
  describe(`hijack detection on the Sandbox (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let acct: Connected;

    const sandbox = async (c: Connected, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${c.baseUrl}/sandbox/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${c.token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      assert.ok(res.ok, `${method} ${path} → ${res.status}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const postDirect = async (c: Connected, text: string) =>
      (await sandbox(c, 'POST', '/posts', { text })).id as string;
    const stillOnPlatform = async (c: Connected, id: string) =>
      ((await sandbox(c, 'GET', '/me/posts')).posts as Array<{ id: string }>).some((p) => p.id === id);
    const detections = (accountId: string) =>
      t.ctx.db.selectFrom('hijack_detection').selectAll().where('account_id', '=', accountId).execute();
    const hijackAlerts = (accountId: string) =>
      t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', 'publishing.hijack')
        .execute();
    const insertParapetPost = (
      c: Connected,
      text: string,
      status: 'published' | 'publishing',
      id: string | null,
    ) => insertOurPost(t, { orgId: org.orgId, accountId: c.id, authorId: org.adminId }, text, status, id);

    const connect = async (handle: string, before?: (token: string, baseUrl: string) => Promise<void>) => {
      const fields = await sandboxConnectFields(t, handle);
      await before?.(fields.credentials.token, fields.baseUrl);
      await new Promise((r) => setTimeout(r, 5));
      const res = await as(t, admin)('POST', '/api/v1/accounts', fields);
      assert.equal(res.statusCode, 201, res.body);
      return { id: res.json().id as string, token: fields.credentials.token, baseUrl: fields.baseUrl };
    };

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t, 'Hijack force');
      admin = await signIn(t, org.adminEmail);
      // A post made before the account was connected to Parapet is history, not a hijack.
      acct = await connect('hj', async (token, baseUrl) => {
        await postDirect({ id: '', token, baseUrl }, 'An old post from before Parapet');
      });
    });
    after(() => t.close());

    test("'alert': a post made outside Parapet raises one urgent alert and nothing is deleted", async () => {
      await new Promise((r) => setTimeout(r, 5));
      const ours = await postDirect(acct, 'Published by Parapet');
      await insertParapetPost(acct, 'Published by Parapet', 'published', ours);
      await postDirect(acct, 'Being published by Parapet right now');
      await insertParapetPost(acct, 'Being published by Parapet right now', 'publishing', null);
      const foreign = await postDirect(acct, 'Crypto giveaway! Send 1 BTC');

      const first = await checkAllAccounts(t.ctx);
      assert.deepEqual(
        first.filter((o) => o.accountId === acct.id).map((o) => [o.result, o.detected]),
        [['checked', 1]],
      );
      await checkAllAccounts(t.ctx);
      const found = await detections(acct.id);
      assert.deepEqual(
        found.map((d) => [d.platform_post_id, d.action, d.text]),
        [[foreign, 'alerted', 'Crypto giveaway! Send 1 BTC']],
      );
      const alerts = await hijackAlerts(acct.id);
      assert.equal(alerts.length, 1, 'alerted once');
      assert.equal(alerts[0]!.severity, 'urgent');
      assert.match(alerts[0]!.summary, /not made through Parapet/);
      assert.ok(await stillOnPlatform(acct, foreign), 'nothing deleted under the alert policy');
      const account = await as(t, admin)('GET', `/api/v1/accounts/${acct.id}`);
      assert.equal(account.json().status, 'active');
      const jobs = await t.ctx.db
        .selectFrom('job')
        .select('id')
        .where('type', '=', HIJACK_DELETE_JOB)
        .execute();
      assert.equal(jobs.length, 0);

      const list = await as(t, admin)('GET', '/api/v1/hijack/detections');
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().detections[0].platformPostId, foreign);
    });

    test("'delete_and_lock': the post is deleted through the job table and the account locked, audited", async () => {
      const bad = await as(t, admin)('PUT', `/api/v1/accounts/${acct.id}/hijack-policy`, { policy: 'nuke' });
      assert.equal(bad.statusCode, 400);
      const set = await as(t, admin)('PUT', `/api/v1/accounts/${acct.id}/hijack-policy`, {
        policy: 'delete_and_lock',
      });
      assert.equal(set.statusCode, 200, set.body);
      const foreign = await postDirect(acct, 'Hacked lol');
      await checkAllAccounts(t.ctx);

      const account = (await as(t, admin)('GET', `/api/v1/accounts/${acct.id}`)).json();
      assert.equal(account.status, 'locked');
      assert.match(account.statusReason, /not made through Parapet/);
      const detection = (await detections(acct.id)).find((d) => d.platform_post_id === foreign)!;
      assert.equal(detection.action, 'delete_and_lock');
      assert.ok(detection.delete_job_id, 'deletion queued as a job');
      assert.ok(await stillOnPlatform(acct, foreign), 'not deleted inline');

      const handler = t.ctx.jobHandlers.get(HIJACK_DELETE_JOB)!;
      const worker = makeWorker(t, { [HIJACK_DELETE_JOB]: handler });
      worker.start();
      try {
        await waitFor('the foreign post deleted', async () => {
          const d = await t.ctx.db
            .selectFrom('hijack_detection')
            .select('deleted_at')
            .where('id', '=', detection.id)
            .executeTakeFirstOrThrow();
          return d.deleted_at !== null;
        });
      } finally {
        await worker.stop();
      }
      assert.equal(await stillOnPlatform(acct, foreign), false, 'gone from the platform');
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
      assert.equal((await hijackAlerts(acct.id)).length, 2);

      // Checking again finds nothing new (the deleted post is known), and the account stays locked.
      await checkAllAccounts(t.ctx);
      assert.equal((await hijackAlerts(acct.id)).length, 2);

      const unlock = await as(t, admin)('POST', `/api/v1/accounts/${acct.id}/unlock`, {
        reason: 'Password changed, 2FA on',
      });
      assert.equal(unlock.statusCode, 200, unlock.body);
      assert.equal((await as(t, admin)('GET', `/api/v1/accounts/${acct.id}`)).json().status, 'active');
      assert.equal(
        (await as(t, admin)('POST', `/api/v1/accounts/${acct.id}/unlock`, { reason: 'again' })).statusCode,
        409,
      );
    });

    test('a rate-limited account is skipped until its reset and does not stop the others', async () => {
      const slow = await connect('hj_slow');
      const other = await connect('hj_other');
      await postDirect(slow, 'foreign on slow');
      const foreign = await postDirect(other, 'foreign on other');
      const realFetch = t.ctx.connectorDeps.fetch;
      const resetAt = Date.now() + 60_000;
      t.ctx.connectorDeps = {
        now: () => Date.now(),
        fetch: async (input, init) => {
          const auth = new Headers(init?.headers).get('authorization');
          if (auth === `Bearer ${slow.token}`)
            return new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
              status: 429,
              headers: {
                'content-type': 'application/json',
                'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
                'retry-after': '60',
              },
            });
          return realFetch(input, init);
        },
      };
      try {
        const outcomes = await checkAllAccounts(t.ctx);
        const by = new Map(outcomes.map((o) => [o.accountId, o]));
        assert.equal(by.get(slow.id)?.result, 'rate_limited');
        assert.equal(by.get(other.id)?.result, 'checked');
        assert.deepEqual(
          (await detections(other.id)).map((d) => d.platform_post_id),
          [foreign],
        );
        const state = await t.ctx.db
          .selectFrom('hijack_account_state')
          .selectAll()
          .where('account_id', '=', slow.id)
          .executeTakeFirstOrThrow();
        assert.ok(Number(state.retry_after) >= resetAt - 1000);
      } finally {
        t.ctx.connectorDeps = { now: () => Date.now(), fetch: realFetch };
      }
      // Before the reset the account is not called at all; after it, it is checked and the post found.
      assert.equal(
        (await checkAllAccounts(t.ctx)).find((o) => o.accountId === slow.id)?.result,
        'rate_limited',
      );
      const later = (await checkAllAccounts(t.ctx, resetAt + 1000)).find((o) => o.accountId === slow.id);
      assert.deepEqual([later?.result, later?.detected], ['checked', 1]);
    });

    test('routes: permissions and bad input', async () => {
      const { addUser } = await import('./helpers/app.js');
      const author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
      const auditor = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
      assert.equal((await as(t, author)('GET', '/api/v1/hijack/detections')).statusCode, 403);
      assert.equal((await as(t, auditor)('GET', '/api/v1/hijack/detections')).statusCode, 200);
      assert.equal(
        (await as(t, auditor)('PUT', `/api/v1/accounts/${acct.id}/hijack-policy`, { policy: 'alert' }))
          .statusCode,
        403,
      );
      assert.equal(
        (await as(t, admin)('PUT', `/api/v1/accounts/${acct.id}/hijack-policy`, {})).statusCode,
        400,
      );
      assert.equal(
        (await as(t, admin)('PUT', '/api/v1/accounts/nope/hijack-policy', { policy: 'alert' })).statusCode,
        404,
      );
      const filtered = await as(t, admin)('GET', `/api/v1/hijack/detections?accountId=${acct.id}&limit=1`);
      assert.equal(filtered.statusCode, 200, filtered.body);
      assert.equal(filtered.json().detections.length, 1);
      assert.equal((await as(t, admin)('GET', '/api/v1/hijack/detections?limit=0')).statusCode, 400);
      const state = await as(t, auditor)('GET', `/api/v1/accounts/${acct.id}/hijack-policy`);
      assert.equal(state.statusCode, 200, state.body);
      assert.equal(state.json().policy, 'delete_and_lock');
      assert.ok(state.json().lastCheckedAt > 0);
      assert.equal((await as(t, author)('GET', `/api/v1/accounts/${acct.id}/hijack-policy`)).statusCode, 403);
      const other = await createOrg(t, 'Other');
      const otherAdmin = await signIn(t, other.adminEmail);
      assert.deepEqual((await as(t, otherAdmin)('GET', '/api/v1/hijack/detections')).json().detections, []);
      assert.equal(
        (await as(t, otherAdmin)('PUT', `/api/v1/accounts/${acct.id}/hijack-policy`, { policy: 'alert' }))
          .statusCode,
        404,
      );
    });
  });
}
