// Alerts in real Chromium against the real server: a welfare reply arrives through the real ingestion path,
// goes to the top of the review queue in the safeguarding lane with its SLA clock and response templates, and
// its urgent alert reaches an open alerts page live over server-sent events (no reload) with the top-bar badge
// and an aria-live announcement; it is acknowledged. Plus subscriptions and the outgoing-webhooks admin.
// axe-core on every screen; screenshots for the README. SQLite only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './helpers/browser.js';
import { eventually, type ModerationWorld, startModerationWorld } from './helpers/browser-moderation.js';

const STEP = { timeout: 90_000 };

describe('alerts in Chromium (sqlite)', () => {
  let w: ModerationWorld;
  before(async () => {
    w = await startModerationWorld('alerts');
  });
  after(async () => {
    await w?.stop();
  });
  const noPageErrors = () => {
    assert.deepEqual(w.admin.problems.splice(0), [], 'no script errors (admin)');
    assert.deepEqual(w.moderator.problems.splice(0), [], 'no script errors (moderator)');
  };

  test(
    'a welfare reply: top of the queue, SLA clock, templates, and a live urgent alert acknowledged',
    STEP,
    async () => {
      const alerts = w.admin.page;
      await alerts.goto(`${w.base}/app/alerts`);
      await alerts.getByRole('heading', { name: 'Alerts' }).waitFor();
      await assertAccessible(alerts, 'the alerts page, empty');
      // Marks this page load: if the alert only showed after a reload, the mark would be gone.
      await alerts.evaluate(() => {
        (window as unknown as { loadMark: number }).loadMark = 42;
      });
      await w.replies(['zorblax, get a real job']);
      const [welfare] = await w.replies(['nobody cares, i will end it all tonight']);

      const summary = alerts.locator('.alert-summary').filter({ hasText: /Safeguarding \(welfare\)/ });
      await summary.waitFor();
      assert.equal(
        await alerts.evaluate(() => (window as unknown as { loadMark?: number }).loadMark),
        42,
        'no reload',
      );
      await alerts
        .locator('.urgent-toast')
        .getByText(/Urgent:.*Safeguarding/)
        .waitFor();
      assert.equal(await alerts.locator('.live-region').getAttribute('aria-live'), 'assertive');
      // Other alerts may be about (e.g. a hijack signal for the post made outside Parapet): the badge counts
      // whatever is unacknowledged, as the API does.
      const badgeMatchesApi = async () => {
        const open = await w.admin.api('GET', '/api/v1/alerts?unacknowledged=true&limit=200');
        const label = await alerts.locator('.alert-badge').getAttribute('aria-label');
        return label === `Alerts: ${open.body.alerts.length} unacknowledged`;
      };
      await eventually('the badge counts the unacknowledged alerts', badgeMatchesApi);
      assert.notEqual(await alerts.locator('.alert-badge .count').textContent(), null);
      await assertAccessible(alerts, 'the alerts page with a live alert');
      await alerts.screenshot({ path: path.join(w.shotsDir, 'alerts.png'), fullPage: true });

      // The moderator's queue: the welfare message first, in the safeguarding lane, with its clock.
      const page = w.moderator.page;
      await page.goto(`${w.base}/app/review`);
      const top = page.locator('.queue-row').first();
      await top.getByText('Safeguarding').waitFor();
      assert.match((await top.locator('.queue-link').textContent()) ?? '', /end it all tonight/);
      await top
        .locator('.sla')
        .getByText(/min left$/)
        .waitFor();
      await page.getByRole('button', { name: /Safeguarding 1/ }).click();
      // The lane's list is fetched after the click: wait for it rather than reading the rows mid-load.
      await eventually(
        'the safeguarding lane holds only the welfare item',
        async () => (await page.locator('.queue-row').count()) === 1,
      );
      await page
        .locator('.queue-row')
        .getByText(/end it all tonight/)
        .waitFor();
      await page
        .locator('.queue-row')
        .getByText(/zorblax/)
        .waitFor({ state: 'detached' });

      // From the alert to the item, then templates and the hand-off to compose.
      await alerts.getByRole('link', { name: 'Open in review' }).first().click();
      await alerts.waitForURL(new RegExp(`/app/review/${welfare}$`));
      await alerts.getByRole('heading', { name: /Safeguarding: message from/ }).waitFor();
      await alerts.getByRole('heading', { name: 'Suggested responses' }).waitFor();
      const reply = alerts.getByRole('link', { name: 'Reply from the compose screen' });
      assert.equal(await reply.getAttribute('href'), `/app/compose?replyToItemId=${welfare}`);
      const copy = alerts.getByRole('button', { name: /^Copy “/ }).first();
      await copy.click();
      await alerts.getByText('Copied.').waitFor();
      const clip = await alerts.evaluate(() => navigator.clipboard.readText());
      assert.ok(clip.length > 10, 'a template body is on the clipboard');
      await assertAccessible(alerts, 'a safeguarding item with its templates');
      await alerts.screenshot({ path: path.join(w.shotsDir, 'review-safeguarding.png'), fullPage: true });

      await alerts.goto(`${w.base}/app/alerts`);
      await alerts.getByRole('button', { name: /^Acknowledge: Safeguarding/ }).click();
      await eventually(
        'the acknowledged alert leaves the unacknowledged list',
        async () =>
          (await alerts
            .locator('.alert-summary')
            .filter({ hasText: /Safeguarding/ })
            .count()) === 0,
      );
      await alerts.getByLabel('Only unacknowledged').uncheck();
      await alerts.getByText(/Acknowledged by Administrator/).waitFor();
      await eventually('the badge counts one fewer', badgeMatchesApi);
      noPageErrors();
    },
  );

  test('subscriptions are saved, and an admin adds, tests and removes a webhook', STEP, async () => {
    const page = w.admin.page;
    await page.goto(`${w.base}/app/alerts`);
    await page.getByRole('heading', { name: 'Your subscriptions' }).waitFor();
    const boxes = page.locator('#subscriptions-title ~ table input[type=checkbox]');
    const label = (await boxes.nth(1).getAttribute('aria-label'))!;
    const was = await boxes.nth(1).isChecked();
    await boxes.nth(1).setChecked(!was);
    await page.getByRole('button', { name: 'Save subscriptions' }).click();
    await page.getByText('Subscriptions saved.').waitFor();
    const saved = (await w.admin.api('GET', '/api/v1/me/alert-subscriptions')).body.subscriptions;
    const [kind, channel] = [label.split(' ')[0], label.includes('e-mail') ? 'email' : 'in_app'];
    assert.equal(
      saved.find(
        (s: { kindPrefix: string; channel: string }) => s.kindPrefix === kind && s.channel === channel,
      )?.enabled,
      !was,
    );

    await page.getByLabel('Name').fill('Duty desk');
    await page.getByLabel('URL').fill(`${w.base}/healthz`);
    await page.getByLabel('Lowest severity').selectOption('urgent');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText(/it is not shown again/).waitFor();
    assert.equal(await page.getByLabel('Name').inputValue(), '', 'the form is cleared for the next one');
    assert.ok(
      ((await page.locator('.secret code').textContent()) ?? '').length >= 16,
      'the secret is shown once',
    );
    await page.getByRole('button', { name: 'Send test to Duty desk' }).click();
    await page.getByRole('button', { name: 'Deliveries of Duty desk' }).click();
    await page
      .getByRole('cell', { name: /^(pending|sent|retrying|failed|cancelled)$/ })
      .first()
      .waitFor();
    await assertAccessible(page, 'the alerts page with webhooks');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove Duty desk' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Outgoing webhooks' }).waitFor();
    assert.equal(await page.locator('.secret').count(), 0, 'the secret is gone after a reload');
    noPageErrors();
  });
});
