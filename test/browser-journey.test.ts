// The end-to-end journey in real Chromium against the real server (startParapet) and the built-in Sandbox, as ONE
// continuous story: first-run setup from the printed link → the admin connects a Sandbox account, installs the
// starter dictionaries, adds a block_publish dictionary, publishes the agreement, invites an author (granted
// publish_with_approval), a comms officer and an auditor → the author accepts, composes, is blocked, edits and
// submits → comms approves → the post is on /sandbox → an abusive public reply is hidden automatically after a
// poll → a welfare reply raises a live alert and is handled from the review queue → the auditor verifies and
// exports the audit chain. API calls only for what the public or the platform does, and for what has no screen yet
// (connecting a Sandbox account, installing the starter dictionaries, triggering a poll). SQLite only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../src/main.js';
import { createSandboxUser } from '../src/sandbox/service.js';
import { assertAccessible, type BrowserSuite, startBrowserSuite } from './helpers/browser.js';
import { eventually } from './helpers/browser-moderation.js';

// PARAPET_JOURNEY_SHOTS=<dir> (or PARAPET_SHOTS_DIR) keeps the journey-*.png screenshots for a person to look at.
const PASSWORD = 'correct horse battery staple';
const ADMIN = { email: 'ada@example.test', name: 'Ada Lovelace' };
const AUTHOR = { email: 'sam.patel@example.test', name: 'PC Sam Patel' };
const COMMS = { email: 'ada.comms@example.test', name: 'Ada Comms' };
const AUDITOR = { email: 'ann.audit@example.test', name: 'Ann Auditor' };
const STEP = { timeout: 120_000 };
const BLOCKED = 'Vote for Councillor Smith at the Ashby hustings tonight!';
const FIXED = 'Join us at the Ashby community meeting tonight, 7pm at the library. All welcome.';
const BLOCK_YAML =
  'name: election-period\ncategory: politics\naction: block_publish\nseverity: high\nterms:\n  - "vote for"\n';

