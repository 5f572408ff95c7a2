// Kill switches: the organisation-wide pause, account suspension and user suspension hold posts (never
// lose them) and lifting each releases exactly what it held. Deleting a published post keeps the archive.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueToken } from '../src/sandbox/repo.js';
import { addUser, as, type Org, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
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
  describe(`publishing kill switches and deletion (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let comms: Session;
    let author: { id: string; email: string };
    let authorSession: Session;
    let accountId: string;
    let sandboxUserId: string;

    const onSandbox = (text: string) => sandboxPostsWithText(t, sandboxUserId, text);
    const holdOf = (id: string) =>
      t.ctx.db.selectFrom('post_hold').selectAll().where('post_id', '=', id).executeTakeFirst();

    before(async () => {
      t = await startTestApp(kind);
      ({ org, admin, author, accountId, sandboxUserId } = await setUpPublishingOrg(t, 'killsw', [
        'view',
        'publish_with_approval',
      ]));
      comms = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      authorSession = await signIn(t, author.email);
    });
    after(() => t.close());

    const seed = (extra: { scheduledAt?: number | null; status?: 'scheduled' | 'pending_approval' } = {}) =>
      seedPost(t, { orgId: org.orgId, accountId, authorId: author.id, ...extra });

    test('pause holds due posts (nothing posted); resume releases them and they publish', async () => {
      const forbiddenPause = await as(t, authorSession)('POST', '/api/v1/publishing/pause', { reason: 'x' });
      assert.equal(forbiddenPause.statusCode, 403);
      const paused = await as(t, comms)('POST', '/api/v1/publishing/pause', { reason: 'Critical incident' });
      assert.equal(paused.statusCode, 200, paused.body);
      assert.equal(paused.json().paused, true);
      assert.equal(paused.json().reason, 'Critical incident');
      const again = await as(t, comms)('POST', '/api/v1/publishing/pause', { reason: 'again' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'already_paused');

      const due = await seed();
      const later = await seed({ scheduledAt: Date.now() + 3_600_000 });
      await drainPublishing(t);
      const held = await readPost(t, due);
      assert.equal(held.status, 'held');
      assert.match(held.hold_reason ?? '', /paused: Critical incident/);
      assert.equal((await holdOf(due))?.kind, 'organisation_paused');
      assert.equal((await onSandbox(held.text)).length, 0);
      assert.equal((await readPost(t, later)).status, 'scheduled', 'not due yet: untouched');

      const status = await as(t, admin)('GET', '/api/v1/publishing/status');
      assert.equal(status.statusCode, 200);
      assert.equal(status.json().held.organisation_paused, 1);

      const resumed = await as(t, admin)('POST', '/api/v1/publishing/resume');
      assert.equal(resumed.statusCode, 200, resumed.body);
      assert.equal(resumed.json().paused, false);
      assert.equal(resumed.json().released, 1);
      assert.equal((await readPost(t, due)).status, 'scheduled');
      assert.equal(await holdOf(due), undefined);
      assert.equal((await publishJobs(t, due)).length, 2, 'a new publish job (the first one was used)');
      await drainPublishing(t);
      const published = await readPost(t, due);
      assert.equal(published.status, 'published', published.last_error ?? '');
      assert.equal((await onSandbox(published.text)).length, 1);
      assert.deepEqual(await auditActions(t, due), ['post.held', 'post.released', 'post.published']);
      const orgAudit = await auditActions(t, org.orgId);
      assert.ok(orgAudit.includes('publishing.paused') && orgAudit.includes('publishing.resumed'));
      assert.equal((await as(t, admin)('POST', '/api/v1/publishing/resume')).json().error.code, 'not_paused');
    });

    test('suspending the account holds its scheduled posts; reinstating puts them back on schedule', async () => {
      const at = Date.now() + 3_600_000;
      const future = await seed({ scheduledAt: at });
      const sus = await as(t, comms)('POST', `/api/v1/accounts/${accountId}/suspend`, {
        reason: 'Hijack suspected',
      });
      assert.equal(sus.statusCode, 200, sus.body);
      assert.equal((await readPost(t, future)).status, 'held');
      assert.equal((await holdOf(future))?.kind, 'account_suspended');
      // A post that comes due while the account is suspended is held by the publish job's gate too.
      const due = await seed();
      await drainPublishing(t);
      assert.equal((await readPost(t, due)).status, 'held');
      assert.equal((await holdOf(due))?.kind, 'account_suspended');

      const back = await as(t, comms)('POST', `/api/v1/accounts/${accountId}/reinstate`, {
        reason: 'Cleared',
      });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal((await readPost(t, future)).status, 'scheduled');
      const jobs = await publishJobs(t, future);
      const fresh = jobs.find(
        (j) => j.status === 'pending' && j.attempts === 0 && j.idempotency_key?.split(':').length === 4,
      );
      assert.ok(fresh, 'a new publish job');
      assert.equal(Number(fresh.run_after), at, 'publishes at its scheduled time');
      await drainPublishing(t);
      assert.equal((await readPost(t, due)).status, 'published');
      assert.equal((await readPost(t, future)).status, 'scheduled');
    });

    test('suspending a user holds their pending and scheduled posts; reinstating returns each', async () => {
      const pending = await seed({ status: 'pending_approval' });
      const scheduled = await seed({ scheduledAt: Date.now() + 60_000 });
      const sus = await as(t, admin)('POST', `/api/v1/users/${author.id}/suspend`, {
        reason: 'Investigation',
      });
      assert.equal(sus.statusCode, 200, sus.body);
      assert.equal((await readPost(t, pending)).status, 'held');
      assert.equal((await readPost(t, scheduled)).status, 'held');
      assert.equal((await holdOf(pending))?.from_status, 'pending_approval');

      const back = await as(t, admin)('POST', `/api/v1/users/${author.id}/reinstate`, { reason: 'Cleared' });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal((await readPost(t, pending)).status, 'pending_approval', 'still needs approval');
      assert.equal((await readPost(t, scheduled)).status, 'scheduled');
      assert.equal((await publishJobs(t, pending)).length, 0, 'no publish job for a post awaiting approval');
      assert.equal((await publishJobs(t, scheduled)).filter((j) => j.status === 'pending').length, 2);
      assert.deepEqual(await auditActions(t, pending), ['post.held', 'post.released']);
      authorSession = await signIn(t, author.email); // suspension revoked the old session
    });

    test('delete: the author may, a user without publish rights may not; the archive keeps the post', async () => {
      const id = await seed();
      await drainPublishing(t);
      const published = await readPost(t, id);
      assert.equal(published.status, 'published');

      const outsider = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
      const refused = await as(t, outsider)('POST', `/api/v1/posts/${id}/delete`, { reason: 'mine?' });
      assert.equal(refused.statusCode, 403);
      const noReason = await as(t, authorSession)('POST', `/api/v1/posts/${id}/delete`, {});
      assert.equal(noReason.statusCode, 400);

      const res = await as(t, authorSession)('POST', `/api/v1/posts/${id}/delete`, {
        reason: 'Wrong road named',
      });
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.json().deletion, 'queued');
      const twice = await as(t, authorSession)('POST', `/api/v1/posts/${id}/delete`, { reason: 'again' });
      assert.equal(twice.statusCode, 409);
      await drainPublishing(t);

      const post = await readPost(t, id);
      assert.equal(post.status, 'deleted');
      assert.ok(post.deleted_at);
      assert.equal(post.text, published.text, 'the archived copy keeps the text');
      assert.equal(post.platform_post_id, published.platform_post_id);
      const revisions = await t.ctx.db
        .selectFrom('post_revision')
        .select('revision')
        .where('post_id', '=', id)
        .execute();
      assert.equal(revisions.length, 1);
      const [gone] = await onSandbox(published.text);
      assert.ok(gone?.deleted_at, 'deleted on the platform');
      assert.deepEqual(await auditActions(t, id), [
        'post.published',
        'post.delete_requested',
        'post.deleted',
      ]);
      const notPublished = await seed({ status: 'pending_approval' });
      const conflict = await as(t, admin)('POST', `/api/v1/posts/${notPublished}/delete`, { reason: 'x' });
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json().error.code, 'not_published');
    });

    test('credentials rejected at publish time: held, and released when new credentials are stored', async () => {
      const id = await seed();
      t.ctx.connectorDeps.fetch = async (input, init) =>
        init?.method === 'POST' && String(input).endsWith('/sandbox/api/v1/posts')
          ? new Response('{"error":{"code":"invalid_token","message":"revoked"}}', { status: 401 })
          : fetch(input, init);
      try {
        await drainPublishing(t);
      } finally {
        t.ctx.connectorDeps.fetch = (input, init) => fetch(input, init);
      }
      const held = await readPost(t, id);
      assert.equal(held.status, 'held', held.last_error ?? '');
      assert.equal((await holdOf(id))?.kind, 'account_unavailable');
      const acc = await as(t, admin)('GET', `/api/v1/accounts/${accountId}`);
      assert.equal(acc.json().status, 'credentials_expired');

      // A fresh token for the same Sandbox user stands in for "comms reconnected the account".
      const fresh = await issueToken(t.ctx.db, sandboxUserId);
      const put = await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/credentials`, {
        credentials: { token: fresh },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal((await readPost(t, id)).status, 'scheduled');
      await drainPublishing(t);
      assert.equal((await readPost(t, id)).status, 'published');
      assert.deepEqual(await auditActions(t, id), ['post.held', 'post.released', 'post.published']);
    });

    test('an author who loses their licence has posts held; accepting the new agreement releases them', async () => {
      const v = await as(t, admin)('POST', '/api/v1/licence/agreements', {
        title: 'Social media agreement',
        body: 'Every post speaks for the force.',
      });
      assert.equal(v.statusCode, 201, v.body);
      const id = await seed();
      await drainPublishing(t);
      assert.equal((await readPost(t, id)).status, 'held');
      assert.equal((await holdOf(id))?.kind, 'author_unlicensed');
      const accepted = await as(t, authorSession)('POST', '/api/v1/licence/accept', {
        version: v.json().version,
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal((await readPost(t, id)).status, 'scheduled', 'released by the acceptance');
      await drainPublishing(t);
      assert.equal((await readPost(t, id)).status, 'published');
    });

    test('a post held while the account is locked (hijack) publishes once the account is unlocked', async () => {
      await t.ctx.db
        .updateTable('social_account')
        .set({ status: 'locked', status_reason: 'Post not made through Parapet' })
        .where('id', '=', accountId)
        .execute();
      const id = await seed();
      await drainPublishing(t);
      assert.equal((await readPost(t, id)).status, 'held');
      const unlock = await as(t, admin)('POST', `/api/v1/accounts/${accountId}/unlock`, {
        reason: 'Password changed; the post was removed',
      });
      assert.equal(unlock.statusCode, 200, unlock.body);
      assert.equal((await readPost(t, id)).status, 'scheduled', 'released by the unlock');
      await drainPublishing(t);
      assert.equal((await readPost(t, id)).status, 'published');
    });
  });
}
