// Hand-built analytics rows (teams, accounts, posts, inbound items, moderation events, engagement) inserted
// straight into the database, so tests know the right answers exactly.
import { newId } from '../../src/ids.js';
import type { TestApp } from './app.js';

export const ms = (iso: string): number => Date.parse(iso);

export async function insertTeam(t: TestApp, orgId: string, name: string, parentId: string | null) {
  const id = newId();
  await t.ctx.db
    .insertInto('team')
    .values({ id, org_id: orgId, parent_id: parentId, name, kind: 'team', created_at: Date.now() })
    .execute();
  return id;
}

export async function insertAccount(t: TestApp, orgId: string, handle: string, ownerTeamId: string | null) {
  const id = newId();
  const now = Date.now();
  await t.ctx.db
    .insertInto('social_account')
    .values({
      id,
      org_id: orgId,
      platform: 'sandbox',
      platform_account_id: `pa-${id}`,
      handle,
      display_name: handle,
      base_url: null,
      owner_team_id: ownerTeamId,
      labels: '[]',
      status: 'active',
      status_reason: null,
      credentials_secret_id: null,
      credentials_expires_at: null,
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
  return id;
}

export async function insertPost(
  t: TestApp,
  p: {
    orgId: string;
    accountId: string;
    authorId: string;
    publishedAt: number | null;
    text?: string;
    replyTo?: string;
    metrics?: [number, number, number];
    /** Views as the platform reported them; null (the default) where it reports none. */
    views?: number | null;
  },
) {
  const id = newId();
  const now = Date.now();
  await t.ctx.db
    .insertInto('post')
    .values({
      id,
      org_id: p.orgId,
      batch_id: id,
      account_id: p.accountId,
      author_id: p.authorId,
      kind: p.replyTo ? 'reply' : 'post',
      text: p.text ?? `post ${id}`,
      reply_to: p.replyTo ? JSON.stringify({ id: p.replyTo }) : null,
      media_urls: '[]',
      status: p.publishedAt === null ? 'draft' : 'published',
      revision: 1,
      approvals_required: 0,
      scheduled_at: null,
      time_zone: null,
      checks: '{}',
      hold_reason: null,
      platform_ref: p.publishedAt === null ? null : JSON.stringify({ id: `pp-${id}` }),
      platform_post_id: null,
      url: null,
      published_at: p.publishedAt,
      deleted_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (p.metrics && p.publishedAt !== null) {
    const [likes, replies, reposts] = p.metrics;
    const row = {
      post_id: id,
      org_id: p.orgId,
      fetched_at: now,
      likes,
      replies,
      reposts,
      views: p.views ?? null,
    };
    await t.ctx.db.insertInto('post_metric').values(row).execute();
    await t.ctx.db
      .insertInto('post_metric_latest')
      .values({
        ...row,
        account_id: p.accountId,
        author_id: p.authorId,
        published_at: p.publishedAt,
        engagement: likes + replies + reposts,
      })
      .execute();
  }
  return id;
}

export async function insertItem(
  t: TestApp,
  i: {
    orgId: string;
    accountId: string;
    platformItemId?: string;
    text: string;
    receivedAt: number;
    categories?: string[];
    decidedAt?: number;
    actionIssuedAt?: number;
  },
) {
  const id = newId();
  await t.ctx.db
    .insertInto('inbound_item')
    .values({
      id,
      org_id: i.orgId,
      account_id: i.accountId,
      platform: 'sandbox',
      platform_item_id: i.platformItemId ?? `it-${id}`,
      kind: 'reply',
      text: i.text,
      author_platform_id: 'someone',
      author_handle: 'someone',
      author_name: null,
      ref: JSON.stringify({ id: i.platformItemId ?? id }),
      in_reply_to_id: null,
      root_id: null,
      url: null,
      raw: '{}',
      matches: '[]',
      categories: JSON.stringify(i.categories ?? []),
      safeguarding: 0,
      priority: 0,
      status: 'new',
      assigned_to: null,
      due_at: null,
      platform_created_at: i.receivedAt - 1000,
      received_at: i.receivedAt,
      classified_at: i.receivedAt + 10,
      action_issued_at: i.actionIssuedAt ?? null,
      action_confirmed_at: null,
      decided_at: i.decidedAt ?? null,
      created_at: i.receivedAt,
      updated_at: i.receivedAt,
    })
    .execute();
  return id;
}

export async function insertEvent(
  t: TestApp,
  e: { orgId: string; itemId: string; type: string; action: string | null; actorId?: string; at: number },
) {
  await t.ctx.db
    .insertInto('moderation_event')
    .values({
      id: newId(),
      org_id: e.orgId,
      item_id: e.itemId,
      type: e.type,
      action: e.action,
      actor_type: e.actorId ? 'user' : 'system',
      actor_id: e.actorId ?? null,
      actor_label: e.actorId ?? 'system',
      note: null,
      detail: '{}',
      created_at: e.at,
    })
    .execute();
}
