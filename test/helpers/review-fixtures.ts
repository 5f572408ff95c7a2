// Review queue fixtures: accounts and queued inbound items written straight to the database, then moved
// through the real moderation event log ('classified', 'queued'), so their status is the reducer's.
import { newId } from '../../src/ids.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import { appendModerationEvent } from '../../src/modules/moderation/api.js';
import type { TestApp } from './app.js';

let counter = 0;

export async function insertAccount(
  t: TestApp,
  orgId: string,
  opts: { ownerTeamId?: string | null; handle?: string } = {},
): Promise<string> {
  const id = newId();
  const now = Date.now();
  await t.ctx.db
    .insertInto('social_account')
    .values({
      id,
      org_id: orgId,
      platform: 'sandbox',
      platform_account_id: `acct-${id}`,
      handle: opts.handle ?? `acct_${++counter}`,
      display_name: 'Test account',
      base_url: null,
      owner_team_id: opts.ownerTeamId ?? null,
      labels: '[]',
      status: 'active',
      status_reason: null,
      credentials_secret_id: null,
      credentials_expires_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface ItemFixture {
  text?: string;
  matches?: Array<{ dictionary: string; category: string; term: string; start: number; end: number }>;
  safeguarding?: boolean;
  priority?: number;
  receivedAt?: number;
  dueAt?: number | null;
  authorPlatformId?: string;
  authorHandle?: string;
  platformItemId?: string;
  rootId?: string | null;
  inReplyToId?: string | null;
  /** Leave the item classified but not queued (not in the review queue). */
  notQueued?: boolean;
}

export async function insertItem(
  t: TestApp,
  orgId: string,
  accountId: string,
  f: ItemFixture = {},
): Promise<string> {
  const id = newId();
  const receivedAt = f.receivedAt ?? Date.now();
  const matches = f.matches ?? [
    { dictionary: 'abuse', category: 'abuse', term: 'scumbag', start: 0, end: 7 },
  ];
  const categories = [...new Set(matches.map((m) => m.category))];
  const safeguarding = f.safeguarding ?? categories.some((c) => c === 'welfare' || c === 'threat');
  const platformItemId = f.platformItemId ?? `p-${id}`;
  const item = {
    id,
    org_id: orgId,
    account_id: accountId,
    platform: 'sandbox',
    platform_item_id: platformItemId,
    kind: 'reply' as const,
    text: f.text ?? 'scumbag, you are',
    author_platform_id: f.authorPlatformId ?? `author-${++counter}`,
    author_handle: f.authorHandle ?? `someone${counter}`,
    author_name: null,
    ref: JSON.stringify({ id: platformItemId }),
    in_reply_to_id: f.inReplyToId ?? null,
    root_id: f.rootId ?? null,
    url: null,
    raw: JSON.stringify({ id: platformItemId }),
    matches: JSON.stringify(matches),
    categories: JSON.stringify(categories),
    safeguarding: safeguarding ? 1 : 0,
    priority: f.priority ?? 0,
    status: 'new',
    assigned_to: null,
    due_at: null,
    platform_created_at: receivedAt - 1000,
    received_at: receivedAt,
    classified_at: receivedAt,
    action_issued_at: null,
    action_confirmed_at: null,
    decided_at: null,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
  await t.ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('inbound_item').values(item).execute();
    const actx = systemContext('test');
    await appendModerationEvent(t.ctx, trx, item, actx, {
      type: 'classified',
      detail: { categories, safeguarding, matches },
    });
    if (!f.notQueued)
      await appendModerationEvent(t.ctx, trx, item, actx, {
        type: 'queued',
        detail: {
          reason: 'test',
          priority: item.priority,
          dueAt: f.dueAt === undefined ? Date.now() + 3_600_000 : f.dueAt,
        },
      });
  });
  return id;
}

export async function grant(
  t: TestApp,
  orgId: string,
  userId: string,
  accountId: string,
  permissions: string[],
) {
  const now = Date.now();
  await t.ctx.db
    .insertInto('account_grant')
    .values({
      org_id: orgId,
      account_id: accountId,
      user_id: userId,
      permissions: JSON.stringify(permissions),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function eventsOf(t: TestApp, itemId: string) {
  return t.ctx.db
    .selectFrom('moderation_event')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function jobsFor(t: TestApp, itemId: string) {
  const jobs = await t.ctx.db.selectFrom('job').selectAll().where('type', '=', 'moderation.action').execute();
  return jobs
    .map((j) => JSON.parse(j.payload) as { itemId: string; action: string })
    .filter((p) => p.itemId === itemId);
}
