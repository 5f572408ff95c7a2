// Shared set-up for the moderators' browser tests (review queue, alerts): a real server on SQLite, Chromium,
// an admin and a moderator signed in in their own browser contexts, a connected Sandbox account, and public
// replies that arrive through the real ingestion path (Sandbox API → poll job → classification).
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/main.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import { createUser } from '../../src/modules/identity/users-service.js';
import { createSandboxOfficialAccount } from '../../src/sandbox/accounts.js';
import { createSandboxUser } from '../../src/sandbox/service.js';
import { type BrowserSuite, startBrowserSuite } from './browser.js';

export const ADMIN = {
  email: 'grace@example.test',
  password: 'correct horse battery staple',
  name: 'Grace Hopper',
};
export const MODERATOR = {
  email: 'mo@example.test',
  password: 'another horse battery staple',
  name: 'Mo Reviewer',
};

export interface Signed {
  page: Page;
  problems: string[];
  /** An API call from inside the signed-in page (same cookies, CSRF token from /api/v1/me). */
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are checked field by field in the tests
  api(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export interface ModerationWorld {
  server: RunningServer;
  base: string;
  browser: Browser;
  admin: Signed;
  moderator: Signed;
  accountId: string;
  shotsDir: string;
  /** Public replies to the official post, ingested through a poll; resolves with their inbound item ids. */
  replies(texts: string[]): Promise<string[]>;
  sandboxPostOf(itemId: string): Promise<{ hidden: number; deleted_at: number | null }>;
  stop(): Promise<void>;
}

async function signInPage(suite: BrowserSuite, who: { email: string; password: string }): Promise<Signed> {
  const page = await suite.newPage({ clipboard: true });
  await suite.signIn(page, who, '/app/review');
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  return {
    page,
    problems: suite.problemsOf(page),
    api: (method, url, body) => suite.api(page, method, url, body),
  };
}

async function sandboxApi(base: string, token: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}/sandbox/api/v1/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string };
}

const dictionary = (name: string, category: string, severity: string, terms: string[]) =>
  [`name: ${name}`, `category: ${category}`, 'action: review', `severity: ${severity}`, 'terms:']
    .concat(terms.map((t) => `  - ${JSON.stringify(t)}`))
    .join('\n');

export async function startModerationWorld(label: string): Promise<ModerationWorld> {
  const suite = await startBrowserSuite(label, { admin: ADMIN });
  const { server, base } = suite;
  let admin: Signed;
  let moderator: Signed;
  try {
    const org = await server.ctx.db.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
    await createUser(server.ctx, org.id, systemContext('test'), { ...MODERATOR, roles: ['moderator'] });
    admin = await signInPage(suite, ADMIN);
    moderator = await signInPage(suite, MODERATOR);
  } catch (err) {
    await suite.stop();
    throw err;
  }

  for (const yaml of [
    dictionary('insults-review', 'insult', 'medium', ['zorblax']),
    dictionary('welfare-signs', 'welfare', 'critical', ['end it all tonight']),
  ]) {
    const res = await admin.api('POST', '/api/v1/dictionaries', { yaml, activate: true });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  const official = await createSandboxOfficialAccount(server.ctx, { handle: 'northshire_police' });
  const connected = await admin.api('POST', '/api/v1/accounts', {
    platform: 'sandbox',
    baseUrl: base,
    labels: ['force'],
    credentials: { token: official.token },
  });
  assert.equal(connected.status, 201, JSON.stringify(connected.body));
  const accountId: string = connected.body.id;
  const post = await sandboxApi(base, official.token, { text: 'Road closed on the high street tonight' });
  let people = 0;

  const replies = async (texts: string[]) => {
    const platformIds: string[] = [];
    for (const text of texts) {
      const { token } = await createSandboxUser(server.ctx.db, {
        handle: `resident_${++people}`,
        kind: 'public',
      });
      platformIds.push((await sandboxApi(base, token, { text, reply_to_id: post.id })).id);
    }
    // Manual polls coalesce within a few seconds (one job per window): ask again until the replies are in.
    const poll = async () => {
      const res = await admin.api('POST', `/api/v1/accounts/${accountId}/poll`);
      assert.equal(res.status, 202, JSON.stringify(res.body));
    };
    await poll();
    const deadline = Date.now() + 30_000;
    for (let round = 1; ; round++) {
      if (round % 20 === 0) await poll();
      const rows = await server.ctx.db
        .selectFrom('inbound_item')
        .select(['id', 'platform_item_id', 'classified_at'])
        .where('account_id', '=', accountId)
        .where('platform_item_id', 'in', platformIds)
        .execute();
      if (rows.length === platformIds.length && rows.every((r) => r.classified_at !== null))
        return platformIds.map((p) => rows.find((r) => r.platform_item_id === p)!.id);
      assert.ok(Date.now() < deadline, 'the poll job ingested and classified the replies in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const sandboxPostOf = async (itemId: string) => {
    const item = await server.ctx.db
      .selectFrom('inbound_item')
      .select('platform_item_id')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    return server.ctx.db
      .selectFrom('sandbox_post')
      .select(['hidden', 'deleted_at'])
      .where('id', '=', item.platform_item_id)
      .executeTakeFirstOrThrow() as Promise<{ hidden: number; deleted_at: number | null }>;
  };

  return {
    server,
    base,
    browser: suite.browser,
    admin,
    moderator,
    accountId,
    shotsDir: suite.shotsDir,
    replies,
    sandboxPostOf,
    stop: suite.stop,
  };
}

/** Waits until `check` holds (polling), failing with `what` after the timeout. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
