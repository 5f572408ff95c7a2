// The foundation's pages (src/http/pages) in real Chromium against the real server started by startParapet():
// first-run setup, sign-in with a password and a TOTP step, two-factor enrolment, SSO error messages, invites,
// with axe-core on every page, keyboard order, and screenshots in docs/screenshots/.
// SQLite only: the browser exercises the pages; the API underneath is tested on both databases elsewhere.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import {
  assertAccessible,
  assertChromiumInstalled,
  type BrowserSuite,
  startBrowserSuite,
  tabOrder,
} from './helpers/browser.js';

// Screenshots: see startBrowserSuite (a temp dir; PARAPET_UPDATE_SCREENSHOTS=1 for docs/screenshots/).
const PASSWORD = 'correct horse battery staple';
const ADMIN = { org: 'Northshire Police', name: 'Ada Lovelace', email: 'ada@example.test' };
const STEP = { timeout: 60_000 };
const SSO_UNKNOWN_USER =
  'There is no Parapet account for your e-mail address in this organisation. Ask an administrator to add you.';

// Counted as a failed test (not only as cancelled ones) when the browser is missing.
test('Chromium is installed for the browser tests', () => assertChromiumInstalled());

describe('foundation pages in Chromium (sqlite)', () => {
  let suite: BrowserSuite | undefined;
  let page: Page;
  let problems: string[];
  let base: string;
  let setupLink: string;
  let totpSecret: string;

  before(async () => {
    const printed: string[] = [];
    suite = await startBrowserSuite('first-run', { admin: null, onPrint: (line) => printed.push(line) });
    base = suite.base;
    const link = printed.join('\n').match(/(http\S+\/setup#token=\S+)/)?.[1];
    assert.ok(link, `startParapet printed no setup link: ${printed.join('\n')}`);
    setupLink = link;
    page = await suite.newPage({ viewport: { width: 1280, height: 800 }, timeout: 10_000 });
    problems = suite.problemsOf(page);
  });

  after(async () => {
    await suite?.stop();
  });

  // A fresh document each time: going from /x#a to /x#b would otherwise only change the fragment.
  const visit = async (url: string) => {
    await page.goto('about:blank');
    await page.goto(url.startsWith('http') ? url : `${base}${url}`);
  };
  const message = () => page.locator('#message');
  const shot = (name: string) => suite!.shot(page, name, false);
  const setupNeeded = async () =>
    ((await (await fetch(`${base}/api/v1/setup`)).json()) as { needed: boolean }).needed;
  const noPageErrors = () =>
    assert.deepEqual(problems.splice(0), [], 'the page script ran without errors or CSP refusals');

  async function signInWithKeyboard(email: string, password: string) {
    await page.locator('#email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  test(
    'the setup page without its token, with a weak password and with a wrong token says what is wrong',
    STEP,
    async () => {
      await visit('/setup');
      await message().getByText('one-time setup link').waitFor();
      assert.equal(await page.locator('#setup-form').isHidden(), true, 'no form to fill without the link');

      await visit('/setup#token=not-the-real-token');
      await page.locator('#organisationName').waitFor();
      await assertAccessible(page, 'the setup page');
      assert.deepEqual(await tabOrder(page, 5), [
        'organisationName',
        'name',
        'email',
        'password',
        'button:Create organisation',
      ]);
      await page.fill('#organisationName', ADMIN.org);
      await page.fill('#name', ADMIN.name);
      await page.fill('#email', ADMIN.email);
      await page.fill('#password', 'short');
      await page.click('#setup-form button[type=submit]');
      await message().getByText('Choose a password of at least 12 characters.').waitFor();
      assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'password',
        'focus goes to the field to fix',
      );
      await shot('setup-weak-password.png');

      await page.fill('#password', PASSWORD);
      await page.click('#setup-form button[type=submit]');
      await message().getByText('This setup link is not valid').waitFor();
      assert.equal(
        await page.locator('#password').getAttribute('aria-invalid'),
        null,
        'the fixed field is no longer marked',
      );
      assert.equal(await setupNeeded(), true, 'nothing was created');
      noPageErrors();
    },
  );

  test('the printed setup link creates the organisation and lands on the sign-in page', STEP, async () => {
    await visit(setupLink);
    await page.locator('#organisationName').waitFor();
    await shot('setup.png');
    await page.fill('#organisationName', ADMIN.org);
    await page.fill('#name', ADMIN.name);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', PASSWORD);
    await page.click('#setup-form button[type=submit]');
    await message().getByText('Organisation created').waitFor();
    await page.waitForURL(`${base}/sign-in`);
    assert.equal(await setupNeeded(), false);
    noPageErrors();
  });

  test('opening the used setup link again says Parapet is set up and links to sign-in', STEP, async () => {
    await visit(setupLink);
    await message().getByText('Parapet is already set up').waitFor();
    assert.equal(await page.locator('#setup-form').isHidden(), true);
    assert.equal(await message().locator('a').getAttribute('href'), '/sign-in');
    await assertAccessible(page, 'the used setup link');
    noPageErrors();
  });

  test(
    'sign-in: a wrong password shows the error; the right one (by keyboard) opens the account page',
    STEP,
    async () => {
      await visit('/sign-in');
      await page.locator('#email').waitFor();
      await assertAccessible(page, 'the sign-in page');
      await shot('sign-in.png');
      assert.deepEqual(await tabOrder(page, 4), [
        'email',
        'password',
        'button:Sign in',
        `summary:Sign in with your organisation’s single sign-on`,
      ]);

      await signInWithKeyboard(ADMIN.email, 'not the password at all');
      await message().getByText('The e-mail address or password is wrong.').waitFor();
      assert.equal(page.url(), `${base}/sign-in`);
      await page.fill('#email', '');
      await page.fill('#password', '');
      await signInWithKeyboard(ADMIN.email, PASSWORD);
      await page.waitForURL(`${base}/`);
      await page.locator('#account dl').waitFor();
      const details = await page.locator('#account dd').allTextContents();
      assert.deepEqual(details, [ADMIN.name, ADMIN.email, ADMIN.org, 'admin']);
      assert.match((await page.locator('#mfa-state').textContent()) ?? '', /^Off\./);
      await assertAccessible(page, 'the account page');
      assert.deepEqual(await tabOrder(page, 4), [
        'mfa-enrol',
        'a:Open the dashboard',
        'a:API reference',
        'sign-out',
      ]);
      noPageErrors();
    },
  );

  test(
    'two-factor set-up: the secret is shown, a wrong code is refused, the right one shows recovery codes',
    STEP,
    async () => {
      await page.click('#mfa-enrol');
      await page.locator('#mfa-secret').filter({ hasText: /\S/ }).waitFor();
      totpSecret = ((await page.locator('#mfa-secret').textContent()) ?? '').trim();
      assert.match(totpSecret, /^[A-Z2-7]{16,}$/, 'a base32 secret a person can type');
      assert.match((await page.locator('#mfa-uri').getAttribute('href')) ?? '', /^otpauth:\/\/totp\//);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'activate-code');
      await assertAccessible(page, 'the account page during two-factor set-up');
      await shot('account.png');

      await page.fill('#activate-code', await wrongCodeFor(totpSecret));
      await page.click('#mfa-activate button[type=submit]');
      await message().getByText('That code is wrong or has expired').waitFor();
      assert.equal(await page.locator('#recovery').isHidden(), true);

      await page.fill('#activate-code', await generate({ secret: totpSecret }));
      await page.click('#mfa-activate button[type=submit]');
      await page.locator('#recovery').waitFor({ state: 'visible' });
      const codes = ((await page.locator('#recovery-codes').textContent()) ?? '')
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean);
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      assert.equal(await page.locator('#mfa-activate').isHidden(), true);
      assert.match((await page.locator('#mfa-state').textContent()) ?? '', /^On/);
      await assertAccessible(page, 'the account page with recovery codes');
      await shot('account-recovery-codes.png');
      noPageErrors();
    },
  );

  test(
    'after sign-out, signing in asks for the code; the account page is not shown before it; the next code works',
    STEP,
    async () => {
      await page.click('#sign-out');
      await page.waitForURL(`${base}/sign-in`);
      await signInWithKeyboard(ADMIN.email, PASSWORD);
      await page.locator('#mfa-form').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#sign-in-form').isHidden(), true);
      assert.equal(
        await page.locator('#sso').isHidden(),
        true,
        'no single sign-on choice in the middle of a sign-in',
      );
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'code');

      // Password accepted but no second factor yet: the account page sends the browser back to sign-in.
      await visit('/');
      await page.waitForURL(`${base}/sign-in`);
      await signInWithKeyboard(ADMIN.email, PASSWORD);
      await page.locator('#mfa-form').waitFor({ state: 'visible' });
      await assertAccessible(page, 'the sign-in two-factor step');
      await shot('sign-in-totp.png');
      assert.deepEqual(await tabOrder(page, 3), ['code', 'button:Continue', 'a:Start again']);

      await page.fill('#code', await wrongCodeFor(totpSecret));
      await page.click('#mfa-form button[type=submit]');
      await message().getByText('That code is wrong or has expired').waitFor();
      // The code used to turn two-factor on cannot be replayed, so use the one for the next 30-second step.
      await page.fill(
        '#code',
        await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }),
      );
      await page.click('#mfa-form button[type=submit]');
      await page.waitForURL(`${base}/`);
      await page.locator('#account dl').waitFor();
      assert.match((await page.locator('#mfa-state').textContent()) ?? '', /^On/);
      assert.equal(await page.locator('#mfa-enrol').isHidden(), true);
      noPageErrors();
    },
  );

  test('single sign-on failures arriving as /sign-in#error=… show a readable message', STEP, async () => {
    await visit('/sign-in#error=sso_unknown_user');
    await message().getByText(SSO_UNKNOWN_USER).waitFor();
    assert.equal(await page.locator('#sso').getAttribute('open'), '', 'the single sign-on section is opened');
    await assertAccessible(page, 'the sign-in page with an SSO error');
    await shot('sign-in-sso-error.png');
    // Unknown codes get the generic message, and a fragment-only change (no reload) is picked up too.
    await page.evaluate(() => {
      location.hash = 'error=something_new';
    });
    await message().getByText('Single sign-on failed. Try again, or sign in with your password.').waitFor();
    noPageErrors();
  });

  test('an invite link lets a new user choose a password once, then sign in', STEP, async () => {
    // The admin (still signed in from the previous step) creates a user without a password through the API.
    await visit('/');
    await page.locator('#account dl').waitFor();
    const created = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ email: 'grace@example.test', name: 'Grace Hopper', roles: ['moderator'] }),
      });
      return { status: res.status, body: await res.json() };
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const inviteUrl: string = created.body.inviteUrl;
    assert.ok(inviteUrl.startsWith(`${base}/invite#token=`), inviteUrl);
    await page.click('#sign-out');
    await page.waitForURL(`${base}/sign-in`);

    await visit('/invite');
    await message().getByText('Open this page with the full invite link').waitFor();
    assert.equal(await page.locator('#invite-form').isHidden(), true);

    await visit(inviteUrl);
    await page.locator('#password').waitFor();
    await assertAccessible(page, 'the invite page');
    await shot('invite.png');
    assert.deepEqual(await tabOrder(page, 2), ['password', 'button:Set password']);
    await page.fill('#password', 'too short');
    await page.keyboard.press('Enter');
    await message().getByText('Choose a password of at least 12 characters.').waitFor();
    await page.fill('#password', 'grace has a long password');
    await page.keyboard.press('Enter');
    await message().getByText('Password set for grace@example.test').waitFor();
    await page.waitForURL(`${base}/sign-in`);
    await signInWithKeyboard('grace@example.test', 'grace has a long password');
    await page.waitForURL(`${base}/`);
    await page.locator('#account dl').waitFor();
    assert.deepEqual(await page.locator('#account dd').allTextContents(), [
      'Grace Hopper',
      'grace@example.test',
      ADMIN.org,
      'moderator',
    ]);

    // The link works once.
    await visit(inviteUrl);
    await page.fill('#password', 'another long password here');
    await page.keyboard.press('Enter');
    await message().getByText('This link is invalid, already used or expired').waitFor();
    noPageErrors();
  });
});

/** A 6-digit code that is not valid in the window the server accepts (previous, current and next step). */
async function wrongCodeFor(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = new Set(
    await Promise.all([-60, -30, 0, 30, 60].map((d) => generate({ secret, epoch: now + d }))),
  );
  for (const candidate of ['000000', '111111', '222222']) if (!valid.has(candidate)) return candidate;
  throw new Error('unreachable: three codes cannot all be valid');
}
