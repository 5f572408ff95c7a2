// The archive screens in real Chromium against the real server (SQLite): an auditor searches by a word, opens an
// item's history, places a legal hold, requests an evidence export with a reason and downloads the ZIP; an admin
// edits a retention rule, previews and publishes the transparency report, which then shows counts. axe-core on
// each screen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../src/main.js';
import { systemContext } from '../src/modules/audit/actor.js';
import { createUser } from '../src/modules/identity/users-service.js';
import type { TestApp } from './helpers/app.js';
import { type ArchiveSeed, act, seedArchive } from './helpers/archive.js';
import { assertAccessible, type BrowserSuite, startBrowserSuite } from './helpers/browser.js';
import { insertItem } from './helpers/review-fixtures.js';

const ADMIN = { email: 'grace@example.test', password: 'correct horse battery staple' };
const AUDITOR = { email: 'pat@example.test', password: 'professional standards 2026', name: 'Pat Standards' };
const STEP = { timeout: 60_000 };

describe('archive screens in Chromium (sqlite)', () => {
  let suite: BrowserSuite | undefined;
  let server: RunningServer;
  let base: string;
  let orgSlug: string;
  let seed: ArchiveSeed;
  let adminName: string;

  before(async () => {
    suite = await startBrowserSuite('archive', { admin: ADMIN });
    server = suite.server;
    base = suite.base;
    const org = await server.ctx.db
      .selectFrom('organisation')
      .select(['id', 'slug'])
      .executeTakeFirstOrThrow();
    orgSlug = org.slug;
    const admin = await server.ctx.db.selectFrom('app_user').select(['id', 'name']).executeTakeFirstOrThrow();
    adminName = admin.name;
    await createUser(server.ctx, org.id, systemContext('test'), { ...AUDITOR, roles: ['auditor'] });
    // The fixtures write through the real moderation event log, so statuses are the reducer's.
    const t = { ctx: server.ctx } as TestApp;
    seed = await seedArchive(t, org.id, admin.id);
    // Enough hidden abuse this month that the public report shows a number rather than "<5".
    for (let i = 0; i < 5; i++) {
      const id = await insertItem(t, org.id, seed.accountId, {
        text: `scumbag number ${i}`,
        authorHandle: `troll${i}.example`,
        matches: [{ dictionary: 'abuse', category: 'abuse', term: 'scumbag', start: 0, end: 7 }],
        notQueued: true,
      });
      await act(t, org.id, id, 'hide');
    }
  });

  after(async () => {
    await suite?.stop();
  });

  async function signIn(who: { email: string; password: string }, where: string): Promise<Page> {
    const page = await suite!.newPage();
    await suite!.signIn(page, who, `/app${where}`);
    return page;
  }
  const shot = (page: Page, name: string) => suite!.shot(page, name);

  let auditor: Page;
  let admin: Page;

  test('an auditor searches by a word and sees statuses and highlights', STEP, async () => {
    auditor = await signIn(AUDITOR, '/archive');
    await auditor.getByRole('heading', { name: 'Archive', level: 1 }).waitFor();
    const nav = await auditor.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    assert.ok(nav.includes('Archive') && nav.includes('Records and holds'), nav.join(', '));
    await auditor.getByLabel(/^Words/).fill('scumbag');
    await auditor.getByRole('button', { name: 'Search' }).click();
    const results = auditor.getByRole('region', { name: 'Results' });
    await results.getByText(/^8 items shown/).waitFor();
    assert.equal(await results.locator('mark', { hasText: /^scumbag$/i }).count(), 8);
    // Removed items are labelled as such.
    await results.locator('.badge-removed', { hasText: 'hidden' }).first().waitFor();
    await results.locator('.badge-removed', { hasText: 'author blocked' }).waitFor();
    // The team filter: only items on accounts the North team owns (the "author blocked" one is elsewhere).
    await auditor.getByRole('combobox', { name: /^Team/ }).selectOption({ label: 'North' });
    await auditor.getByRole('button', { name: 'Search' }).click();
    await results.getByText(/^7 items shown/).waitFor();
    assert.equal(await results.locator('.badge-removed', { hasText: 'author blocked' }).count(), 0);
    await auditor.getByRole('combobox', { name: /^Team/ }).selectOption({ label: 'Any team' });
    await auditor.getByRole('button', { name: 'Search' }).click();
    await results.getByText(/^8 items shown/).waitFor();
    // An officer by name, not by id: the three posts the administrator wrote (one since deleted).
    await auditor.getByLabel(/^Words/).fill('');
    await auditor.getByRole('combobox', { name: /^Officer/ }).selectOption({ label: adminName });
    await auditor.getByRole('button', { name: 'Search' }).click();
    await results.getByText(/^3 items shown/).waitFor();
    assert.equal(await results.getByRole('link', { name: /^Our post/ }).count(), 3);
    await auditor.getByRole('combobox', { name: /^Officer/ }).selectOption({ label: 'Any officer' });
    await auditor.getByLabel(/^Words/).fill('scumbag');
    await auditor.getByRole('button', { name: 'Search' }).click();
    await results.getByText(/^8 items shown/).waitFor();
    await assertAccessible(auditor, 'the archive search');
    await shot(auditor, 'archive.png');
  });

  test('an item page shows its revisions and its moderation history', STEP, async () => {
    // "carnival" is only in the first revision of the edited post: search covers every revision.
    await auditor.getByLabel(/^Words/).fill('carnival');
    await auditor.getByRole('button', { name: 'Search' }).click();
    const results = auditor.getByRole('region', { name: 'Results' });
    await results.getByText(/^1 item shown/).waitFor();
    await results.getByRole('link', { name: /Our post/ }).click();
    await auditor.waitForURL(`${base}/app/archive/post/${seed.posts.edited}`);
    await auditor.getByRole('heading', { name: 'Revisions' }).waitFor();
    await auditor.getByText('Original wording about the carnival parade').waitFor();
    await auditor.getByText('Revision 2').waitFor();
    await auditor.getByRole('heading', { name: `Our post by ${adminName}` }).waitFor(); // named, not an id
    await assertAccessible(auditor, 'an archived post');
    await shot(auditor, 'archive-post.png');

    await auditor.goto(`${base}/app/archive/inbound/${seed.items.hidden}`);
    await auditor.getByRole('heading', { name: 'Moderation history' }).waitFor();
    const history = auditor.locator('section', {
      has: auditor.getByRole('heading', { name: 'Moderation history' }),
    });
    await history.getByRole('cell', { name: 'hide', exact: true }).waitFor();
    await auditor.getByText('Raw platform payload').click();
    await auditor.locator('details.raw[open] pre').waitFor();
    await assertAccessible(auditor, 'an archived received item');
    await shot(auditor, 'archive-item.png');
  });

  test('an auditor places a legal hold and releases another with a reason', STEP, async () => {
    await auditor.getByRole('link', { name: 'Records and holds' }).click();
    await auditor.getByRole('heading', { name: 'Legal holds' }).waitFor();
    for (const name of ['Op Lantern', 'Mistaken hold']) {
      await auditor.getByLabel('Hold name').fill(name);
      await auditor.getByLabel('Reason', { exact: true }).fill('PSD investigation 2026/114');
      await auditor.getByLabel('Covering words').fill('scumbag');
      // Op Lantern covers one account only; the form lists the connected accounts to tick.
      if (name === 'Op Lantern')
        await auditor
          .getByRole('group', { name: /^Accounts covered/ })
          .getByRole('checkbox')
          .first()
          .check();
      await auditor.getByRole('button', { name: 'Place hold' }).click();
      await auditor.getByText(`Hold “${name}” placed.`).waitFor();
    }
    await auditor.getByRole('button', { name: 'Release hold Mistaken hold' }).click();
    await auditor.getByLabel(/Reason to release hold/).fill('Placed in error');
    await auditor.getByRole('button', { name: 'Release', exact: true }).click();
    await auditor.getByText('Released because: Placed in error.').waitFor();
    const holds = auditor.locator('ul.holds li');
    assert.equal(await holds.filter({ hasText: 'active' }).count(), 1);
    const placed = (await suite!.api(auditor, 'GET', '/api/v1/archive/holds')).body.holds;
    const lantern = placed.find((h: { name: string }) => h.name === 'Op Lantern');
    assert.equal(lantern.scope.accountIds.length, 1, JSON.stringify(lantern.scope));
    await holds
      .filter({ hasText: 'Op Lantern' })
      .getByText(/Covers words “scumbag”; accounts /)
      .waitFor();
    await assertAccessible(auditor, 'the records page');
    await shot(auditor, 'archive-records.png');
  });

  test('an export needs a reason, is built in the background and downloads as a ZIP', STEP, async () => {
    await auditor.getByRole('link', { name: 'Archive', exact: true }).click();
    await auditor.getByLabel(/^Words/).fill('scumbag');
    await auditor.getByRole('button', { name: 'Search' }).click();
    await auditor.getByRole('button', { name: 'Export for FOI/investigation' }).click();
    const reason = auditor.getByLabel(/^Reason/);
    await auditor.getByRole('button', { name: 'Request export' }).click();
    assert.equal(await reason.evaluate((el: HTMLInputElement) => el.validity.valueMissing), true);
    await reason.fill('FOI 2026-0042');
    await auditor.getByRole('button', { name: 'Request export' }).click();
    await auditor.getByText('Export requested.').waitFor();
    await assertAccessible(auditor, 'the export form');

    await auditor.getByRole('link', { name: 'Records and holds' }).click();
    const row = auditor.getByRole('row', { name: /FOI 2026-0042/ });
    const link = row.getByRole('link', { name: /Download ZIP/ });
    await link.waitFor({ timeout: 30_000 }); // the list polls until the job has built it
    const [download] = await Promise.all([auditor.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    assert.ok(zip['manifest.json'], `manifest.json in ${Object.keys(zip).join(', ')}`);
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
    assert.match(JSON.stringify(manifest), /FOI 2026-0042|[0-9a-f]{64}/);
    assert.equal(await row.getByRole('cell', { name: '8', exact: true }).count(), 1, 'eight items exported');
  });

  test('an admin edits a retention rule, previews and publishes the transparency report', STEP, async () => {
    admin = await signIn(ADMIN, '/records');
    await admin.getByRole('heading', { name: 'Retention rules' }).waitFor();
    await admin.getByRole('button', { name: 'Add a rule' }).click();
    const rule = admin.locator('ul.rules li').last();
    await rule.getByLabel('Category').fill('spam');
    await rule.getByLabel('Days').fill('30');
    await admin.getByRole('button', { name: 'Save retention rules' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: /^Saved \d+ rules?\./ })
      .waitFor();
    const saved = await admin.evaluate(async () => (await fetch('/api/v1/archive/retention')).json());
    assert.ok(
      saved.rules.some(
        (r: { kind: string; category: string; days: number }) => r.category === 'spam' && r.days === 30,
      ),
      JSON.stringify(saved),
    );

    assert.equal((await fetch(`${base}/transparency/${orgSlug}`)).status, 404, 'not public before');
    // Before publishing, the admin previews exactly what the public page will show.
    await admin.getByRole('link', { name: 'Preview the public report' }).click();
    await admin.getByRole('heading', { name: /Transparency report: Northshire Police/ }).waitFor();
    await admin.getByText(/Not published yet/).waitFor();
    assert.match((await admin.locator('tr.total').first().textContent()) ?? '', /All categories\s*\d+/);
    assert.equal(await admin.getByText('angry.example').count(), 0);
    assert.equal(
      (await fetch(`${base}/transparency/${orgSlug}`)).status,
      404,
      'previewing publishes nothing',
    );
    await admin.goBack();
    await admin.getByRole('button', { name: 'Publish the public report' }).click();
    const link = admin.getByRole('link', { name: `/transparency/${orgSlug}` });
    await link.waitFor();
    await assertAccessible(admin, 'the records page as admin');
    await link.click();
    await admin.getByRole('heading', { name: /Transparency report: Northshire Police/ }).waitFor();
    const totals = admin.locator('tr.total').first();
    // Six hidden this month, shown as a number rather than "<5"; no handle appears anywhere.
    assert.match((await totals.textContent()) ?? '', /All categories\s*\d+/);
    assert.equal(await admin.getByText('angry.example').count(), 0);
  });

  test('analytics shows totals, a trend chart and CSV downloads for a period', STEP, async () => {
    await admin.goto(`${base}/app/analytics`);
    await admin.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    await admin
      .getByText(/posts published/)
      .first()
      .waitFor();
    await admin.getByRole('img', { name: /Posts and received items per period/ }).waitFor();
    await admin.getByLabel('Figures per').selectOption('officer');
    await admin.getByRole('heading', { name: 'Per officer' }).waitFor();
    const csvHref = await admin.getByRole('link', { name: 'Per officer (CSV)' }).getAttribute('href');
    const csv = await admin.evaluate(async (u) => {
      const res = await fetch(u as string);
      return { type: res.headers.get('content-type'), text: await res.text() };
    }, csvHref);
    assert.match(csv.type ?? '', /text\/csv/);
    assert.ok(csv.text.split('\n').length >= 1 && csv.text.length > 0, csv.text);
    await admin.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await assertAccessible(admin, 'analytics');
    await shot(admin, 'analytics.png');
  });

  test('no script errors or CSP refusals', () => {
    assert.deepEqual(suite!.allProblems(), []);
  });
});
