// Connecting accounts from the dashboard (issue #7) in real Chromium against the real server: a Sandbox account
// through the form, a Bluesky app password the PDS refuses (the refusal shown in words, the secret never
// echoed), the starter dictionaries installed into an organisation that has none, and a Sandbox account's
// public view beside Parapet's with a hidden reply shown as the public sees it. axe-core on each screen.
// SQLite only. The Bluesky refusal comes from a stub PDS on localhost answering createSession with 401, as
// a real PDS does for a wrong password; the real local Bluesky network is exercised in bluesky-*.test.ts.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../src/main.js';
import { insertPost, postById } from '../src/sandbox/repo.js';
import { createSandboxUser } from '../src/sandbox/service.js';
import { assertAccessible, type BrowserSuite, startBrowserSuite } from './helpers/browser.js';

const ADMIN = { email: 'ada@example.test', password: 'correct horse battery staple' };
const STEP = { timeout: 60_000 };
const WRONG_PASSWORD = 'abcd-efgh-ijkl-mnop';
const RIGHT_PASSWORD = 'wxyz-wxyz-wxyz-wxyz';
const DID = 'did:plc:westshiretest000000000000';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('connecting accounts from the dashboard (sqlite)', () => {
  let server: RunningServer | undefined;
  let suite: BrowserSuite | undefined;
  let pds: Server | undefined;
  let pdsUrl: string;
  const pdsLogins: { identifier?: string; password?: string }[] = [];
  let page: Page;
  let problems: string[];
  let base: string;
  let sandboxAccountId: string;

  before(async () => {
    // A PDS that refuses a wrong app password with 401, as bsky.social does, and accepts one right password.
    pds = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const login = req.url?.startsWith('/xrpc/com.atproto.server.createSession') ? JSON.parse(body) : null;
        if (login) pdsLogins.push(login);
        if (login?.password === RIGHT_PASSWORD) {
          const jwt = `${b64({ alg: 'HS256' })}.${b64({ sub: DID, exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              did: DID,
              handle: login.identifier,
              accessJwt: jwt,
              refreshJwt: jwt,
              active: true,
            }),
          );
          return;
        }
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: 'AuthenticationRequired', message: 'Invalid identifier or password' }),
        );
      });
    });
    await new Promise<void>((resolve) => pds!.listen(0, '127.0.0.1', resolve));
    pdsUrl = `http://127.0.0.1:${(pds.address() as AddressInfo).port}`;
    suite = await startBrowserSuite('connect', { admin: ADMIN, orgName: 'Westshire Police' });
    server = suite.server;
    base = suite.base;
    page = await suite.newPage({ viewport: { width: 1280, height: 800 }, timeout: 10_000 });
    problems = suite.problemsOf(page);
  });

  after(async () => {
    await suite?.stop();
    await new Promise((resolve) => pds?.close(resolve));
  });

  const shot = (name: string) => suite!.shot(page, name);
  const noPageErrors = () => assert.deepEqual(problems.splice(0), [], 'no script errors or CSP refusals');
  const connectForm = () => page.getByRole('form', { name: 'Connect an account' });

  test('an admin connects a Sandbox account through the form', STEP, async () => {
    await page.goto(`${base}/app/accounts`);
    await page.waitForURL(/\/sign-in/);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForURL(`${base}/app/accounts`);
    const form = connectForm();
    await form.getByLabel('Platform').selectOption('sandbox');
    await form.getByLabel('Handle').fill('westshire_police');
    await form.getByLabel('Display name (optional)').fill('Westshire Police');
    await form.getByLabel('Labels (comma separated)').fill('force, demo');
    await form.getByRole('button', { name: 'Connect' }).click();
    const done = form.getByRole('status');
    await done.getByText('Connected @westshire_police.').waitFor();
    await page.getByRole('table').getByRole('link', { name: 'Westshire Police' }).waitFor();
    const href = await done.getByRole('link').getAttribute('href');
    sandboxAccountId = href!.split('/').pop()!;
    const stored = await server!.ctx.db
      .selectFrom('social_account')
      .select(['platform', 'labels'])
      .where('id', '=', sandboxAccountId)
      .executeTakeFirstOrThrow();
    assert.equal(stored.platform, 'sandbox');
    assert.deepEqual(JSON.parse(stored.labels).sort(), ['demo', 'force']);
    await assertAccessible(page, 'the accounts page with the connect form');
    noPageErrors();
  });

  test('a Bluesky app password the platform refuses is shown in words and never echoed', STEP, async () => {
    const form = connectForm();
    await form.getByLabel('Platform').selectOption('bluesky');
    await form.getByLabel('Handle or DID').fill('westshire.bsky.social');
    const password = form.getByLabel('App password');
    assert.equal(await password.getAttribute('type'), 'password');
    assert.equal(await password.getAttribute('autocomplete'), 'off');
    await password.fill(WRONG_PASSWORD);
    await form.getByLabel('PDS URL (optional)').fill(pdsUrl);
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByRole('alert').getByText('bluesky rejected these credentials.').waitFor();
    assert.deepEqual(pdsLogins, [{ identifier: 'westshire.bsky.social', password: WRONG_PASSWORD }]);
    assert.equal(await password.inputValue(), '', 'the secret is cleared once sent');
    assert.ok(!(await page.content()).includes(WRONG_PASSWORD), 'the secret is nowhere on the page');
    const bluesky = await server!.ctx.db
      .selectFrom('social_account')
      .select('id')
      .where('platform', '=', 'bluesky')
      .execute();
    assert.equal(bluesky.length, 0, 'refused credentials are never stored');
    await assertAccessible(page, 'the connect form with a refusal');
    await shot('connect-account.png');
    noPageErrors();
  });

  test('Mastodon and X send the browser to the server-side OAuth start', STEP, async () => {
    const form = connectForm();
    await form.getByLabel('Platform').selectOption('mastodon');
    await form.getByLabel('Mastodon server').fill('https://mastodon.example');
    const start = page.waitForRequest((r) => r.url().includes('/api/v1/accounts/connect/mastodon/start'));
    await form.getByRole('button', { name: 'Continue to Mastodon' }).click();
    const req = await start;
    assert.equal(new URL(req.url()).searchParams.get('instance'), 'https://mastodon.example');
    await page.goto(`${base}/app/accounts`);
    await connectForm().getByLabel('Platform').selectOption('x');
    assert.equal(await connectForm().getByLabel('Mastodon server').count(), 0, 'X needs no server');
    const xStart = page.waitForRequest((r) => r.url().includes('/api/v1/accounts/connect/x/start'));
    await connectForm().getByRole('button', { name: 'Continue to X' }).click();
    assert.equal(new URL((await xStart).url()).search, '');
    await page.goto(`${base}/app/accounts`);
    await connectForm().waitFor();
    problems.splice(0); // the OAuth start may fail here (no Mastodon server): not the dashboard's concern
  });

  test('the starter dictionaries install into an organisation that has none', STEP, async () => {
    const db = server!.ctx.db;
    await db.deleteFrom('dictionary_term_stat').execute();
    await db.deleteFrom('dictionary_version').execute();
    await db.deleteFrom('dictionary').execute();
    await page.goto(`${base}/app/dictionaries`);
    const panel = page.getByRole('region', { name: 'Starter dictionaries' });
    await panel.getByText('This organisation has no dictionaries yet.', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Install the starter dictionaries' }).click();
    await panel.getByRole('status').getByText('Already present, skipped: none.').waitFor();
    const installed = await panel
      .getByRole('status')
      .getByText(/^Installed: /)
      .textContent();
    const count = (await db.selectFrom('dictionary').select('name').execute()).length;
    assert.ok(count > 0, 'dictionaries were installed');
    assert.equal(installed!.replace(/^Installed: |\.$/g, '').split(', ').length, count);
    await page.getByRole('table').getByRole('link').first().waitFor();
    await panel.getByRole('button', { name: 'Install the starter dictionaries' }).click();
    await panel.getByRole('status').getByText('Installed: none.').waitFor();
    await assertAccessible(page, 'the dictionaries page after installing the starters');
    noPageErrors();
  });

  test(
    "a Sandbox account's public view sits beside Parapet's, a hidden reply shown hidden",
    STEP,
    async () => {
      const db = server!.ctx.db;
      const official = await db
        .selectFrom('sandbox_user')
        .selectAll()
        .where('handle', '=', 'westshire_police')
        .executeTakeFirstOrThrow();
      const rootId = await insertPost(db, {
        authorId: official.id,
        text: 'Road closed on the A1.',
        replyTo: null,
      });
      const root = (await postById(db, rootId))!;
      const { user: troll } = await createSandboxUser(db, { handle: 'angry_pat', kind: 'public' });
      const { user: fan } = await createSandboxUser(db, { handle: 'kind_sam', kind: 'public' });
      const hiddenId = await insertPost(db, {
        authorId: troll.id,
        text: 'You lot are useless',
        replyTo: root,
      });
      await insertPost(db, { authorId: fan.id, text: 'Thanks for the warning', replyTo: root });
      // As the account would have hidden it on the network (the hide job's own path is tested elsewhere).
      await db.updateTable('sandbox_post').set({ hidden: 1 }).where('id', '=', hiddenId).execute();

      await page.goto(`${base}/app/accounts/${sandboxAccountId}`);
      const section = page.getByRole('region', { name: "The public's view beside ours" });
      const pub = section.locator('.side-by-side > div').first();
      await pub.getByText('Road closed on the A1.').waitFor();
      const hiddenReply = pub.locator('li.sbx-reply', { hasText: 'You lot are useless' });
      await hiddenReply.getByText('hidden by the account').waitFor();
      assert.equal(await hiddenReply.getAttribute('data-hidden'), 'true');
      const visibleReply = pub.locator('li.sbx-reply', { hasText: 'Thanks for the warning' });
      assert.equal(await visibleReply.getAttribute('data-hidden'), 'false');
      assert.equal(await visibleReply.getByText('hidden by the account').count(), 0);
      assert.equal(
        await section.getByRole('link', { name: 'open the public view' }).getAttribute('href'),
        '/sandbox',
      );
      await section.getByRole('heading', { name: 'What Parapet did' }).waitFor();
      await assertAccessible(page, 'a Sandbox account page with the side-by-side view');
      await shot('sandbox-side-by-side.png');
      noPageErrors();

      // The JSON behind it is public and read-only, like the HTML page; unknown handles give an empty view.
      const anon = await fetch(`${base}/sandbox/public/timeline?author=westshire_police`);
      assert.equal(anon.status, 200);
      const body = await anon.json();
      assert.equal(body.threads[0].replies.find((r: { id: string }) => r.id === hiddenId).hidden, true);
      const none = await (await fetch(`${base}/sandbox/public/timeline?author=nobody_here`)).json();
      assert.deepEqual(none, { author: null, threads: [] });
      assert.equal((await fetch(`${base}/sandbox/public/timeline?author=no%20spaces`)).status, 400);
    },
  );

  test('an accepted Bluesky account gets a page where its credentials can be replaced', STEP, async () => {
    await page.goto(`${base}/app/accounts`);
    const form = connectForm();
    await form.getByLabel('Platform').selectOption('bluesky');
    await form.getByLabel('Handle or DID').fill('westshire.bsky.social');
    await form.getByLabel('App password').fill(RIGHT_PASSWORD);
    await form.getByLabel('PDS URL (optional)').fill(pdsUrl);
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByRole('status').getByText('Connected @westshire.bsky.social.').waitFor();
    await form.getByRole('status').getByRole('link').click();
    const replace = page.getByRole('form', { name: 'Replace credentials' });
    await replace.getByLabel('Handle or DID').fill('westshire.bsky.social');
    const secret = replace.getByLabel('App password');
    assert.equal(await secret.getAttribute('type'), 'password');
    await secret.fill('new0-new0-new0-new0');
    await replace.getByRole('button', { name: 'Replace credentials' }).click();
    await replace.getByRole('status').getByText('Credentials replaced.').waitFor();
    assert.equal(await secret.inputValue(), '');
    assert.ok(!(await page.content()).includes('new0-new0'), 'the new secret is not on the page');
    const audit = await server!.ctx.db
      .selectFrom('audit_record')
      .select('action')
      .where('action', '=', 'account.credentials_replaced')
      .execute();
    assert.ok(audit.length > 0, 'the replacement is audited');
    await assertAccessible(page, 'a Bluesky account page with replace credentials');
    noPageErrors();
  });
});
