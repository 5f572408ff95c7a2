// Publishing in real Chromium against the real server and the built-in Sandbox: the licence gate and
// agreement, composing with the live outbound check (a blocked phrase highlighted and refused), approval by
// comms in a second browser, the post appearing on the Sandbox's public view, and "pause all publishing"
// holding a scheduled post until resumed. axe-core on every screen; screenshots for the README.
// SQLite only: the API underneath is tested on both databases elsewhere.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../src/main.js';
import { createSandboxOfficialAccount } from '../src/sandbox/accounts.js';
import { assertAccessible, type BrowserSuite, startBrowserSuite } from './helpers/browser.js';
import { waitFor } from './helpers/jobs.js';

const PASSWORD = 'correct horse battery staple';
const ADMIN = { email: 'grace@example.test', password: PASSWORD };
const COMMS = { email: 'ada.comms@example.test', password: PASSWORD };
const AUTHOR = { email: 'sam.patel@example.test', password: PASSWORD };
const STEP = { timeout: 90_000 };
const BLOCKED = 'Vote for Councillor Smith at the Ashby hustings tonight!';
const FIXED = 'Join us at the Ashby community meeting tonight, 7pm at the library. All welcome.';

describe('publishing in Chromium (sqlite)', () => {
  let server: RunningServer | undefined;
  let base: string;
  let admin: Page;
  let author: Page;
  let comms: Page;
  let accountId: string;
  let postId: string;

  let suite: BrowserSuite | undefined;
  const newPage = (timezoneId?: string) =>
    suite!.newPage({ viewport: { width: 1280, height: 900 }, timezoneId });
  const noPageErrors = (...pages: Page[]) => suite!.noPageErrors(...pages);
  const signIn = (page: Page, who: { email: string; password: string }, next = '/app') =>
    suite!.signIn(page, who, next);
  /** An API call from inside a signed-in page (its cookies, its CSRF token). */
  const apiIn = (page: Page, method: string, url: string, body?: unknown) =>
    suite!.api(page, method, url, body);
  const shot = (page: Page, name: string) => suite!.shot(page, name);
  const postStatus = async (id: string) => (await apiIn(admin, 'GET', `/api/v1/posts/${id}`)).body.status;

  before(async () => {
    suite = await startBrowserSuite('publishing', { admin: ADMIN });
    server = suite.server;
    base = suite.base;
    admin = await newPage('Europe/London');
    await signIn(admin, ADMIN);
    const sandbox = await createSandboxOfficialAccount(server.ctx, { handle: 'northshire_police' });
    const connected = await apiIn(admin, 'POST', '/api/v1/accounts', {
      platform: 'sandbox',
      baseUrl: base,
      credentials: { token: sandbox.token },
    });
    assert.equal(connected.status, 201, JSON.stringify(connected.body));
    accountId = connected.body.id;
    // An election-period dictionary that blocks publishing, and the starter ones (personal data needs approval).
    const dict = await apiIn(admin, 'POST', '/api/v1/dictionaries', {
      activate: true,
      yaml: 'name: election-period\ncategory: politics\naction: block_publish\nseverity: high\nterms:\n  - "vote for"\n',
    });
    assert.equal(dict.status, 201, JSON.stringify(dict.body));
    assert.equal((await apiIn(admin, 'POST', '/api/v1/dictionaries/starter')).status, 200);
    const c = await apiIn(admin, 'POST', '/api/v1/users', { ...COMMS, name: 'Ada Comms', roles: ['comms'] });
    assert.equal(c.status, 201, JSON.stringify(c.body));
  });

  after(async () => {
    await suite?.stop();
  });

  test('an administrator publishes version 1 of the social media agreement', STEP, async () => {
    await admin.goto(`${base}/app/licence`);
    await admin.getByRole('heading', { name: 'Licence to post', exact: true }).waitFor();
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: /Publish version 1/ }) });
    await form.getByLabel('Title').fill('Northshire Police social media agreement');
    await form
      .getByLabel('Agreement text')
      .fill(
        'I post only as the account I am granted.\nI never publish personal data about victims or witnesses.\nI stay politically neutral, especially during election periods.',
      );
    await form.getByRole('button', { name: 'Publish version 1' }).click();
    await admin.getByText('Version 1 is now current.').waitFor();
    // The administrator is now asked to accept it too.
    await admin.getByRole('heading', { name: 'You may not post yet' }).waitFor();
    await admin.getByRole('button', { name: 'I have read and accept version 1' }).click();
    await admin.getByText('You have accepted this version.').waitFor();
    await admin.getByRole('cell', { name: /Ada Comms/ }).waitFor();
    await assertAccessible(admin, 'the licence page (admin)');
    noPageErrors(admin);
  });

  test('an invited author sees the licence gate, reads the agreement and accepts it', STEP, async () => {
    const invited = await apiIn(admin, 'POST', '/api/v1/users', {
      email: AUTHOR.email,
      name: 'PC Sam Patel',
      roles: ['author'],
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const grant = await apiIn(admin, 'PUT', `/api/v1/accounts/${accountId}/grants/${invited.body.user.id}`, {
      permissions: ['view', 'publish_with_approval'],
    });
    assert.equal(grant.status, 200, JSON.stringify(grant.body));
    author = await newPage();
    const token = new URL(invited.body.inviteUrl).hash;
    await author.goto(`${base}/invite${token}`);
    await author.fill('#password', AUTHOR.password);
    await author.click('#invite-form button[type=submit]');
    await author.waitForURL(/\/sign-in/);
    await signIn(author, AUTHOR, '/app/compose');
    const gate = author.locator('.gate');
    await gate.getByText('You may not post yet.').waitFor();
    await gate.getByText(/Accept version 1 of the social media agreement/).waitFor();
    await gate.getByRole('link', { name: 'Read and accept the agreement' }).click();
    await author.waitForURL(`${base}/app/licence`);
    await author.getByRole('heading', { name: /Northshire Police social media agreement/ }).waitFor();
    await author.getByText('I stay politically neutral').waitFor();
    assert.equal(
      await author.getByRole('heading', { name: /Publish version/ }).count(),
      0,
      'authors do not publish',
    );
    await assertAccessible(author, 'the licence page (author, before accepting)');
    await shot(author, 'licence.png');
    await author.getByRole('button', { name: 'I have read and accept version 1' }).click();
    await author.getByRole('heading', { name: 'You may post' }).waitFor();
    const mine = await apiIn(author, 'GET', '/api/v1/me/licence');
    assert.equal(mine.body.canPost, true);
    assert.equal(mine.body.acceptedVersion, 1);
    noPageErrors(author);
  });

  test(
    'composing: the blocked phrase is highlighted and refused; the edited post goes for approval',
    STEP,
    async () => {
      await author.getByRole('link', { name: 'Compose' }).click();
      await author.getByRole('heading', { name: 'Compose' }).waitFor();
      assert.equal(await author.locator('.gate').count(), 0, 'no licence gate once accepted');
      await author.getByLabel(/northshire_police/).check();
      await author.getByLabel('Text', { exact: true }).fill(BLOCKED);
      const checks = author.locator('.check-panel');
      await checks.getByText('Blocked: this text cannot be published as it is.').waitFor();
      await checks.getByText(/^Sandbox: \d+\/\d+$/).waitFor();
      assert.deepEqual(await checks.locator('.highlighted mark').allTextContents(), ['Vote for']);
      await checks.getByText(/dictionary election-period \(politics\): blocks publishing/).waitFor();
      await author
        .getByRole('article', { name: 'Preview on northshire_police' })
        .getByText(BLOCKED)
        .waitFor();
      await author.getByRole('button', { name: 'Submit' }).click();
      const refusal = author.locator('.refusal');
      await refusal
        .getByText(/This text cannot be published: it contains "vote for" \(election-period\)/)
        .waitFor();
      await refusal
        .getByText(/What to do: Reword or remove the highlighted text; the checks beside/)
        .waitFor();
      await assertAccessible(author, 'compose with a blocked text');
      await shot(author, 'compose.png');
      // Down to a tablet: the checks move under the form and nothing scrolls sideways.
      await author.setViewportSize({ width: 900, height: 900 });
      assert.ok(await author.evaluate(() => document.documentElement.scrollWidth <= 900), 'fits 900 px');
      await author.setViewportSize({ width: 1280, height: 900 });
      assert.equal((await apiIn(author, 'GET', '/api/v1/posts')).body.posts.length, 0, 'nothing was saved');

      await author.getByLabel('Text', { exact: true }).fill(FIXED);
      await checks.getByText('No outbound dictionary matches.').waitFor();
      await author.getByRole('button', { name: 'Submit' }).click();
      const sent = author.getByRole('status').filter({ hasText: '@northshire_police' });
      await sent.getByText('Waiting for approval (1 approval needed).').waitFor();
      const href = await sent.getByRole('link', { name: 'Open the post' }).getAttribute('href');
      postId = href!.split('/').pop()!;
      assert.equal(await postStatus(postId), 'pending_approval');
      noPageErrors(author);
    },
  );

  test('comms approves it in the approvals queue; their own post waits for someone else', STEP, async () => {
    comms = await newPage();
    await signIn(comms, COMMS, '/app/approvals');
    assert.equal((await apiIn(comms, 'POST', '/api/v1/licence/accept', { version: 1 })).status, 200);
    // Comms' own post: a phone number (starter personal-data dictionary) sends it for approval too.
    const own = await apiIn(comms, 'POST', '/api/v1/posts', {
      accountIds: [accountId],
      text: 'Witness appeal: call DC Jones on 07700 900123.',
      submit: true,
    });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal(own.body.posts[0].status, 'pending_approval');
    await comms.reload();
    const card = comms.getByRole('article', { name: 'Post by PC Sam Patel on @northshire_police (sandbox)' });
    await card.getByText('0 of 1 approval').waitFor();
    await card.getByText(FIXED).waitFor();
    const mine = comms.getByRole('article', { name: 'Post by you on @northshire_police (sandbox)' });
    await mine.getByText(/You wrote this post, so you cannot approve it/).waitFor();
    assert.deepEqual(await mine.locator('mark').first().textContent(), '07700 900123');
    assert.equal(await mine.getByRole('button', { name: 'Approve' }).count(), 0);
    const refused = await apiIn(comms, 'POST', `/api/v1/posts/${own.body.posts[0].id}/approve`, {});
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'own_post');
    await assertAccessible(comms, 'the approvals queue');
    await shot(comms, 'approvals.png');
    assert.equal(
      await card.getByRole('button', { name: 'Reject' }).isDisabled(),
      true,
      'reject needs a comment',
    );
    await card.getByLabel(/Comment for the author/).fill('Good, clear and neutral. Thanks!');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    noPageErrors(comms);
  });

  test('the worker publishes it to the Sandbox, and the author sees it as published', STEP, async () => {
    await waitFor(
      'the approved post is published',
      async () => (await postStatus(postId)) === 'published',
      30_000,
    );
    await comms.goto(`${base}/sandbox`);
    await comms.getByText(FIXED).waitFor();
    await author.goto(`${base}/app/posts/${postId}`);
    await author
      .getByRole('heading', { name: /Post on @northshire_police/ })
      .getByText('Published')
      .waitFor();
    await author.getByText(/^Approved$/).waitFor();
    await author.getByText('Good, clear and neutral. Thanks!').waitFor();
    await author.getByRole('button', { name: 'Delete this published post' }).waitFor();
    await assertAccessible(author, 'the published post');
    await shot(author, 'post.png');
    await author.getByRole('link', { name: 'Posts', exact: true }).click();
    await author.getByLabel('Only mine').check();
    await author.getByRole('link', { name: FIXED }).waitFor();
    await assertAccessible(author, 'the posts list');
    noPageErrors(author);
  });

  test(
    'a rejected post comes back with the comment; edited and resubmitted, it needs approval again',
    STEP,
    async () => {
      const draft = await apiIn(author, 'POST', '/api/v1/posts', {
        accountIds: [accountId],
        text: 'The meeting has moved to Thursday.',
        submit: true,
      });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      const id = draft.body.posts[0].id;
      await comms.goto(`${base}/app/approvals`);
      const card = comms.getByRole('article', {
        name: 'Post by PC Sam Patel on @northshire_police (sandbox)',
      });
      await card.getByLabel(/Comment for the author/).fill('Which meeting? Say where and when, please.');
      await card.getByRole('button', { name: 'Reject' }).click();
      await card.waitFor({ state: 'detached' });

      await author.goto(`${base}/app/posts/${id}`);
      await author
        .getByRole('heading', { name: /Post on @northshire_police/ })
        .getByText('Rejected')
        .waitFor();
      await author.getByText('Which meeting? Say where and when, please.').waitFor();
      await author.getByRole('button', { name: 'Edit' }).click();
      await author
        .getByLabel('Text', { exact: true })
        .fill('The Ashby community meeting has moved to Thursday, 7pm.');
      await author.getByRole('button', { name: 'Save revision' }).click();
      await author.getByText('Revision 2', { exact: true }).waitFor();
      await author.getByRole('button', { name: 'Submit' }).click();
      await author.getByText('Waiting for approval (1 approval needed).').waitFor();
      // Editing a submitted post warns that it goes back to the approvers.
      await author.getByRole('button', { name: 'Edit' }).click();
      await author
        .getByText(/sends it back to the approvers\. Approvals given so far will no longer count/)
        .waitFor();
      await assertAccessible(author, 'editing a submitted post');
      await author.getByRole('button', { name: 'Cancel editing' }).click();
      await author.getByRole('button', { name: 'Withdraw this post' }).click();
      await author.getByLabel('Reason to withdraw this post').fill('Meeting cancelled');
      await author.getByRole('button', { name: 'Withdraw', exact: true }).click();
      await author
        .getByRole('heading', { name: /Post on @northshire_police/ })
        .getByText('Cancelled')
        .waitFor();
      noPageErrors(author, comms);
    },
  );

  test('the author deletes the published post with a reason; it leaves the Sandbox', STEP, async () => {
    await author.goto(`${base}/app/posts/${postId}`);
    await author.getByRole('button', { name: 'Delete this published post' }).click();
    await author.getByLabel('Reason to delete this published post').fill('Meeting details changed');
    await author.getByRole('button', { name: 'Delete', exact: true }).click();
    await author.getByText(/Deletion queued/).waitFor();
    await waitFor('the post is deleted', async () => (await postStatus(postId)) === 'deleted', 30_000);
    await comms.goto(`${base}/sandbox`);
    await comms.getByRole('heading', { name: "The Sandbox network's public view" }).waitFor();
    assert.equal(await comms.getByText(FIXED).count(), 0, 'gone from the public view');
    await author.reload();
    await author
      .getByRole('heading', { name: /Post on @northshire_police/ })
      .getByText('Deleted')
      .waitFor();
    noPageErrors(author);
  });

  test('pausing all publishing holds a scheduled post; resuming releases it', STEP, async () => {
    await admin.getByRole('link', { name: 'Publishing controls' }).click();
    await admin.getByRole('heading', { name: 'Publishing is running' }).waitFor();
    await admin.getByLabel(/^Reason/).fill('Critical incident: major search under way');
    await admin.getByRole('button', { name: 'Pause all publishing' }).click();
    await admin.getByRole('heading', { name: 'All publishing is paused' }).waitFor();
    await admin
      .locator('.topbar')
      .getByText('Publishing paused: Critical incident: major search under way')
      .waitFor();
    await assertAccessible(admin, 'publishing controls (paused)');
    await shot(admin, 'publishing-paused.png');

    // Scheduled in 15 s, as a wall-clock time in the browser's zone (Europe/London).
    const due = Date.now() + 15_000;
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/London',
      dateStyle: 'short',
      timeStyle: 'medium',
    })
      .format(due)
      .replace(' ', 'T');
    await admin.getByRole('link', { name: 'Compose' }).click();
    await admin.getByLabel(/northshire_police/).check();
    await admin
      .getByLabel('Text', { exact: true })
      .fill('Road closure update: the A6 at Ashby reopens at noon.');
    await admin.getByLabel(/Schedule for later/).check();
    await admin.getByLabel('Time zone').waitFor();
    assert.equal(await admin.getByLabel('Time zone').inputValue(), 'Europe/London', "the browser's zone");
    await admin.getByLabel('Date and time').fill(local);
    await admin.getByText(/^Publishes at .* UTC — .* in Europe\/London\.$/).waitFor();
    await assertAccessible(admin, 'compose with a schedule');
    await admin.getByRole('button', { name: 'Submit' }).click();
    const sent = admin.getByRole('status').filter({ hasText: '@northshire_police' });
    await sent.getByText(/Scheduled for .* \(Europe\/London\)\./).waitFor();
    const href = await sent.getByRole('link', { name: 'Open the post' }).getAttribute('href');
    const scheduledId = href!.split('/').pop()!;
    await waitFor('the paused post is held', async () => (await postStatus(scheduledId)) === 'held', 40_000);

    await admin.getByRole('link', { name: 'Publishing controls' }).click();
    await admin.getByText('1 post held by the pause').waitFor();
    await admin.getByRole('button', { name: 'Resume publishing' }).click();
    await admin.getByText('Resumed: 1 held post released.').waitFor();
    await admin.getByRole('heading', { name: 'Publishing is running' }).waitFor();
    assert.equal(await admin.locator('.paused-flag').count(), 0);
    await waitFor(
      'the released post is published',
      async () => (await postStatus(scheduledId)) === 'published',
      30_000,
    );
    await admin.goto(`${base}/sandbox`);
    await admin.getByText('Road closure update: the A6 at Ashby reopens at noon.').waitFor();
    noPageErrors(admin);
  });

  test('the account page sets approval steps and shows hijack protection', STEP, async () => {
    await admin.goto(`${base}/app/accounts/${accountId}`);
    await admin.getByRole('heading', { name: 'Hijack protection' }).waitFor();
    await admin.getByLabel('Distinct approvals a post on this account needs').selectOption('2');
    await admin.getByRole('button', { name: 'Update approval steps' }).click();
    await admin.getByText('Posts on this account now need 2.').waitFor();
    assert.equal(
      (await apiIn(admin, 'GET', `/api/v1/accounts/${accountId}/approval-policy`)).body.approvalSteps,
      2,
    );
    await admin.getByLabel('When it happens').selectOption('delete_and_lock');
    await waitFor(
      'the hijack policy is saved',
      async () =>
        (await apiIn(admin, 'GET', `/api/v1/accounts/${accountId}/hijack-policy`)).body.policy ===
        'delete_and_lock',
      10_000,
    );
    await assertAccessible(admin, 'the account page with publishing controls');
    noPageErrors(admin);
  });
});
