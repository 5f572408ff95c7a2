// The review queue in real Chromium against the real server, with replies arriving through the real ingestion
// path (Sandbox API → poll job → classification): keyboard-only triage that hides a reply on the Sandbox, a
// delete that needs a second person's sign-off, bulk allow, the inbound item page and the account's moderation
// history, and the review settings. axe-core on every screen; screenshots for the README. SQLite only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Route } from 'playwright-core';
import { assertAccessible } from './helpers/browser.js';
import { eventually, type ModerationWorld, startModerationWorld } from './helpers/browser-moderation.js';

const STEP = { timeout: 90_000 };

describe('review queue in Chromium (sqlite)', () => {
  let w: ModerationWorld;
  let hiddenId = '';
  before(async () => {
    w = await startModerationWorld('review');
  });
  after(async () => {
    await w?.stop();
  });
  const noPageErrors = () => {
    assert.deepEqual(w.admin.problems.splice(0), [], 'no script errors (admin)');
    assert.deepEqual(w.moderator.problems.splice(0), [], 'no script errors (moderator)');
  };
  const focusedRow = (page: ModerationWorld['moderator']['page']) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-row') ?? null);

  test('a moderator triages with the keyboard only: j/k, Enter, claim, hide with a note', STEP, async () => {
    const ids = await w.replies(['you absolute zorblax', 'zorblax again, officer']);
    const page = w.moderator.page;
    await page.goto(`${w.base}/app/review`);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.locator('.queue-row').nth(1).waitFor();
    await page.getByText('j/k move').waitFor(); // the legend is always visible
    await assertAccessible(page, 'the review queue');

    await page.keyboard.press('j');
    assert.equal(await focusedRow(page), '0', 'the first j lands on the first row');
    await page.keyboard.press('j');
    assert.equal(await focusedRow(page), '1');
    await page.keyboard.press('k');
    assert.equal(await focusedRow(page), '0');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('j'); // back on the first row
    assert.equal(await focusedRow(page), '0');
    const href = (await page.locator('.queue [data-row="0"]').getAttribute('href')) ?? '';
    await page.keyboard.press('Enter');
    await page.waitForURL(`${w.base}${href}`, { waitUntil: 'commit' });
    const first = href.split('/').pop()!;
    const second = ids.find((id) => id !== first)!;
    hiddenId = first;
    await page.getByRole('heading', { name: /[Mm]essage from @resident_/ }).waitFor();
    assert.deepEqual(await page.locator('.item-panel mark').allTextContents(), ['zorblax']);

    await page.keyboard.press('c');
    await page.getByText('Held by you').waitFor();
    await page.keyboard.press('h');
    const note = page.getByLabel('Note for the record (optional)');
    await note.waitFor();
    assert.equal(
      await note.evaluate((el) => el === document.activeElement),
      true,
      'the note field has focus',
    );
    // Letters that are shortcuts elsewhere (a, d, b, e, c) are typed into the note, not acted on.
    await page.keyboard.type('abusive; added to the record by the desk');
    await page.keyboard.press('Enter');
    await page.getByText('Decision recorded: hide.').waitFor();
    await page.waitForURL(`${w.base}/app/review`, { waitUntil: 'commit' });
    await eventually(
      'the decided item left the queue',
      async () => (await page.locator('.queue-row').count()) === 1,
    );
    await eventually('the keyboard is on the next row', async () => (await focusedRow(page)) === '0');
    assert.equal(await page.locator('.queue-link').first().getAttribute('href'), `/app/review/${second}`);

    await eventually(
      'the hide job ran on the Sandbox',
      async () => (await w.sandboxPostOf(first!)).hidden === 1,
    );
    const view = await w.moderator.api('GET', `/api/v1/review/items/${first}/context`);
    const decision = view.body.history.find((e: { type: string }) => e.type === 'decision');
    assert.equal(decision.action, 'hide');
    assert.equal(decision.note, 'abusive; added to the record by the desk');
    assert.equal((await w.sandboxPostOf(second!)).hidden, 0, 'the other reply is untouched');

    // The open item, for the README.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /[Mm]essage from @resident_/ }).waitFor();
    await assertAccessible(page, 'an open review item');
    await page.screenshot({ path: path.join(w.shotsDir, 'review-item.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.waitForURL(`${w.base}/app/review`, { waitUntil: 'commit' });
    noPageErrors();
  });

  test('bulk allow: select items by their labels and allow them in one go', STEP, async () => {
    const ids = await w.replies(['zorblax is a board game, honest', 'my zorblax collection']);
    const page = w.moderator.page;
    await page.goto(`${w.base}/app/review`);
    await page.getByLabel('Select the message from @resident_3').check();
    await page.getByLabel('Select the message from @resident_4').check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Allow selected' }).click();
    const results = page.locator('.bulk-results li');
    await eventually('two results', async () => (await results.count()) === 2);
    assert.deepEqual(
      (await results.allTextContents()).map((t) => t.replace(/^.*— /, '')),
      ['allowed', 'allowed'],
    );
    for (const id of ids) {
      const item = await w.moderator.api('GET', `/api/v1/inbound/${id}`);
      assert.equal(item.body.derived.decision, 'allow');
    }
    await eventually(
      'only the earlier item is left',
      async () => (await page.locator('.queue-row').count()) === 1,
    );
    noPageErrors();
  });

  test('admins change moderation settings and response templates from the settings page', STEP, async () => {
    const page = w.admin.page;
    await page.goto(`${w.base}/app/settings`);
    await page.getByRole('heading', { name: 'Moderation' }).waitFor();
    await page.getByLabel('Safeguarding SLA (minutes)').fill('20');
    await page.getByRole('button', { name: 'Add an override' }).click();
    await page.getByLabel('Category', { exact: true }).fill('spam');
    await page.getByLabel('Action', { exact: true }).selectOption('hide');
    await page.getByRole('button', { name: 'Save moderation settings' }).click();
    await page.getByText('Moderation settings saved.').waitFor();
    const settings = (await w.admin.api('GET', '/api/v1/moderation/settings')).body;
    assert.equal(settings.safeguardingSlaMinutes, 20);
    assert.deepEqual(settings.categoryActions, { spam: 'hide' });

    await page.getByLabel('Title of the new template').fill('Missing person: call 101');
    await page.getByLabel('Text of the new template').fill('Please call 101 and quote the reference.');
    await page.getByLabel('Categories of the new template (comma-separated)').fill('welfare, missing');
    await page.getByRole('button', { name: 'Add template' }).click();
    await page.getByLabel('Title of “Missing person: call 101”').waitFor();
    const templates = (await w.admin.api('GET', '/api/v1/review/templates')).body.templates;
    const added = templates.find((t: { title: string }) => t.title === 'Missing person: call 101');
    assert.deepEqual([...(added?.categories ?? [])].sort(), ['missing', 'welfare']);
    await assertAccessible(page, 'the settings page');
    noPageErrors();
  });

  test(
    'with sign-off required, a delete is refused to its decider and done by a colleague',
    STEP,
    async () => {
      const admin = w.admin.page;
      await admin.goto(`${w.base}/app/settings`);
      // The box turns checked as it is clicked, while the save is still unanswered (held here), and goes back
      // with the server's message when the save is refused; a save that goes through is confirmed.
      const held: Route[] = [];
      await admin.route('**/api/v1/review/settings', (route) =>
        route.request().method() === 'PUT' ? void held.push(route) : route.fallback(),
      );
      const deleting = admin.getByLabel('Deleting a message');
      await deleting.click();
      await eventually('the save is sent', async () => held.length === 1);
      await eventually('the box turns before the answer', () => deleting.isChecked());
      await held[0]!.fulfill({
        status: 409,
        json: { error: { code: 'conflict', message: 'Refused on purpose by this test.' } },
      });
      await admin.getByRole('alert').filter({ hasText: 'Refused on purpose by this test.' }).waitFor();
      await eventually('the box goes back', async () => !(await deleting.isChecked()));
      await deleting.click();
      await eventually('the second save is sent', async () => held.length === 2);
      await eventually('the box turns again', () => deleting.isChecked());
      await held[1]!.continue();
      await admin.getByText('Sign-off settings saved.').waitFor();
      await admin.unroute('**/api/v1/review/settings');
      assert.equal(await deleting.isChecked(), true, 'the box shows the saved setting');
      await assertAccessible(admin, 'the settings page with review and moderation settings');
      assert.deepEqual((await w.admin.api('GET', '/api/v1/review/settings')).body.signoffFor, ['delete']);

      const [id] = await w.replies(['zorblax, I will find you']);
      const page = w.moderator.page;
      await page.goto(`${w.base}/app/review/${id}`);
      await page.getByRole('heading', { name: /Message from @resident_5/ }).waitFor();
      await page.keyboard.press('d');
      await page.getByRole('heading', { name: 'Delete this item?' }).waitFor();
      await page.keyboard.type('threat to staff');
      await page.keyboard.press('Enter');
      await page.getByText('“delete” is waiting for a second person to sign it off.').waitFor();
      await page.goto(`${w.base}/app/review/${id}`);
      await page.getByRole('heading', { name: 'Awaiting sign-off: delete' }).waitFor();
      await page.getByText('You made this decision, so a colleague has to sign it off.').waitFor();
      assert.equal(
        await page.getByRole('button', { name: /Sign off/ }).count(),
        0,
        'no sign-off button for the decider',
      );
      const refused = await w.moderator.api('POST', `/api/v1/review/items/${id}/signoff`, { approve: true });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'own_decision');
      assert.equal((await w.sandboxPostOf(id!)).deleted_at, null, 'nothing deleted yet');

      await admin.goto(`${w.base}/app/review/${id}`);
      await admin.getByRole('heading', { name: 'Awaiting sign-off: delete' }).waitFor();
      await assertAccessible(admin, 'an item awaiting sign-off');
      await admin.getByLabel('Sign-off note (optional)').fill('agreed');
      await admin.getByRole('button', { name: 'Sign off: delete' }).click();
      await admin.getByText(/Sign-off recorded/).waitFor();
      await eventually(
        'the delete job ran on the Sandbox',
        async () => (await w.sandboxPostOf(id!)).deleted_at !== null,
      );
      noPageErrors();
    },
  );

  test(
    'the account shows its moderation history, and an item page shows every event and unhides',
    STEP,
    async () => {
      const page = w.admin.page;
      await page.goto(`${w.base}/app/accounts/${w.accountId}`);
      await page.getByRole('heading', { name: 'Moderation history' }).waitFor();
      const hiddenRow = page.locator(`tr:has(a[href="/app/inbound/${hiddenId}"])`);
      await hiddenRow.waitFor();
      await assertAccessible(page, 'the account page with its moderation history');
      await hiddenRow.getByRole('link').click();
      await page.waitForURL(`${w.base}/app/inbound/${hiddenId}`, { waitUntil: 'commit' });
      await page.getByRole('heading', { name: /reply from @resident_/ }).waitFor();
      const onPlatform = page.locator('dt:has-text("On the platform") + dd');
      assert.equal(await onPlatform.textContent(), 'hidden');
      const events = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
      assert.ok(events.includes('decision: hide'), events.join(' | '));
      assert.ok(events.includes('action succeeded: hide'), events.join(' | '));
      await assertAccessible(page, 'the inbound item page');
      await page.getByRole('button', { name: 'Unhide this reply' }).click();
      await page.getByLabel('Reason to unhide this reply').fill('fair comment in context');
      // The confirmation stays on the page whether or not the unhide job wins the race with the page's refetch
      // (the Unhide panel itself goes away once the reply is visible), and the page turns to "visible" by itself.
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/inbound/${hiddenId}/unhide`)),
        page.getByRole('button', { name: 'Unhide', exact: true }).click(),
      ]);
      assert.equal(answer.status(), 202, await answer.text());
      await page
        .getByRole('status')
        .filter({ hasText: /^Unhide queued/ })
        .waitFor();
      await eventually(
        'the unhide job ran on the Sandbox',
        async () => (await w.sandboxPostOf(hiddenId)).hidden === 0,
      );
      await onPlatform.filter({ hasText: /^visible/ }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Unhide queued and done' }).waitFor();
      noPageErrors();
    },
  );

  test('the queue screenshot: lanes, counts and SLA clocks', STEP, async () => {
    await w.replies(['i want to end it all tonight', 'zorblax zorblax']);
    const page = w.moderator.page;
    await page.goto(`${w.base}/app/review`);
    await page.locator('.queue-row.safeguarding').first().waitFor();
    assert.match(
      (await page.locator('.queue-row').first().getAttribute('class')) ?? '',
      /safeguarding/,
      'the safeguarding item is first',
    );
    await page.getByRole('button', { name: /Safeguarding 1/ }).waitFor();
    await page.locator('.queue-row').first().locator('.sla').getByText(/left$/).waitFor();
    await page.screenshot({ path: path.join(w.shotsDir, 'review-queue.png'), fullPage: true });
    noPageErrors();
  });
});
