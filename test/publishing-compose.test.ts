// Composing posts and replies for one or many accounts: drafts, permissions from grants, direct vs approval,
// replies to inbound items, lists and visibility, cancel, organisation isolation and bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '../src/ids.js';
import { createOrg, type Org, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import {
  adminOf,
  auditActions,
  composeWorld,
  type Person,
  publishJobs,
} from './helpers/publishing-compose.js';

for (const kind of testDbKinds) {
  describe(`publishing: compose (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Person;
    let direct: Person;
    let checked: Person;
    let replier: Person;
    let stranger: Person;
    let auditor: Person;
    let sb1: string;
    let sb2: string;
    let x: string;

    before(async () => {
      t = await startTestApp(kind);
      ({ org, admin, direct, checked, replier, stranger, auditor, sb1, sb2, x } = await composeWorld(t));
    });
    after(() => t.close());

    test('one draft per account, sharing a batch; revision 1 stored and audited; listed by batch', async () => {
      const res = await admin.api('POST', '/api/v1/posts', {
        accountIds: [sb1, sb2, sb1],
        text: 'Road closed on High St',
      });
      assert.equal(res.statusCode, 201, res.body);
      const { batchId, posts } = res.json();
      assert.equal(posts.length, 2, 'a repeated account id makes one post');
      assert.deepEqual(posts.map((p: { accountId: string }) => p.accountId).sort(), [sb1, sb2].sort());
      for (const p of posts) {
        assert.equal(p.batchId, batchId);
        assert.equal(p.status, 'draft');
        assert.equal(p.revision, 1);
        assert.equal(p.kind, 'post');
        assert.deepEqual(await auditActions(t, p.id), ['post.created']);
        assert.equal((await publishJobs(t, p.id)).length, 0, 'a draft has no publish job');
      }
      const detail = (await admin.api('GET', `/api/v1/posts/${posts[0].id}`)).json();
      assert.deepEqual(
        detail.revisions.map((r: { revision: number; text: string }) => [r.revision, r.text]),
        [[1, 'Road closed on High St']],
      );
      const listed = (await admin.api('GET', `/api/v1/posts?batchId=${batchId}`)).json();
      assert.equal(listed.posts.length, 2);
    });

    test('permissions come from grants: no grant 403, unknown account 404, reply-only may not post', async () => {
      const none = await stranger.api('POST', '/api/v1/posts', { accountIds: [sb1], text: 'hello' });
      assert.equal(none.statusCode, 403, none.body);
      assert.match(none.json().error.message, /ask comms for a grant/);
      const unknown = await admin.api('POST', '/api/v1/posts', { accountIds: [newId()], text: 'hello' });
      assert.equal(unknown.statusCode, 404);
      const replyOnly = await replier.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'a post',
        submit: true,
      });
      assert.equal(replyOnly.statusCode, 403);
      const partly = await direct.api('POST', '/api/v1/posts', { accountIds: [sb1, sb2], text: 'both?' });
      assert.equal(partly.statusCode, 403, 'one account without a grant refuses the whole batch');
    });

    test('publish_directly: scheduled at once with a publish job for revision 1; publish_with_approval: pending', async () => {
      const res = await direct.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'Fete on Saturday',
        submit: true,
      });
      assert.equal(res.statusCode, 201, res.body);
      const post = res.json().posts[0];
      assert.equal(post.status, 'scheduled');
      assert.equal(post.approvalsRequired, 0);
      assert.ok(post.submittedAt);
      const jobs = await publishJobs(t, post.id);
      assert.equal(jobs.length, 1);
      assert.deepEqual(JSON.parse(jobs[0]!.payload), { postId: post.id, revision: 1 });
      assert.deepEqual(await auditActions(t, post.id), ['post.created', 'post.submitted']);

      const pending = await checked.api('POST', '/api/v1/posts', {
        accountIds: [sb1, sb2],
        text: 'Fete too',
        submit: true,
      });
      assert.equal(pending.statusCode, 201, pending.body);
      for (const p of pending.json().posts) {
        assert.equal(p.status, 'pending_approval');
        assert.equal(p.approvalsRequired, 1);
        assert.equal((await publishJobs(t, p.id)).length, 0);
      }
    });

    test('replies: to an inbound item (its ref) or a PostRef; reply permission answers directly', async () => {
      const itemId = newId();
      const now = Date.now();
      const ref = { id: 'sb-post-77', root: { id: 'sb-post-1' } };
      await t.ctx.db
        .insertInto('inbound_item')
        .values({
          id: itemId,
          org_id: org.orgId,
          account_id: sb1,
          platform: 'sandbox',
          platform_item_id: 'sb-post-77',
          kind: 'reply',
          text: 'When does the road reopen?',
          author_platform_id: 'p1',
          author_handle: 'resident',
          author_name: null,
          ref: JSON.stringify(ref),
          in_reply_to_id: 'sb-post-1',
          root_id: 'sb-post-1',
          url: null,
          raw: '{}',
          matches: '[]',
          categories: '[]',
          safeguarding: 0,
          priority: 0,
          status: 'new',
          assigned_to: null,
          due_at: null,
          platform_created_at: now,
          received_at: now,
          classified_at: null,
          action_issued_at: null,
          action_confirmed_at: null,
          decided_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const res = await replier.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'At 6pm today.',
        replyToItemId: itemId,
        submit: true,
      });
      assert.equal(res.statusCode, 201, res.body);
      const reply = res.json().posts[0];
      assert.equal(reply.kind, 'reply');
      assert.deepEqual(reply.replyTo, ref);
      assert.equal(reply.status, 'scheduled');

      const wrongPlatform = await admin.api('POST', '/api/v1/posts', {
        accountIds: [x],
        text: 'hi',
        replyToItemId: itemId,
      });
      assert.equal(wrongPlatform.statusCode, 400);
      assert.equal(wrongPlatform.json().error.code, 'reply_platform_mismatch');
      const mixed = await admin.api('POST', '/api/v1/posts', {
        accountIds: [x, sb1],
        text: 'hi',
        replyTo: { id: '1' },
      });
      assert.equal(mixed.json().error.code, 'reply_platform_mismatch');
      const both = await admin.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'hi',
        replyTo: { id: '1' },
        replyToItemId: itemId,
      });
      assert.equal(both.json().error.code, 'reply_target_ambiguous');
      const missing = await admin.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'hi',
        replyToItemId: newId(),
      });
      assert.equal(missing.statusCode, 404);
      const viaRef = await checked.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'Thanks',
        replyTo: { id: 'sb-post-9' },
        submit: true,
      });
      assert.equal(
        viaRef.json().posts[0].status,
        'pending_approval',
        'publish_with_approval alone: replies need approval',
      );
    });

    test('lists: authors see their own and their accounts; auditors all; filters; cursor paging', async () => {
      const mine = (await checked.api('GET', '/api/v1/posts?status=pending_approval')).json().posts;
      assert.ok(mine.length > 0);
      assert.ok(mine.every((p: { status: string }) => p.status === 'pending_approval'));
      assert.equal((await stranger.api('GET', '/api/v1/posts')).json().posts.length, 0);
      const someoneElses = (await direct.api('GET', `/api/v1/posts?authorId=${admin.id}`)).json().posts;
      assert.ok(
        someoneElses.every((p: { accountId: string }) => p.accountId === sb1 || p.accountId === x),
        'only accounts direct holds grants on',
      );
      const all = (await auditor.api('GET', '/api/v1/posts?limit=200')).json().posts;
      const total = (await t.ctx.db.selectFrom('post').select('id').where('org_id', '=', org.orgId).execute())
        .length;
      assert.equal(all.length, total);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { posts: Array<{ id: string }>; nextCursor: string | null } = (
          await auditor.api('GET', `/api/v1/posts?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.posts.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen,
        all.map((p: { id: string }) => p.id),
      );
      const other = await stranger.api('GET', `/api/v1/posts/${all[0].id}`);
      assert.equal(other.statusCode, 404, 'a post you may not see is not found');
    });

    test('cancel: the author or comms withdraws a post not yet published; twice is 409', async () => {
      const draft = (await checked.api('POST', '/api/v1/posts', { accountIds: [sb1], text: 'Maybe' })).json()
        .posts[0];
      assert.equal((await direct.api('POST', `/api/v1/posts/${draft.id}/cancel`, {})).statusCode, 403);
      const res = await checked.api('POST', `/api/v1/posts/${draft.id}/cancel`, {
        reason: 'changed my mind',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'cancelled');
      const again = await checked.api('POST', `/api/v1/posts/${draft.id}/cancel`); // no body at all
      assert.equal(again.statusCode, 409);
      assert.deepEqual(await auditActions(t, draft.id), ['post.created', 'post.cancelled']);
    });

    test('another organisation sees nothing and can touch nothing', async () => {
      const orgB = await createOrg(t, 'Other force');
      const adminB = await adminOf(t, orgB);
      const post = (
        await admin.api('POST', '/api/v1/posts', { accountIds: [sb1], text: 'Org A only' })
      ).json().posts[0];
      assert.equal((await adminB.api('GET', `/api/v1/posts/${post.id}`)).statusCode, 404);
      assert.equal(
        (await adminB.api('PATCH', `/api/v1/posts/${post.id}`, { text: 'hijacked' })).statusCode,
        404,
      );
      assert.equal(
        (await adminB.api('POST', '/api/v1/posts', { accountIds: [sb1], text: 'x' })).statusCode,
        404,
      );
      assert.equal(
        (await adminB.api('POST', '/api/v1/posts/check', { accountIds: [sb1], text: 'x' })).statusCode,
        404,
      );
      assert.equal((await adminB.api('GET', '/api/v1/posts')).json().posts.length, 0);
      assert.equal((await admin.api('GET', `/api/v1/posts/${post.id}`)).json().text, 'Org A only');
    });

    test('bad input: a clear 400 with a code', async () => {
      for (const body of [
        { accountIds: [], text: 'x' },
        { accountIds: [sb1] },
        { accountIds: [sb1], text: 'x', colour: 'red' },
        { accountIds: [sb1], text: 'x', mediaUrls: ['not a url'] },
        { accountIds: [sb1], text: 'x', replyTo: { uri: 'at://x' } },
        { accountIds: [sb1], text: 'x', submit: 'yes' },
      ]) {
        const res = await admin.api('POST', '/api/v1/posts', body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        assert.ok(res.json().error.code);
      }
      const empty = await admin.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: '   ',
        submit: true,
      });
      assert.equal(empty.json().error.code, 'platform_limits');
      assert.match(empty.json().error.message, /Sandbox: the text is empty/);
      assert.equal(
        (await admin.api('GET', '/api/v1/posts?cursor=bm9wZQ')).json().error.code,
        'invalid_cursor',
      );
      assert.equal((await admin.api('GET', '/api/v1/posts?limit=0')).statusCode, 400);
    });
  });
}
