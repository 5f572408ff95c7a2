// The inbound item API's services: list, one item with its events and derived status, and person-requested
// platform actions (which go through requestModerationAction and the job table like every other action).
import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable, ModerationEventTable } from '../../db/schema/moderation.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import type { AccountPermission } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { requestModerationAction } from './actions.js';
import { listItemEvents } from './event-log.js';
import type { PlatformAction } from './fallback.js';
import { grantSeesItems, moderationPolicy } from './policy.js';
import type { ItemDetail, ItemSummary, ListQuery } from './schemas.js';
import { reduceStatus } from './status.js';

/** The accounts whose items the caller may see: null = all of the organisation's. */
export async function visibleAccountIds(db: Db, p: Principal): Promise<string[] | null> {
  if (moderationPolicy.viewAllItems(p)) return null;
  const grants = await db
    .selectFrom('account_grant')
    .select(['account_id', 'permissions'])
    .where('org_id', '=', p.orgId)
    .where('user_id', '=', p.userId)
    .execute();
  return grants
    .filter((g) => grantSeesItems(JSON.parse(g.permissions) as AccountPermission[]))
    .map((g) => g.account_id);
}

export const summaryOf = (i: InboundItemTable): Static<typeof ItemSummary> => ({
  id: i.id,
  accountId: i.account_id,
  platform: i.platform,
  kind: i.kind,
  text: i.text,
  author: { id: i.author_platform_id, handle: i.author_handle, name: i.author_name },
  url: i.url,
  categories: JSON.parse(i.categories) as string[],
  safeguarding: Number(i.safeguarding) === 1,
  priority: Number(i.priority),
  status: i.status,
  dueAt: i.due_at,
  platformCreatedAt: i.platform_created_at,
  receivedAt: i.received_at,
});

const encodeCursor = (i: InboundItemTable) => Buffer.from(`${i.received_at}|${i.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!id || !/^\d+$/.test(at ?? ''))
    throw badRequest('bad_cursor', 'The cursor is not one this API gave out.');
  return { at: Number(at), id };
}

export async function listItems(app: AppContext, p: Principal, q: Static<typeof ListQuery>) {
  const accounts = await visibleAccountIds(app.db, p);
  if (accounts?.length === 0) return { items: [], nextCursor: null };
  const limit = q.limit ?? 50;
  let query = app.db.selectFrom('inbound_item').selectAll().where('org_id', '=', p.orgId);
  if (accounts) query = query.where('account_id', 'in', accounts);
  if (q.accountId) query = query.where('account_id', '=', q.accountId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.safeguarding !== undefined) query = query.where('safeguarding', '=', q.safeguarding ? 1 : 0);
  if (q.from !== undefined) query = query.where('received_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('received_at', '<', q.to);
  // Categories are a JSON array of strings: match the quoted element, LIKE's wildcards escaped.
  if (q.category) {
    const pattern = `%${JSON.stringify(q.category).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`categories like ${pattern} escape '\\'`);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([eb('received_at', '<', c.at), eb.and([eb('received_at', '=', c.at), eb('id', '<', c.id)])]),
    );
  }
  const rows = await query
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(summaryOf), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

async function loadVisibleItem(db: Db, p: Principal, id: string): Promise<InboundItemTable> {
  const item = await db
    .selectFrom('inbound_item')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!item) throw notFound('Item');
  const accounts = await visibleAccountIds(db, p);
  if (accounts && !accounts.includes(item.account_id))
    throw forbidden('You may not see items of this account.');
  return item;
}

const eventView = (e: ModerationEventTable) => ({
  id: e.id,
  type: e.type,
  action: e.action,
  actor: { type: e.actor_type, id: e.actor_id, label: e.actor_label },
  note: e.note,
  detail: JSON.parse(e.detail) as Record<string, unknown>,
  createdAt: e.created_at,
});

export async function getItem(app: AppContext, p: Principal, id: string): Promise<Static<typeof ItemDetail>> {
  const item = await loadVisibleItem(app.db, p, id);
  const events = await listItemEvents(app.db, p.orgId, id);
  const { status, flags } = reduceStatus(events);
  const matches = JSON.parse(item.matches) as Array<{
    dictionary: string;
    category: string;
    term: string;
    start: number;
    end: number;
  }>;
  return {
    ...summaryOf(item),
    platformItemId: item.platform_item_id,
    inReplyToId: item.in_reply_to_id,
    rootId: item.root_id,
    ref: JSON.parse(item.ref) as Record<string, unknown>,
    matches: matches.map((m) => ({ ...m, text: item.text.slice(m.start, m.end) })),
    assignedTo: item.assigned_to,
    times: {
      platformCreatedAt: item.platform_created_at,
      receivedAt: item.received_at,
      classifiedAt: item.classified_at,
      actionIssuedAt: item.action_issued_at,
      actionConfirmedAt: item.action_confirmed_at,
      decidedAt: item.decided_at,
    },
    derived: {
      status,
      hidden: flags.hidden,
      deleted: flags.deleted,
      authorBlocked: flags.authorBlocked,
      reported: flags.reported,
      review: flags.review,
      pendingActions: Object.values(flags.pendingActions),
      failedActions: flags.failedActions,
      fallbacks: flags.fallbacks,
      decision: flags.decision,
    },
    events: events.map(eventView),
    ...(moderationPolicy.viewRaw(p) ? { raw: JSON.parse(item.raw) as unknown } : {}),
  };
}

export async function actOnItem(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  action: PlatformAction,
  reason: string,
) {
  if (!moderationPolicy.actOnItems(p)) throw forbidden('Only admins, comms and moderators act on items.');
  const item = await loadVisibleItem(app.db, p, id);
  const account = await app.db
    .selectFrom('social_account')
    .select('status')
    .where('org_id', '=', p.orgId)
    .where('id', '=', item.account_id)
    .executeTakeFirstOrThrow();
  if (account.status === 'suspended')
    throw conflict('account_suspended', 'The account is suspended: reinstate it before acting on its items.');
  const plan = await app.db
    .transaction()
    .execute((trx) => requestModerationAction(app, trx, item, actx, action, reason));
  app.jobSignal.notify();
  const fresh = await app.db
    .selectFrom('inbound_item')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id, status: fresh.status, requested: plan.ops, fallback: plan.fallback, queued: plan.queue };
}
