// Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the browser tests, plus axe-core
// and keyboard helpers. No browser is ever downloaded: without Chromium the tests fail and say how to install it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.js';
import { type RunningServer, startParapet } from '../../src/main.js';

export const CHROMIUM = '/usr/bin/chromium';

export function assertChromiumInstalled(): void {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium is not installed at ${CHROMIUM}; the browser tests need it. Install it with: apt-get install -y chromium (.ci/run does this)`,
  );
}

export async function launchChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is now; fails on serious or critical violations, returns the others. */
export async function assertAccessible(page: Page, where: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it and
  // does not have to be loosened for the test.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  const describe = (v: AxeViolation) =>
    `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`;
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map(describe),
    [],
    `axe-core found serious/critical accessibility problems on ${where}`,
  );
  return violations.map(describe);
}

/** Presses Tab from the top of the page and names each element that receives focus (id, or tag:text). */
export async function tabOrder(page: Page, presses: number): Promise<string[]> {
  // A click on the (unfocusable) header puts the sequential-focus starting point at the top of the page.
  await page.mouse.click(5, 5);
  const seen: string[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        return el.id || `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim()}`;
      }),
    );
  }
  return seen;
}

/** Collects what would break the page silently: uncaught errors and CSP refusals. */
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()))
      problems.push(`csp: ${msg.text()}`);
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// startBrowserSuite(): the start-up every browser test file shares — a real server (startParapet on SQLite in a
// temp data dir, optionally with an admin created from the environment), one Chromium, pages in their own
// contexts watched for script errors and CSP refusals, a screenshot folder, and one teardown that undoes all of
// it (also when start-up fails half-way, so an open browser never keeps the test process alive).
//
// Screenshots go to a temp dir removed at the end; PARAPET_UPDATE_SCREENSHOTS=1 writes them to docs/screenshots/
// for the README instead, and PARAPET_SHOTS_DIR=<dir> keeps them in <dir> for a person to look at.

export interface SuiteUser {
  email: string;
  password: string;
}

export interface BrowserSuiteOptions {
  /** The first administrator, created at start (PARAPET_ADMIN_*); null for a first-run (set-up link) server. */
  admin: SuiteUser | null;
  orgName?: string;
  /** Lines startParapet prints (the one-time set-up link, for instance). */
  onPrint?: (line: string) => void;
  /** false: this suite's screenshots are not README material (PARAPET_UPDATE_SCREENSHOTS does not apply). */
  readmeShots?: boolean;
  /** Keep the screenshots in this folder (overrides the environment). */
  keepShotsIn?: string;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  timezoneId?: string;
  acceptDownloads?: boolean;
  clipboard?: boolean;
  /** Default timeout for actions and waits in this page (ms). */
  timeout?: number;
}

export interface BrowserSuite {
  server: RunningServer;
  base: string;
  browser: Browser;
  shotsDir: string;
  /** A fresh page in its own browser context (own cookies), watched for page errors. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Signs in through the real sign-in page, starting from `next` (which it lands back on). */
  signIn(page: Page, who: SuiteUser, next?: string): Promise<void>;
  /** Fails if the page logged a script error or CSP refusal since the last call. */
  noPageErrors(...pages: Page[]): void;
  /** The page's problems so far: the live list (splice(0) takes and clears them). */
  problemsOf(page: Page): string[];
  /** Every page's problems so far (for a final "no script errors" test). */
  allProblems(): string[];
  /** An API call from inside a signed-in page: its cookies, and the CSRF token from /api/v1/me. */
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are checked field by field in the tests
  api(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<Buffer>;
  stop(): Promise<void>;
}

export function screenshotsDir(
  label: string,
  o: Pick<BrowserSuiteOptions, 'readmeShots' | 'keepShotsIn'> = {},
): { dir: string; keep: boolean } {
  if (o.keepShotsIn) return { dir: path.resolve(o.keepShotsIn), keep: true };
  if (process.env.PARAPET_UPDATE_SCREENSHOTS === '1' && o.readmeShots !== false)
    return { dir: fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)), keep: true };
  if (process.env.PARAPET_SHOTS_DIR) return { dir: path.resolve(process.env.PARAPET_SHOTS_DIR), keep: true };
  return { dir: path.join(os.tmpdir(), `parapet-${label}-shots-${process.pid}`), keep: false };
}

/** An API call from inside a signed-in page (same cookies, CSRF token from /api/v1/me). */
export const apiInPage = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch(u as string, {
        method: m as string,
        headers: {
          'x-csrf-token': me.csrfToken,
          ...(b === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    [method, url, body] as const,
  );

export async function startBrowserSuite(label: string, options: BrowserSuiteOptions): Promise<BrowserSuite> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `parapet-${label}-`));
  const shots = screenshotsDir(label, options);
  mkdirSync(shots.dir, { recursive: true });
  const env: Record<string, string> = { PORT: '0', PARAPET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (options.admin) {
    env.PARAPET_ADMIN_EMAIL = options.admin.email;
    env.PARAPET_ADMIN_PASSWORD = options.admin.password;
    env.PARAPET_ORG_NAME = options.orgName ?? 'Northshire Police';
  }
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (!shots.keep) rmSync(shots.dir, { recursive: true, force: true });
  };
  try {
    server = await startParapet(loadConfig(env), options.onPrint ?? (() => {}));
    browser = await launchChromium();
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const base = server.url!;
  const problems = new Map<Page, string[]>();
  const b = browser;
  return {
    server,
    base,
    browser: b,
    shotsDir: shots.dir,
    async newPage(o: PageOptions = {}) {
      const context = await b.newContext({
        viewport: o.viewport ?? { width: 1280, height: 860 },
        timezoneId: o.timezoneId,
        acceptDownloads: o.acceptDownloads ?? true,
      });
      context.setDefaultTimeout(o.timeout ?? 15_000);
      if (o.clipboard)
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await context.newPage();
      problems.set(page, watchForPageErrors(page));
      return page;
    },
    async signIn(page, who, next = '/app') {
      await page.goto(`${base}${next}`);
      await page.waitForURL(/\/sign-in/);
      await page.fill('#email', who.email);
      await page.fill('#password', who.password);
      await page.click('#sign-in-form button[type=submit]');
      await page.waitForURL(`${base}${next}`).catch((err) => {
        throw new Error(`${who.email} did not land on ${next} but on ${page.url()}: ${err.message}`);
      });
    },
    noPageErrors(...pages) {
      for (const p of pages)
        assert.deepEqual(problems.get(p)?.splice(0), [], 'no script errors or CSP refusals');
    },
    problemsOf: (page) => problems.get(page) ?? [],
    allProblems: () => [...problems.values()].flat(),
    api: apiInPage,
    shot: (page, name, fullPage = true) => page.screenshot({ path: path.join(shots.dir, name), fullPage }),
    stop: cleanUp,
  };
}