describe('the whole journey in Chromium (sqlite)', () => {
  let server: RunningServer | undefined;
  let base: string;
  let setupLink: string;
  const pages: Record<string, Page> = {};
  const invites: Record<string, string> = {};
  let accountId = '';
  let postId = '';

  let suite: BrowserSuite | undefined;
  const newPage = () => suite!.newPage({ viewport: { width: 1280, height: 900 }, clipboard: true });
  const noPageErrors = (...ps: Page[]) => suite!.noPageErrors(...ps);
  const signIn = (page: Page, email: string, next = '/app') =>
    suite!.signIn(page, { email, password: PASSWORD }, next);
  /** For what has no screen (or is the platform's doing): an API call with the page's cookies and CSRF token. */
  const apiIn = (page: Page, method: string, url: string, body?: unknown) =>
    suite!.api(page, method, url, body);
  const shot = (page: Page, name: string) => suite!.shot(page, `journey-${name}.png`);
  const acceptInvite = async (page: Page, who: { email: string }) => {
    await page.goto(`${base}/invite${new URL(invites[who.email]!).hash}`);
    await page.fill('#password', PASSWORD);
    await page.click('#invite-form button[type=submit]');
    await page.waitForURL(/\/sign-in/);
  };
  /** A member of the public replies to the published post on the Sandbox, then the platform is polled. */
  let people = 0;
  const publicReply = async (text: string) => {
    const official = await server!.ctx.db
      .selectFrom('sandbox_post')
      .select('id')
      .where('text', '=', FIXED)
      .executeTakeFirstOrThrow();
    const { token } = await createSandboxUser(server!.ctx.db, {
      handle: `resident_${++people}`,
      kind: 'public',
    });
    const res = await fetch(`${base}/sandbox/api/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text, reply_to_id: official.id }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const platformId = ((await res.json()) as { id: string }).id;
    let itemId = '';
    await eventually(
      'the poll ingested and classified the reply',
      async () => {
        const poll = await apiIn(pages.admin!, 'POST', `/api/v1/accounts/${accountId}/poll`);
        assert.equal(poll.status, 202, JSON.stringify(poll.body));
        const row = await server!.ctx.db
          .selectFrom('inbound_item')
          .select(['id', 'classified_at'])
          .where('platform_item_id', '=', platformId)
          .executeTakeFirst();
        itemId = row?.id ?? '';
        return row?.classified_at != null;
      },
      40_000,
    );
    return { itemId, platformId };
  };

  before(async () => {
    const printed: string[] = [];
    suite = await startBrowserSuite('journey', {
      admin: null,
      onPrint: (line) => printed.push(line),
      readmeShots: false,
      keepShotsIn: process.env.PARAPET_JOURNEY_SHOTS,
    });
    server = suite.server;
    base = suite.base;
    const link = printed.join('\n').match(/(http\S+\/setup#token=\S+)/)?.[1];
    assert.ok(link, `startParapet printed no setup link: ${printed.join('\n')}`);
    setupLink = link;
  });

  after(async () => {
    await suite?.stop();
  });

  test('first run: the printed setup link creates the organisation; the admin signs in', STEP, async () => {
    const admin = await newPage();
    pages.admin = admin;
    await admin.goto(setupLink);
    await admin.locator('#organisationName').waitFor();
    await admin.fill('#organisationName', 'Northshire Police');
    await admin.fill('#name', ADMIN.name);
    await admin.fill('#email', ADMIN.email);
    await admin.fill('#password', PASSWORD);
    await admin.click('#setup-form button[type=submit]');
    await admin.waitForURL(`${base}/sign-in`);
    await signIn(admin, ADMIN.email);
    await admin.getByRole('heading', { name: 'Overview' }).waitFor();
    await assertAccessible(admin, 'the overview of a new organisation');
    await shot(admin, 'overview-new');
    noPageErrors(admin);
  });

  test('the admin connects a Sandbox account and sets up dictionaries and the agreement', STEP, async () => {
    const admin = pages.admin!;
    // No screen connects accounts yet: the API the Accounts page points to.
    const connected = await apiIn(admin, 'POST', '/api/v1/sandbox/accounts', { handle: 'northshire_police' });
    assert.equal(connected.status, 201, JSON.stringify(connected.body));
    accountId = connected.body.id;
    await admin.goto(`${base}/app/accounts`);
    await admin.getByText('@northshire_police').waitFor();
    // No install button for the starter set yet either.
    assert.equal((await apiIn(admin, 'POST', '/api/v1/dictionaries/starter')).status, 200);

    await admin.getByRole('link', { name: 'Dictionaries' }).click();
    await admin.getByRole('cell', { name: 'welfare', exact: true }).first().waitFor();
    await admin.getByText('New dictionary').click();
    await admin.getByLabel('Dictionary YAML').fill(BLOCK_YAML);
    await admin.getByRole('button', { name: 'Create and activate' }).click();
    await admin.getByRole('heading', { name: 'election-period', exact: true }).waitFor();
    await assertAccessible(admin, 'the new block_publish dictionary');

    await admin.goto(`${base}/app/licence`);
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: /Publish version 1/ }) });
    await form.getByLabel('Title').fill('Northshire Police social media agreement');
    await form
      .getByLabel('Agreement text')
      .fill('I post only as the account I am granted.\nI stay politically neutral, especially in elections.');
    await form.getByRole('button', { name: 'Publish version 1' }).click();
    await admin.getByText('Version 1 is now current.').waitFor();
    noPageErrors(admin);
  });

  test(
    'the admin invites an author (granted posting with approval), comms and an auditor',
    STEP,
    async () => {
      const admin = pages.admin!;
      await admin.getByRole('link', { name: 'Users and teams' }).click();
      const invite = admin.locator('form', { has: admin.getByRole('heading', { name: 'Invite someone' }) });
      for (const [who, role] of [
        [AUTHOR, 'author'],
        [COMMS, 'comms'],
        [AUDITOR, 'auditor'],
      ] as const) {
        await invite.getByLabel('Name').fill(who.name);
        await invite.getByLabel('E-mail').fill(who.email);
        for (const r of ['author', 'comms', 'auditor'])
          await invite.getByRole('checkbox', { name: new RegExp(`^${r} `) }).setChecked(r === role);
        await invite.getByRole('button', { name: 'Invite' }).click();
        const done = invite.getByRole('status').filter({ hasText: `${who.name} was added.` });
        await done.waitFor();
        invites[who.email] = (await done.locator('code').textContent()) ?? '';
        assert.match(invites[who.email]!, /\/invite#/);
      }
      await assertAccessible(admin, 'the users page after three invites');
      await shot(admin, 'invites');

      await admin.goto(`${base}/app/accounts/${accountId}`);
      await admin.getByLabel('Give someone access').selectOption({ label: `${AUTHOR.name} (author)` });
      await admin.getByLabel(`${AUTHOR.name}: Post with approval`).check();
      await admin.getByRole('button', { name: 'Save' }).click();
      await admin.getByRole('button', { name: 'Remove' }).waitFor();
      noPageErrors(admin);
    },
  );

  test('the author accepts, composes, is blocked, edits and submits for approval', STEP, async () => {
    const author = await newPage();
    pages.author = author;
    await acceptInvite(author, AUTHOR);
    await signIn(author, AUTHOR.email, '/app/licence');
    await author.getByRole('button', { name: 'I have read and accept version 1' }).click();
    await author.getByRole('heading', { name: 'You may post' }).waitFor();

    await author.getByRole('link', { name: 'Compose' }).click();
    await author.getByLabel(/northshire_police/).check();
    await author.getByLabel('Text', { exact: true }).fill(BLOCKED);
    const checks = author.locator('.check-panel');
    await checks.getByText('Blocked: this text cannot be published as it is.').waitFor();
    await author.getByRole('button', { name: 'Submit' }).click();
    await author
      .locator('.refusal')
      .getByText(/it contains "vote for" \(election-period\)/)
      .waitFor();
    await assertAccessible(author, 'compose, blocked');
    await shot(author, 'compose-blocked');

    await author.getByLabel('Text', { exact: true }).fill(FIXED);
    await checks.getByText('No outbound dictionary matches.').waitFor();
    await author.getByRole('button', { name: 'Submit' }).click();
    const sent = author.getByRole('status').filter({ hasText: '@northshire_police' });
    await sent.getByText('Waiting for approval (1 approval needed).').waitFor();
    postId = (await sent.getByRole('link', { name: 'Open the post' }).getAttribute('href'))!
      .split('/')
      .pop()!;
    noPageErrors(author);
  });

  test('comms approves it; it is published on the Sandbox public view', STEP, async () => {
    const comms = await newPage();
    pages.comms = comms;
    await acceptInvite(comms, COMMS);
    await signIn(comms, COMMS.email, '/app/licence');
    await comms.getByRole('button', { name: 'I have read and accept version 1' }).click();
    await comms.getByRole('link', { name: /Approvals/ }).click();
    const card = comms.getByRole('article', {
      name: `Post by ${AUTHOR.name} on @northshire_police (sandbox)`,
    });
    await card.getByText(FIXED).waitFor();
    await assertAccessible(comms, 'the approvals queue');
    await shot(comms, 'approvals');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    await eventually(
      'the approved post is published',
      async () => (await apiIn(comms, 'GET', `/api/v1/posts/${postId}`)).body.status === 'published',
      30_000,
    );
    await comms.goto(`${base}/sandbox`);
    await comms.getByText(FIXED).waitFor();
    await shot(comms, 'sandbox');
    noPageErrors(comms);
  });

  test(
    'an abusive public reply is hidden automatically and shows in the moderation history',
    STEP,
    async () => {
      const { itemId, platformId } = await publicReply('You lot are a useless bunch of fucking clowns');
      await eventually('the hide job ran on the Sandbox', async () => {
        const row = await server!.ctx.db
          .selectFrom('sandbox_post')
          .select('hidden')
          .where('id', '=', platformId)
          .executeTakeFirstOrThrow();
        return Number(row.hidden) === 1;
      });
      const admin = pages.admin!;
      await admin.goto(`${base}/app/accounts/${accountId}`);
      await admin.getByRole('heading', { name: 'Moderation history' }).waitFor();
      await admin.locator(`tr:has(a[href="/app/inbound/${itemId}"])`).waitFor();
      // The account's drill-down also lists what was posted on it, published.
      const posted = admin.locator(`tr:has(a[href="/app/posts/${postId}"])`);
      await posted.getByText('Published').waitFor();
      await assertAccessible(admin, 'the account with its moderation history');
      await shot(admin, 'moderation-history');
      noPageErrors(admin);
    },
  );

  test('a welfare reply raises a live alert and is handled from the review queue', STEP, async () => {
    const admin = pages.admin!;
    await admin.goto(`${base}/app/alerts`);
    await admin.getByRole('heading', { name: 'Alerts' }).waitFor();
    await admin.evaluate(() => {
      (window as unknown as { loadMark: number }).loadMark = 7;
    });
    const { itemId } = await publicReply('honestly I want to end my life tonight');
    await admin
      .locator('.alert-summary')
      .filter({ hasText: /Safeguarding \(welfare\)/ })
      .waitFor();
    assert.equal(
      await admin.evaluate(() => (window as unknown as { loadMark?: number }).loadMark),
      7,
      'live',
    );
    await shot(admin, 'alert-live');

    await admin.goto(`${base}/app/review`);
    await admin.locator(`.queue-link[href="/app/review/${itemId}"]`).click();
    await admin.getByRole('heading', { name: /[Mm]essage from @resident_/ }).waitFor();
    await admin.getByRole('button', { name: /^Claim/ }).click();
    await admin.getByText('Held by you').waitFor();
    await admin.getByRole('heading', { name: 'Suggested responses' }).waitFor();
    await admin
      .getByRole('button', { name: /^Copy “/ })
      .first()
      .click();
    await admin.getByText('Copied.').waitFor();
    await assertAccessible(admin, 'a claimed safeguarding item');
    await shot(admin, 'review-item');
    await admin.getByRole('button', { name: 'Allow a', exact: true }).click();
    await admin.getByLabel('Note for the record (optional)').fill('welfare check done by the control room');
    await admin.getByRole('button', { name: 'Confirm: Allow' }).click();
    await admin.getByText('Decision recorded: allow.').waitFor();
    const item = await apiIn(admin, 'GET', `/api/v1/inbound/${itemId}`);
    assert.equal(item.body.derived.decision, 'allow');
    // The overview now shows the month's work: one post, two inbound items, the chart and time to act.
    await admin.getByRole('link', { name: 'Overview' }).click();
    await admin
      .getByRole('img', { name: /Last 30 days: 1 posts published, 2 inbound items received/ })
      .waitFor();
    await admin.getByRole('cell', { name: 'welfare', exact: true }).waitFor();
    await assertAccessible(admin, 'the overview with a month of work');
    await shot(admin, 'overview');
    noPageErrors(admin);
  });

  test('the auditor signs in, verifies the audit chain and exports it as CSV', STEP, async () => {
    const auditor = await newPage();
    await acceptInvite(auditor, AUDITOR);
    await signIn(auditor, AUDITOR.email, '/app/audit');
    await auditor.getByRole('heading', { name: /Audit/ }).first().waitFor();
    await auditor.getByRole('button', { name: 'Verify the hash chain' }).click();
    await auditor.getByText(/^Intact: \d+ records checked/).waitFor();
    await assertAccessible(auditor, 'the audit log (auditor)');
    await shot(auditor, 'audit');
    const href = await auditor.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await auditor.evaluate(async (u) => {
      const res = await fetch(u as string);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href);
    assert.equal(csv.status, 200);
    assert.match(csv.type ?? '', /csv/);
    for (const action of ['post.approved', 'user.invited', 'dictionary.created'])
      assert.ok(csv.text.includes(action) || csv.text.includes(action.split('.')[0]!), `CSV has ${action}`);
    noPageErrors(auditor);
  });
});
