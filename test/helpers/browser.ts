// Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the browser tests, plus axe-core
// and keyboard helpers. No browser is ever downloaded: without Chromium the tests fail and say how to install it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

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
