// What a reviewer needs beside the message: the thread (the public's items and our own posts), the author's
// earlier messages to our accounts, the matched terms with spans, the moderation history, and for the
// safeguarding lane the suggested response templates.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import type { ActionContext } from '../audit/actor.js';
import type { Principal } from '../identity/roles.js';
import { listItemEvents } from '../moderation/event-log.js';
import { loadItemFor, reviewableAccountIds, userRef } from './access.js';
import { slaMinutesOf } from './settings.js';
import { ensureStarterTemplates, orgTemplates, type TemplateView, templatesFor } from './templates.js';
import { type MatchView, parseMatches, type QueueRow, toQueueRow } from './views.js';

const THREAD_LIMIT = 200;
const HISTORY_LIMIT = 20;

export interface ThreadEntry {
  source: 'inbound' | 'own';
  id: string;
  platformId: string | null;
  inReplyToId: string | null;
  text: string;
  authorHandle: string;
  createdAt: number;
  status: string;
  current: boolean;
}

export interface ItemContext {
  item: QueueRow;
  thread: ThreadEntry[];
  authorHistory: Array<{
    id: string;
    accountId: string;
    text: string;
    categories: string[];
    status: string;
    receivedAt: number;
    url: string | null;
  }>;
  matches: Array<MatchView & { text: string }>;
  history: Array<{
    id: string;
    type: string;
    action: string | null;
    actor: { type: string; id: string | null; label: string };
    note: string | null;
    detail: Record<string, unknown>;
    createdAt: number;
  }>;
  templates: TemplateView[];
}

const rootOf = (i: InboundItemTable): string => i.root_id ?? i.in_reply_to_id ?? i.platform_item_id;

async function threadOf(db: Db, item: InboundItemTable, accountHandle: string): Promise<ThreadEntry[]> {
  const root = rootOf(item);
  const items = await db
    .selectFrom('inbound_item')
    .selectAll()
    .where('org_id', '=', item.org_id)
    .where('account_id', '=', item.account_id)
    .where((eb) =>
      eb.or([
        eb('root_id', '=', root),
        eb('platform_item_id', '=', root),
        eb('in_reply_to_id', '=', root),
        eb('id', '=', item.id),
      ]),
    )
    .orderBy('platform_created_at')
    .limit(THREAD_LIMIT)
    .execute();
  const platformIds = new Set<string>([root, ...items.map((i) => i.platform_item_id)]);
  for (const i of items) if (i.in_reply_to_id) platformIds.add(i.in_reply_to_id);
  const since = Math.min(...items.map((i) => Number(i.platform_created_at)));
  // Our posts in the thread: the root or a parent we published, and our replies to anything in it.
  const posts = await db
    .selectFrom('post')
    .select(['id', 'text', 'status', 'reply_to', 'platform_post_id', 'published_at', 'created_at'])
    .where('org_id', '=', item.org_id)
    .where('account_id', '=', item.account_id)
    .where((eb) =>
      eb.or([
        eb('platform_post_id', 'in', [...platformIds]),
        eb.and([eb('reply_to', 'is not', null), eb('created_at', '>=', since - 86_400_000)]),
      ]),
    )
    .limit(THREAD_LIMIT * 2)
    .execute();
  const own = posts.filter((p) => {
    if (p.platform_post_id && platformIds.has(p.platform_post_id)) return true;
    const to = p.reply_to ? (JSON.parse(p.reply_to) as { id?: string; root?: { id?: string } }) : null;
    return !!to && ((!!to.id && platformIds.has(to.id)) || to.root?.id === root);
  });
  const entries: ThreadEntry[] = [
    ...items.map((i) => ({
      source: 'inbound' as const,
      id: i.id,
      platformId: i.platform_item_id,
      inReplyToId: i.in_reply_to_id,
      text: i.text,
      authorHandle: i.author_handle,
      createdAt: Number(i.platform_created_at),
      status: i.status,
      current: i.id === item.id,
    })),
    ...own.map((p) => ({
      source: 'own' as const,
      id: p.id,
      platformId: p.platform_post_id,
      inReplyToId: p.reply_to ? ((JSON.parse(p.reply_to) as { id?: string }).id ?? null) : null,
      text: p.text,
      authorHandle: accountHandle,
      createdAt: Number(p.published_at ?? p.created_at),
      status: p.status,
      current: false,
    })),
  ];
  return entries.sort((a, b) => a.createdAt - b.createdAt);
}

async function authorHistoryOf(
  db: Db,
  p: Principal,
  item: InboundItemTable,
): Promise<ItemContext['authorHistory']> {
  const visible = await reviewableAccountIds(db, p);
  let q = db
    .selectFrom('inbound_item')
    .select(['id', 'account_id', 'text', 'categories', 'status', 'received_at', 'url'])
    .where('org_id', '=', p.orgId)
    .where('platform', '=', item.platform)
    .where('author_platform_id', '=', item.author_platform_id)
    .where('id', '!=', item.id);
  if (visible) q = q.where('account_id', 'in', visible.length ? visible : ['']);
  const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(HISTORY_LIMIT).execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    text: r.text,
    categories: JSON.parse(r.categories) as string[],
    status: r.status,
    receivedAt: Number(r.received_at),
    url: r.url,
  }));
}

export async function getItemContext(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  itemId: string,
): Promise<ItemContext> {
  const { item, account } = await loadItemFor(app.db, p, itemId);
  const assignee = await userRef(app.db, p.orgId, item.assigned_to);
  const categories = JSON.parse(item.categories) as string[];
  const safeguarding = Number(item.safeguarding) === 1;
  if (safeguarding) await ensureStarterTemplates(app, p.orgId, actx);
  const templates = safeguarding ? templatesFor(await orgTemplates(app.db, p.orgId), categories) : [];
  const row = toQueueRow(
    {
      ...item,
      account_platform: account.platform,
      account_handle: account.handle,
      account_display_name: account.display_name,
      assignee_name: assignee?.name ?? null,
    },
    await slaMinutesOf(app.db, p.orgId),
    Date.now(),
    templates,
  );
  const events = await listItemEvents(app.db, p.orgId, item.id);
  return {
    item: row,
    thread: await threadOf(app.db, item, account.handle),
    authorHistory: await authorHistoryOf(app.db, p, item),
    matches: parseMatches(item.matches).map((m) => ({ ...m, text: item.text.slice(m.start, m.end) })),
    history: events.map((e) => ({
      id: e.id,
      type: e.type,
      action: e.action,
      actor: { type: e.actor_type, id: e.actor_id, label: e.actor_label },
      note: e.note,
      detail: JSON.parse(e.detail || '{}') as Record<string, unknown>,
      createdAt: Number(e.created_at),
    })),
    templates,
  };
}
