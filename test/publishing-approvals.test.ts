// Maker-checker: the approval queue, approve/reject with comments, N-step approval per account from
// distinct people on the current revision only, no approving your own post, edits that need approval
// again, and the author told of every decision (publishing.decision alerts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOrg, type Org, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import {
  adminOf,
  auditActions,
  grant,
  type Person,
  person,
  publishJobs,
  sandboxAccount,
} from './helpers/publishing-compose.js';

for (const kind of testDbKinds) {
  describe(`publishing: approvals (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Person;
    let comms1: Person;
    let comms2: Person;
    let author: Person; // publish_with_approval
    let trusted: Person; // publish_directly
    let moderator: Person;
    let sb: string;
    let strict: string; // needs two approvals

    const submit = async (who: Person, accountId: string, text: string) => {
      const res = await who.api('POST', '/api/v1/posts', { accountIds: [accountId], text, submit: true });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().posts[0] as {
        id: string;
        status: string;
        revision: number;
        approvalsRequired: number;
      };
    };
    const decisions = (postId: string) =>
      t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('kind', '=', 'publishing.decision')
        .where('subject_id', '=', postId)
        .orderBy('created_at')
        .execute();

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await adminOf(t, org);
      comms1 = await person(t, org.orgId, ['comms']);
      comms2 = await person(t, org.orgId, ['comms']);
      author = await person(t, org.orgId, ['author']);
      trusted = await person(t, org.orgId, ['author']);
      moderator = await person(t, org.orgId, ['moderator']);
      sb = await sandboxAccount(t, admin, 'central');
      strict = await sandboxAccount(t, admin, 'chief');
      for (const acc of [sb, strict]) {
        await grant(admin, acc, author.id, ['publish_with_approval']);
        await grant(admin, acc, trusted.id, ['publish_directly']);
      }
    });
    after(() => t.close());

    test('maker-checker: no approving your own post; an approver clears it, the job is queued, the author told', async () => {
      const post = await submit(author, sb, 'Burglary advice evening');
      assert.equal(post.status, 'pending_approval');
      const queue = (await comms1.api('GET', '/api/v1/approvals')).json().posts;
      const item = queue.find((p: { id: string }) => p.id === post.id);
      assert.ok(item, 'the post is in the queue');
      assert.equal(item.canApprove, true);
      assert.equal(item.approvalsReceived, 0);
      assert.equal((await moderator.api('GET', '/api/v1/approvals')).statusCode, 403);
      assert.equal(
        (await author.api('POST', `/api/v1/posts/${post.id}/approve`, {})).statusCode,
        403,
        'not an approver',
      );

      const mine = await submit(comms1, sb, 'Comms writes too');
      assert.equal(mine.status, 'scheduled', 'comms may publish directly');

      const approved = await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {
        comment: 'Fine',
        revision: 1,
      });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().status, 'scheduled');
      const jobs = await publishJobs(t, post.id);
      assert.equal(jobs.length, 1);
      assert.deepEqual(JSON.parse(jobs[0]!.payload), { postId: post.id, revision: 1 });
      const alerts = await decisions(post.id);
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]!.recipient_user_id, author.id);
      assert.match(alerts[0]!.summary, /approved/);
      assert.deepEqual(await auditActions(t, post.id), ['post.created', 'post.submitted', 'post.approved']);
      const detail = (await author.api('GET', `/api/v1/posts/${post.id}`)).json();
      assert.deepEqual(
        detail.approvals.map((a: { approverId: string; decision: string; comment: string; step: number }) => [
          a.approverId,
          a.decision,
          a.comment,
          a.step,
        ]),
        [[comms1.id, 'approved', 'Fine', 1]],
      );
    });

    test('an approver cannot approve their own post (403 own_post), even when a dictionary sent it to approval', async () => {
      const yaml =
        'name: politics\ncategory: politics\naction: require_approval\nseverity: medium\nterms:\n  - "manifesto"\n';
      assert.equal(
        (await admin.api('POST', '/api/v1/dictionaries', { yaml, activate: true })).statusCode,
        201,
      );
      const post = await submit(comms1, sb, 'Our manifesto for safer streets');
      assert.equal(post.status, 'pending_approval');
      const own = await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {});
      assert.equal(own.statusCode, 403);
      assert.equal(own.json().error.code, 'own_post');
      const queue = (await comms1.api('GET', '/api/v1/approvals')).json().posts;
      assert.equal(queue.find((p: { id: string }) => p.id === post.id).canApprove, false);
      assert.equal(
        (await comms2.api('POST', `/api/v1/posts/${post.id}/approve`, {})).json().status,
        'scheduled',
      );
    });

    test('N-step: two distinct approvals on an account set to 2; the same person twice is refused', async () => {
      assert.equal(
        (await author.api('PUT', `/api/v1/accounts/${strict}/approval-policy`, { approvalSteps: 2 }))
          .statusCode,
        403,
      );
      assert.equal(
        (await admin.api('PUT', `/api/v1/accounts/${strict}/approval-policy`, { approvalSteps: 0 }))
          .statusCode,
        400,
      );
      const set = await admin.api('PUT', `/api/v1/accounts/${strict}/approval-policy`, { approvalSteps: 2 });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual((await author.api('GET', `/api/v1/accounts/${strict}/approval-policy`)).json(), {
        accountId: strict,
        approvalSteps: 2,
      });
      assert.equal((await auditActions(t, strict)).at(-1), 'account.approval_policy_set');

      const post = await submit(author, strict, 'Chief constable statement');
      assert.equal(post.approvalsRequired, 2);
      const first = await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {});
      assert.equal(first.json().status, 'pending_approval');
      const twice = await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {});
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.code, 'already_approved');
      const queued = (await comms2.api('GET', '/api/v1/approvals'))
        .json()
        .posts.find((p: { id: string }) => p.id === post.id);
      assert.equal(queued.approvalsReceived, 1);
      assert.equal((await publishJobs(t, post.id)).length, 0);
      const second = await comms2.api('POST', `/api/v1/posts/${post.id}/approve`); // no body at all
      assert.equal(second.json().status, 'scheduled');
      assert.equal((await publishJobs(t, post.id)).length, 1);
      const alerts = await decisions(post.id);
      assert.equal(alerts.length, 2, 'the author hears of each decision');
      assert.match(alerts[0]!.summary, /needs 2 approvals/);
    });

    test('two approvers at once on a two-step account: both count, the post is cleared once', async () => {
      const post = await submit(author, strict, 'Simultaneous sign-off');
      const [a, b] = await Promise.all([
        comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {}),
        comms2.api('POST', `/api/v1/posts/${post.id}/approve`, {}),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode], [200, 200], `${a.body} ${b.body}`);
      const detail = (await author.api('GET', `/api/v1/posts/${post.id}`)).json();
      assert.equal(detail.status, 'scheduled');
      assert.deepEqual(detail.approvals.map((x: { step: number }) => x.step).sort(), [1, 2]);
      assert.equal((await publishJobs(t, post.id)).length, 1);
    });

    test('an edit while pending is a new revision: earlier approvals no longer count', async () => {
      const post = await submit(author, strict, 'Draft statement v1');
      await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {});
      const edited = await author.api('PATCH', `/api/v1/posts/${post.id}`, {
        text: 'Draft statement v2',
        revision: 1,
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().revision, 2);
      assert.equal(edited.json().status, 'pending_approval');
      const stale = await comms2.api('POST', `/api/v1/posts/${post.id}/approve`, { revision: 1 });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'revision_changed');
      const conflicting = await author.api('PATCH', `/api/v1/posts/${post.id}`, { text: 'v3', revision: 1 });
      assert.equal(conflicting.json().error.code, 'revision_changed');
      await comms2.api('POST', `/api/v1/posts/${post.id}/approve`, { revision: 2 });
      assert.equal(
        (await comms1.api('GET', `/api/v1/posts/${post.id}`)).json().status,
        'pending_approval',
        'one of two on revision 2',
      );
      const done = await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, { revision: 2 });
      assert.equal(
        done.json().status,
        'scheduled',
        'comms1 approved revision 1 too, but that one does not count',
      );
      const detail = (await author.api('GET', `/api/v1/posts/${post.id}`)).json();
      assert.deepEqual(
        detail.revisions.map((r: { text: string }) => r.text),
        ['Draft statement v1', 'Draft statement v2'],
      );
      const [job] = await publishJobs(t, post.id);
      assert.equal(JSON.parse(job!.payload).revision, 2);
    });

    test('an edit after approval pulls the post back to approval; a publish_directly author stays scheduled', async () => {
      const post = await submit(author, sb, 'Approved text');
      await comms1.api('POST', `/api/v1/posts/${post.id}/approve`, {});
      const edited = await author.api('PATCH', `/api/v1/posts/${post.id}`, {
        text: 'Changed after approval',
      });
      assert.equal(edited.json().status, 'pending_approval');
      assert.equal(edited.json().revision, 2);
      assert.ok((await auditActions(t, post.id)).includes('post.resubmitted_after_edit'));

      const own = await submit(trusted, sb, 'Direct text');
      assert.equal(own.status, 'scheduled');
      const moved = await trusted.api('PATCH', `/api/v1/posts/${own.id}`, {
        text: 'Direct text, corrected',
        scheduledAt: '2099-01-01T12:00:00Z',
      });
      assert.equal(moved.json().status, 'scheduled');
      const jobs = await publishJobs(t, own.id);
      assert.deepEqual(
        jobs.map((j) => JSON.parse(j.payload).revision).sort(),
        [1, 2],
        'a job for the new revision',
      );
      assert.equal(
        Number(jobs.find((j) => JSON.parse(j.payload).revision === 2)!.run_after),
        Date.parse('2099-01-01T12:00:00Z'),
      );
      const notMine = await author.api('PATCH', `/api/v1/posts/${own.id}`, { text: 'mine now' });
      assert.equal(notMine.statusCode, 403);
      const blocked = await trusted.api('PATCH', `/api/v1/posts/${own.id}`, { text: '' });
      assert.equal(blocked.statusCode, 400, 'a submitted post is validated on edit');
    });

    test('reject needs a comment, the author is told why, edits and resubmits', async () => {
      const post = await submit(author, sb, 'Hot take');
      const noComment = await comms1.api('POST', `/api/v1/posts/${post.id}/reject`, {});
      assert.equal(noComment.statusCode, 400);
      const rejected = await comms1.api('POST', `/api/v1/posts/${post.id}/reject`, {
        comment: 'Tone: see the style guide',
      });
      assert.equal(rejected.json().status, 'rejected');
      const [alert] = await decisions(post.id);
      assert.equal(alert!.recipient_user_id, author.id);
      assert.equal(alert!.severity, 'warning');
      assert.match(alert!.summary, /rejected by .*: Tone: see the style guide/);
      assert.equal(
        (await comms2.api('POST', `/api/v1/posts/${post.id}/approve`, {})).json().error.code,
        'not_pending',
      );
      const edited = await author.api('PATCH', `/api/v1/posts/${post.id}`, { text: 'Measured take' });
      assert.equal(edited.json().status, 'rejected', 'an edit alone does not resubmit');
      const resubmitted = await author.api('POST', `/api/v1/posts/${post.id}/submit`);
      assert.equal(resubmitted.statusCode, 200, resubmitted.body);
      assert.equal(resubmitted.json().status, 'pending_approval');
      assert.equal(resubmitted.json().revision, 2);
      assert.equal((await author.api('POST', `/api/v1/posts/${post.id}/submit`)).statusCode, 409);
      assert.deepEqual(await auditActions(t, post.id), [
        'post.created',
        'post.submitted',
        'post.rejected',
        'post.edited',
        'post.submitted',
      ]);
    });

    test('the licence to post is checked at submit: drafts allowed, submitting refused until accepted', async () => {
      const orgL = await createOrg(t, 'Licensed force');
      const adminL = await adminOf(t, orgL);
      const account = await sandboxAccount(t, adminL, 'licensed');
      const officer = await person(t, orgL.orgId, ['author']);
      await grant(adminL, account, officer.id, ['publish_directly']);
      const agreement = await adminL.api('POST', '/api/v1/licence/agreements', {
        title: 'Social media agreement',
        body: 'Be accurate, be kind.',
      });
      assert.equal(agreement.statusCode, 201, agreement.body);
      const refused = await officer.api('POST', '/api/v1/posts', {
        accountIds: [account],
        text: 'Hi',
        submit: true,
      });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().error.code, 'licence_required');
      const draft = await officer.api('POST', '/api/v1/posts', { accountIds: [account], text: 'Hi' });
      assert.equal(draft.statusCode, 201);
      const accepted = await officer.api('POST', '/api/v1/licence/accept', { version: 1 });
      assert.equal(accepted.statusCode, 200, accepted.body);
      const sent = await officer.api('POST', `/api/v1/posts/${draft.json().posts[0].id}/submit`);
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, 'scheduled');
    });

    test("another organisation's approver cannot see or decide", async () => {
      const orgB = await createOrg(t, 'Other');
      const adminB = await adminOf(t, orgB);
      const post = await submit(author, sb, 'Org A pending');
      assert.equal((await adminB.api('POST', `/api/v1/posts/${post.id}/approve`, {})).statusCode, 404);
      assert.equal(
        (await adminB.api('POST', `/api/v1/posts/${post.id}/reject`, { comment: 'no' })).statusCode,
        404,
      );
      assert.equal(
        (await adminB.api('PUT', `/api/v1/accounts/${sb}/approval-policy`, { approvalSteps: 3 })).statusCode,
        404,
      );
      assert.ok(!(await adminB.api('GET', '/api/v1/approvals')).body.includes(post.id));
      assert.equal((await admin.api('GET', `/api/v1/posts/${post.id}`)).json().status, 'pending_approval');
    });
  });
}
