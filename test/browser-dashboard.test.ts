// The React dashboard (web/, served under /app) in real Chromium against the real server: sign-in hand-off,
// navigation by role, account drill-down with the suspend kill switch, the dictionary try-it box, users and
// teams, and the audit log (verify + export), with axe-core on every screen and screenshots for the README.
// SQLite only: the API underneath is tested on both databases elsewhere.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../src/main.js';
import { createSandboxOfficialAccount } from '../src/sandbox/accounts.js';
import { assertAccessible, type BrowserSuite, startBrowserSuite } from './helpers/browser.js';

const ADMIN = { email: 'grace@example.test', password: 'correct horse battery staple' };
const STEP = { timeout: 60_000 };

describe('dashboard in Chromium (sqlite)', () => {
  let server: RunningServer | undefined;
  let page: Page;
  let problems: string[];
  let base: string;
  let accountId: string;

  let suite: BrowserSuite | undefined;

  before(async () => {
    suite = await startBrowserSuite('dashboard', { admin: ADMIN });
    server = suite.server;
    base = suite.base;
    page = await suite.newPage({ viewport: { width: 1280, height: 800 }, timeout: 10_000 });
    problems = suite.problemsOf(page);
  });

  after(async () => {
    await suite?.stop();
  });

  const shot = (name: string, fullPage = true) => suite!.shot(page, name, fullPage);
  const noPageErrors = () => assert.deepEqual(problems.splice(0), [], 'no script errors or CSP refusals');
  /** An API call from inside the signed-in page (same cookies, CSRF token from /api/v1/me). */
  const apiInPage = (method: string, url: string, body?: unknown) => suite!.api(page, method, url, body);

  test('an anonymous visit goes to sign-in and comes back to the dashboard', STEP, async () => {
    await page.goto(`${base}/app/accounts`);
    await page.waitForURL(/\/sign-in\?next=%2Fapp%2Faccounts$/);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForURL(`${base}/app/accounts`);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    noPageErrors();
  });

  test('the overview shows every account and what needs attention', STEP, async () => {
    assert.equal((await apiInPage('POST', '/api/v1/dictionaries/starter')).status, 200);
    const sandbox = await createSandboxOfficialAccount(server!.ctx, { handle: 'northshire_police' });
    const connected = await apiInPage('POST', '/api/v1/accounts', {
      platform: 'sandbox',
      baseUrl: base,
      labels: ['force'],
      credentials: { token: sandbox.token },
    });
    assert.equal(connected.status, 201, JSON.stringify(connected.body));
    accountId = connected.body.id;
    await page.goto(`${base}/app`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('Every account is active.').waitFor();
    // Work tiles link to their screens; the 30-day chart has its figures as a table too.
    await page.getByRole('link', { name: /waiting for review/ }).waitFor();
    await page.getByRole('link', { name: /open alerts/ }).waitFor();
    await page.getByRole('img', { name: /^Last 30 days: 0 posts published/ }).waitFor();
    assert.equal(await page.locator('.activity tbody tr').count(), 30, 'one row per day');
    await page.getByRole('heading', { name: 'Time to act' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    assert.deepEqual(nav, [
      'Overview',
      'Compose',
      'Posts',
      'Approvals',
      'Review queue',
      'Alerts',
      'Accounts',
      'Users and teams',
      'Licence to post',
      'Dictionaries',
      'Analytics',
      'Archive',
      'Records and holds',
      'Audit log',
      'Publishing controls',
      'Background jobs',
      'Settings',
    ]);
    const groups = await page.locator('.nav-group').allTextContents();
    assert.deepEqual(groups, ['Work', 'Accounts and people', 'Rules and records', 'Administration']);
    await assertAccessible(page, 'the overview');
    await shot('dashboard-overview.png');
    noPageErrors();
  });

  test('an account drills down, and suspending it asks for a reason and shows at once', STEP, async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: /northshire_police/ }).click();
    await page.waitForURL(`${base}/app/accounts/${accountId}`);
    await page.getByRole('heading', { name: /northshire_police/ }).waitFor();
    await assertAccessible(page, 'the account page');
    await page.getByLabel('Reason').fill('Officer left the team');
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('suspended — Officer left the team').waitFor();
    await shot('dashboard-account.png');
    await page.getByLabel('Reason').fill('New officer in post');
    await page.getByRole('button', { name: 'Reinstate' }).click();
    await page.getByText(/^active$/).waitFor();
    // A reload of a deep link is served the dashboard, which shows the same account.
    await page.reload();
    await page.getByRole('heading', { name: /northshire_police/ }).waitFor();
    noPageErrors();
  });

  test('the try-it box highlights what the active dictionaries match', STEP, async () => {
    await page.getByRole('link', { name: 'Dictionaries' }).click();
    await page.getByRole('cell', { name: 'abuse', exact: true }).first().waitFor();
    await page
      .getByLabel('Text to check against the active dictionaries')
      .fill('You absolute SCUMBAG, see you in Scunthorpe');
    await page.getByRole('button', { name: 'Check' }).click();
    const marked = await page.locator('mark').allTextContents();
    assert.deepEqual(marked, ['SCUMBAG'], 'the insult is marked and the town is not');
    await assertAccessible(page, 'the dictionaries page');
    await shot('dashboard-dictionaries.png');
    noPageErrors();
  });

  test(
    'a dictionary is edited into a new version, refused while its tests fail, compared and rolled back',
    STEP,
    async () => {
      await page.getByRole('link', { name: 'abuse', exact: true }).click();
      await page.getByRole('heading', { name: 'abuse', exact: true }).waitFor();
      const editor = page.getByLabel('Dictionary YAML');
      const yaml = await editor.inputValue();
      assert.match(yaml, /^name: abuse/m);
      // A new term, and a must_not_match test that the new term breaks: saved, but not activated.
      const edited = yaml
        .replace(/^terms:\n/m, 'terms:\n  - "plonker"\n')
        .replace(/must_not_match:\s*\n/m, 'must_not_match:\n    - "what a plonker"\n');
      assert.notEqual(edited, yaml);
      await editor.fill(edited);
      await page.getByRole('button', { name: 'Save and activate' }).click();
      await page
        .getByRole('alert')
        .getByText(/tests|test/)
        .waitFor();
      assert.equal(
        (await apiInPage('GET', '/api/v1/dictionaries')).body.dictionaries.find(
          (d: { name: string }) => d.name === 'abuse',
        ).activeVersion,
        1,
      );
      await editor.fill(yaml.replace(/^terms:\n/m, 'terms:\n  - "plonker"\n'));
      await page.getByRole('button', { name: 'Save and activate' }).click();
      await page.getByText(/Saved as version \d+ and activated\. Its tests pass\./).waitFor();
      await page.getByRole('button', { name: 'Compare with active' }).first().click();
      await page.getByText('+ plonker').waitFor();
      await assertAccessible(page, 'the dictionary page');
      await shot('dashboard-dictionary.png');
      await page.getByRole('button', { name: 'Roll back to v1' }).click();
      await page.getByText('version 1 active').waitFor();
      noPageErrors();
    },
  );

  test('the audit log verifies its chain and offers the export of what is shown', STEP, async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'account.suspended' }).waitFor();
    await page.getByRole('button', { name: 'Verify the hash chain' }).click();
    await page.getByText(/^Intact: \d+ records checked/).waitFor();
    await page.getByLabel(/^Action/).fill('account.');
    await page.getByRole('cell', { name: 'account.reinstated' }).waitFor();
    assert.equal(
      await page.getByRole('cell', { name: 'dictionary.created' }).count(),
      0,
      'the filter applies',
    );
    const csv = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    assert.equal(csv, '/api/v1/audit/export?action=account.&format=csv');
    const exported = await page.evaluate(async (u) => (await fetch(u)).text(), csv);
    assert.match(exported, /account\.suspended/);
    await assertAccessible(page, 'the audit log');
    await shot('dashboard-audit.png');
    noPageErrors();
  });

  test(
    'an administrator invites an author, adds a team and suspends then reinstates someone',
    STEP,
    async () => {
      await page.getByRole('link', { name: 'Users and teams' }).click();
      await page.getByRole('cell', { name: new RegExp(ADMIN.email) }).waitFor();
      const teamForm = page.locator('form', { has: page.getByRole('heading', { name: 'Add a team' }) });
      // First-run set-up made the force; a district and a neighbourhood team go beneath it.
      await teamForm.getByLabel('Name').fill('Ashby District');
      await teamForm.getByLabel('Inside').selectOption({ label: 'Northshire Police (force)' });
      await teamForm.getByRole('button', { name: 'Add district' }).click();
      await page.locator('.tree .tree').getByText('Ashby District').waitFor();
      await teamForm.getByLabel('Name').fill('Ashby Neighbourhood Team');
      await teamForm.getByLabel('Inside').selectOption({ label: 'Ashby District (district)' });
      await teamForm.getByRole('button', { name: 'Add team' }).click();
      await page.locator('.tree .tree .tree').getByText('Ashby Neighbourhood Team').waitFor();

      const invite = page.locator('form', { has: page.getByRole('heading', { name: 'Invite someone' }) });
      await invite.getByLabel('Name').fill('PC Sam Patel');
      await invite.getByLabel('E-mail').fill('sam.patel@example.test');
      await invite.getByLabel('Team').selectOption({ label: 'Ashby Neighbourhood Team' });
      await invite.getByRole('button', { name: 'Invite' }).click();
      await invite.getByText('PC Sam Patel was added.').waitFor();
      assert.match((await invite.locator('code').textContent()) ?? '', /\/invite#token=/);
      await page.getByRole('cell', { name: /sam\.patel@example\.test/ }).waitFor();

      await page.getByRole('button', { name: 'Suspend PC Sam Patel' }).click();
      await page.getByLabel('Reason to suspend pc sam patel').fill('Laptop lost');
      await page.getByRole('button', { name: 'Suspend', exact: true }).click();
      await page.getByText('Laptop lost').waitFor();
      await page.getByRole('button', { name: 'Reinstate PC Sam Patel' }).click();
      await page.getByLabel('Reason to reinstate pc sam patel').fill('Laptop found');
      await page.getByRole('button', { name: 'Reinstate', exact: true }).click();
      await page.getByRole('button', { name: 'Suspend PC Sam Patel' }).waitFor();
      await assertAccessible(page, 'users and teams');
      await shot('dashboard-users.png');
      noPageErrors();
    },
  );

  test('comms grants the author access to an account, and can take it away', STEP, async () => {
    await page.goto(`${base}/app/accounts/${accountId}`);
    await page.getByLabel('Give someone access').selectOption({ label: 'PC Sam Patel (author)' });
    await page.getByLabel('PC Sam Patel: Post with approval').check();
    await page.getByLabel('PC Sam Patel: Reply').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Remove' }).waitFor();
    const grants = await apiInPage('GET', `/api/v1/accounts/${accountId}/grants`);
    assert.deepEqual(grants.body.grants[0].permissions, ['view', 'reply', 'publish_with_approval']);
    await assertAccessible(page, 'the account page with grants');
    await shot('dashboard-account-grants.png');
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByLabel('Give someone access').waitFor();
    assert.deepEqual((await apiInPage('GET', `/api/v1/accounts/${accountId}/grants`)).body.grants, []);
    noPageErrors();
  });

  test('settings: rename the organisation, and an API token shown once then revoked', STEP, async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText(/Register this redirect address/).waitFor();
    const orgForm = page.locator('form', { has: page.getByRole('heading', { name: 'Organisation' }) });
    await orgForm.getByLabel('Name').fill('Northshire Constabulary');
    await orgForm.getByRole('button', { name: 'Save' }).click();
    await orgForm.getByText('Saved.').waitFor();
    assert.equal((await apiInPage('GET', '/api/v1/organisation')).body.name, 'Northshire Constabulary');
    await page.locator('.topbar').getByText('Northshire Constabulary').waitFor();
    await page.getByLabel('Token name').fill('Reporting export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('code.secret').textContent()) ?? '';
    assert.match(token, /^ppt_/);
    const withToken = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(withToken.status, 200, 'the token shown works');
    await assertAccessible(page, 'settings');
    await shot('dashboard-settings.png');
    await page.getByRole('button', { name: 'Revoke Reporting export' }).click();
    await page.getByText(/^revoked /).waitFor();
    const revoked = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 401);
    noPageErrors();
  });

  test('a job that gave up is shown with its error and can be run again', STEP, async () => {
    const { enqueueJob } = await import('../src/jobs/queue.js');
    const orgId = (await apiInPage('GET', '/api/v1/me')).body.organisation.id;
    let reruns = 0;
    server!.ctx.jobHandlers.set('test.rerun', async () => {
      reruns++;
    });
    // Not due yet, so the worker cannot run it before it is marked dead below.
    const id = (await enqueueJob(server!.ctx.db, {
      type: 'test.rerun',
      payload: {},
      orgId,
      runAfter: Date.now() + 3_600_000,
    }))!;
    await server!.ctx.db
      .updateTable('job')
      .set({
        status: 'dead',
        last_error: 'the platform refused the request',
      })
      .where('id', '=', id)
      .execute();
    await page.getByRole('link', { name: 'Background jobs' }).click();
    await page.getByText('the platform refused the request').waitFor();
    await assertAccessible(page, 'background jobs');
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.getByText('the platform refused the request').waitFor({ state: 'detached' });
    const status = async () =>
      (await server!.ctx.db.selectFrom('job').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;
    for (let i = 0; i < 100 && (await status()) !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await status(), 'done');
    assert.equal(reruns, 1, 'the worker ran it again, once');
    noPageErrors();
  });

  test('a page that does not exist says so', STEP, async () => {
    await page.goto(`${base}/app/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    noPageErrors();
  });
});
