// The analytics and report-schedule screens in real Chromium against the real server (SQLite): the scope picker
// (organisation → team with sub-teams → account → officer → period) shows the right figures for hand-built
// posts and engagement, a refused period is shown beside the date fields, CSV downloads carry the same scope,
// and comms create, change, build and delete a report schedule, with the API's validation shown by field.
// axe-core on each screen; screenshots (see startBrowserSuite) for a person to look at.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemContext } from '../src/modules/audit/actor.js';
import { createUser } from '../src/modules/identity/users-service.js';
import { insertAccount, insertPost, insertTeam } from './helpers/analytics-data.js';
import type { TestApp } from './helpers/app.js';
import { assertAccessible, type BrowserSuite, startBrowserSuite } from './helpers/browser.js';

const ADMIN = { email: 'grace@example.test', password: 'correct horse battery staple' };
const COMMS = {
  email: 'casey.comms@example.test',
  password: 'comms desk password 2026',
  name: 'Casey Comms',
};
const STEP = { timeout: 60_000 };
const DAY = 86_400_000;

describe('analytics and report schedules in Chromium (sqlite)', () => {
  let suite: BrowserSuite | undefined;
  let page: Page;
  let ids: { sam: string; casey: string; ashby: string };

  before(async () => {
    suite = await startBrowserSuite('analytics', { admin: ADMIN });
    const { server } = suite;
    const org = await server.ctx.db.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
    const t = { ctx: server.ctx } as TestApp;
    // North district with its Ashby team, and a South team; an account each for Ashby and South.
    const north = await insertTeam(t, org.id, 'North district', null);
    const ashby = await insertTeam(t, org.id, 'Ashby neighbourhood team', north);
    const south = await insertTeam(t, org.id, 'South team', null);
    const ashbyAccount = await insertAccount(t, org.id, 'ashby_police', ashby);
    const southAccount = await insertAccount(t, org.id, 'south_police', south);
    const actx = systemContext('test');
    const person = async (name: string, email: string, teamId: string, roles: ('author' | 'comms')[]) =>
      (
        await createUser(server.ctx, org.id, actx, {
          name,
          email,
          teamId,
          roles,
          password: 'officer password 2026',
        })
      ).user.id;
    const sam = await person('PC Sam Patel', 'sam@example.test', ashby, ['author']);
    const lee = await person('PC Lee Wong', 'lee@example.test', south, ['author']);
    const casey = (await createUser(server.ctx, org.id, actx, { ...COMMS, roles: ['comms'], teamId: null }))
      .user.id;
    ids = { sam, casey, ashby };
    // Five posts in the last 30 days, with likes/replies/reposts; two of Sam's in the last 7 days.
    const ago = (days: number) => Date.now() - days * DAY;
    const post = (
      accountId: string,
      authorId: string,
      days: number,
      metrics: [number, number, number],
      text: string,
      views: number | null = null,
    ) => insertPost(t, { orgId: org.id, accountId, authorId, publishedAt: ago(days), metrics, text, views });
    await post(
      ashbyAccount,
      sam,
      2,
      [10, 2, 3],
      'Ashby library drop-in surgery this Saturday, 10am to noon.',
    );
    await post(ashbyAccount, sam, 3, [4, 0, 1], 'Bikes marked for free at Ashby market square on Thursday.');
    await post(
      ashbyAccount,
      sam,
      20,
      [6, 1, 1],
      'Thank you to everyone who came to the Ashby community meeting.',
    );
    await post(southAccount, lee, 1, [1, 1, 1], 'Road closure on South Street until 6pm.', 250); // only one with views
    await post(southAccount, sam, 25, [0, 0, 2], 'Joint patrol with South team this weekend.');
    page = await suite.newPage();
    await suite.signIn(page, COMMS, '/app/analytics');
  });

  after(async () => {
    await suite?.stop();
  });

  const tile = async (what: RegExp) =>
    Number(await page.locator('ul.tiles li', { hasText: what }).locator('strong').textContent());
  /** Waits until the tiles show `posts` posts and the engagement table `likes` likes (observable state). */
  const figures = async (posts: number, likes: number) => {
    const engagement = page.getByRole('table', { name: 'Engagement by kind' });
    await page
      .locator('ul.tiles li', { hasText: /posts published/ })
      .locator('strong', { hasText: new RegExp(`^${posts}$`) })
      .waitFor();
    await engagement
      .locator('tbody td')
      .first()
      .filter({ hasText: new RegExp(`^${likes}$`) })
      .waitFor();
    assert.equal(await tile(/posts published/), posts);
  };

  test(
    'the scope picker: organisation → team → account → officer → period, each with its figures',
    STEP,
    async () => {
      await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
      await figures(5, 21); // everything: 10 + 4 + 6 + 1 + 0 likes
      const views = page.getByRole('table', { name: 'Engagement by kind' }).locator('tbody td').nth(3);
      assert.equal(
        await views.textContent(),
        '250 (from 1 of 5 posts)',
        'views say how many posts report them',
      );
      await assertAccessible(page, 'analytics for the organisation');

      await page.getByLabel('Figures for').selectOption('team');
      await page.getByRole('combobox', { name: /^Team/ }).selectOption({ label: 'North district' });
      await figures(3, 20); // the Ashby account belongs to North's sub-team
      assert.equal(
        await views.textContent(),
        'not reported',
        'no platform of these posts reports views: not 0',
      );

      await page.getByLabel('Figures for').selectOption('account');
      await page
        .getByRole('combobox', { name: /^Account/ })
        .selectOption({ label: 'south_police (sandbox)' });
      await figures(2, 1);

      await page.getByLabel('Figures for').selectOption('officer');
      await page.getByRole('combobox', { name: /^Officer/ }).selectOption({ label: 'PC Sam Patel' });
      await figures(4, 20); // Sam posted on both accounts

      await page.getByRole('combobox', { name: /^Period/ }).selectOption({ label: 'Last 7 days' });
      await figures(2, 14);
      // Top posts carry each metric; the most engaging of Sam's week is first.
      const top = page.getByRole('region', { name: 'Top posts by engagement' });
      const firstRow = top.locator('tbody tr').first();
      assert.deepEqual((await firstRow.locator('td').allTextContents()).slice(2), [
        '10',
        '2',
        '3',
        '—',
        '15',
      ]);
      await assertAccessible(page, 'analytics for one officer over 7 days');
      await suite!.shot(page, 'analytics-scope.png');
    },
  );

  test('CSV downloads carry the scope on screen', STEP, async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Totals and trend (CSV)' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    assert.equal(csv[0], 'bucket_start,posts,engagement,received,handled');
    const posts = csv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
    assert.equal(posts, 2, `Sam's two posts of the last 7 days in ${csv.join(' | ')}`);
    assert.equal(csv.length - 1, 7, 'one row per day');

    await page.getByLabel('Figures per').selectOption('officer');
    const [perOfficer] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Per officer (CSV)' }).click(),
    ]);
    assert.match(perOfficer.suggestedFilename(), /\.csv$/);
    const rows = readFileSync(await perOfficer.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    assert.equal(rows.length, 2, rows.join(' | '));
    assert.match(rows[1]!, new RegExp(`^${ids.sam},PC Sam Patel,2,20,`));
  });

  test('a period the API refuses is shown beside the dates, and clears when fixed', STEP, async () => {
    await page.getByRole('combobox', { name: /^Period/ }).selectOption('custom');
    const from = page.getByLabel(/^From/);
    const to = page.getByLabel(/^To \(inclusive\)/);
    await from.fill('2026-11-20');
    await to.fill('2026-11-10');
    const alert = page.getByRole('form', { name: 'Scope and period' }).getByRole('alert');
    await alert.getByText('Choose a start date before the end date.').waitFor();
    assert.equal(await from.getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'analytics with a refused period');
    await suite!.shot(page, 'analytics-bad-period.png');
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 6 * DAY).toISOString().slice(0, 10);
    await from.fill(weekAgo);
    await to.fill(today);
    await figures(2, 14);
    assert.equal(await alert.count(), 0);
    assert.equal(await from.getAttribute('aria-invalid'), null);
  });

  test(
    'comms create a schedule (errors shown by field), change it, build it now and delete it',
    STEP,
    async () => {
      const panel = page.getByRole('region', { name: 'Scheduled reports' });
      await panel.getByText('No scheduled reports yet.').waitFor();
      await panel.getByRole('button', { name: 'Schedule a report' }).click();
      const form = page.getByRole('form', { name: 'Schedule a report' });
      await form.getByLabel('Report covers').selectOption('team');
      await form.getByRole('button', { name: 'Create schedule' }).click();
      // Nobody ticked: the API's validation names "recipients"; shown beside the list of people.
      await form.getByText('Choose at least one person to receive the report.').waitFor();
      await form.getByLabel(/^Casey Comms/).check();
      await form.getByRole('button', { name: 'Create schedule' }).click();
      // No team chosen: team_required, beside the team field.
      await form.getByText('Choose the team this report is about.').waitFor();
      assert.equal(await form.getByRole('combobox', { name: /^Team/ }).getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'a schedule form with an error');
      await suite!.shot(page, 'analytics-schedule-error.png');
      await form.getByRole('combobox', { name: /^Team/ }).selectOption({ label: 'Ashby neighbourhood team' });
      await form.getByRole('button', { name: 'Create schedule' }).click();
      await panel.getByText('Report scheduled.').waitFor();
      const row = panel.locator('ul.schedules li', { hasText: 'Weekly report for Ashby neighbourhood team' });
      await row.getByText('To Casey Comms').waitFor();
      const api = async () => (await suite!.api(page, 'GET', '/api/v1/reports/schedules')).body.schedules;
      const [created] = await api();
      assert.equal(created.teamId, ids.ashby);
      assert.deepEqual(created.recipients, [ids.casey]);

      await row.getByRole('button', { name: 'Change Weekly report for Ashby neighbourhood team' }).click();
      const edit = page.getByRole('form', { name: 'Change: Weekly report for Ashby neighbourhood team' });
      await edit.getByLabel('How often').selectOption('monthly');
      await edit.getByLabel(/^PC Sam Patel/).check();
      await edit.getByRole('button', { name: 'Save changes' }).click();
      const changed = panel.locator('ul.schedules li', {
        hasText: 'Monthly report for Ashby neighbourhood team',
      });
      await changed.getByText('To Casey Comms, PC Sam Patel').waitFor();
      const [updated] = await api();
      assert.equal(updated.cadence, 'monthly');
      assert.deepEqual([...updated.recipients].sort(), [ids.casey, ids.sam].sort());

      await changed.getByRole('button', { name: /^Build one now: Monthly report/ }).click();
      await changed.getByText(/^Built “.*”: it is listed under Reports\.$/).waitFor();
      const reports = page.getByRole('region', { name: 'Reports', exact: true });
      await reports
        .getByRole('link', { name: /^Open printable page/ })
        .first()
        .waitFor();
      await assertAccessible(page, 'report schedules');
      await suite!.shot(page, 'analytics-schedules.png');

      await changed
        .getByRole('button', { name: 'Delete Monthly report for Ashby neighbourhood team' })
        .click();
      await changed.getByRole('button', { name: 'Yes, delete the schedule' }).click();
      await panel.getByText('No scheduled reports yet.').waitFor();
      assert.deepEqual(await api(), []);
    },
  );

  test('no script errors or CSP refusals', () => {
    assert.deepEqual(suite!.allProblems(), []);
  });
});
