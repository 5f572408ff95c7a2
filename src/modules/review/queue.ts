// The review queue: open items the caller may review, safeguarding first, then priority, then oldest first,
// each with its SLA clock; and per-lane counts for the dashboard.
import { type ExpressionBuilder, sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import type { Principal } from '../identity/roles.js';
import { OPEN_STATUSES } from '../moderation/status.js';
import { reviewableAccountIds } from './access.js';
import { type SlaMinutes, slaMinutesOf } from './settings.js';
import { ensureStarterTemplates, orgTemplates, templatesFor } from './templates.js';
import { type QueueRow, type QueueRowSource, toQueueRow } from './views.js';

export const REVIEW_STATUSES = [...OPEN_STATUSES];

export interface QueueFilter {
  accountId?: string;
  teamId?: string;
  category?: string;
  status?: string;
  lane?: 'safeguarding' | 'standard' | 'all';
  assignedTo?: string;
  limit?: number;
  offset?: number;
}

export interface QueueCounts {
  safeguarding: number;
  standard: number;
  total: number;
  overdue: number;
  overdueSafeguarding: number;
}

/** The team and every team below it (team.parent_id tree), within the organisation. */
export async function teamSubtree(db: Db, orgId: string, teamId: string): Promise<string[]> {
  const teams = await db.selectFrom('team').select(['id', 'parent_id']).where('org_id', '=', orgId).execute();
  if (!teams.some((t) => t.id === teamId)) throw notFound('Team');
  const out = new Set([teamId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of teams)
      if (t.parent_id && out.has(t.parent_id) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
  }
  return [...out];
}

// LIKE over the JSON array text: the category as a JSON string, with LIKE's wildcards escaped.
const likeJsonString = (value: string): string =>
  `%${JSON.stringify(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type ItemEb = ExpressionBuilder<Database, 'inbound_item'>;

async function baseScope(app: AppContext, p: Principal) {
  const visible = await reviewableAccountIds(app.db, p);
  if (visible?.length === 0) throw forbidden('You have no accounts to review.');
  return (eb: ItemEb) =>
    eb.and([
      eb('inbound_item.org_id', '=', p.orgId),
      eb('inbound_item.status', 'in', REVIEW_STATUSES),
      ...(visible ? [eb('inbound_item.account_id', 'in', visible)] : []),
    ]);
}

export async function listQueue(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  f: QueueFilter,
): Promise<{ items: QueueRow[]; counts: QueueCounts }> {
  const scope = await baseScope(app, p);
  const teamAccounts = f.teamId
    ? await accountsOfTeams(app.db, p.orgId, await teamSubtree(app.db, p.orgId, f.teamId))
    : null;
  const assignee = f.assignedTo === 'me' ? p.userId : f.assignedTo;
  let q = app.db
    .selectFrom('inbound_item')
    .innerJoin('social_account', 'social_account.id', 'inbound_item.account_id')
    .leftJoin('app_user', 'app_user.id', 'inbound_item.assigned_to')
    .selectAll('inbound_item')
    .select([
      'social_account.platform as account_platform',
      'social_account.handle as account_handle',
      'social_account.display_name as account_display_name',
      'app_user.name as assignee_name',
    ])
    .where(scope);
  if (f.accountId) q = q.where('inbound_item.account_id', '=', f.accountId);
  if (teamAccounts) q = q.where('inbound_item.account_id', 'in', teamAccounts.length ? teamAccounts : ['']);
  if (f.category)
    q = q.where(sql<boolean>`inbound_item.categories like ${likeJsonString(f.category)} escape '\\'`);
  if (f.status) q = q.where('inbound_item.status', '=', f.status);
  if (f.lane === 'safeguarding') q = q.where('inbound_item.safeguarding', '=', 1);
  if (f.lane === 'standard') q = q.where('inbound_item.safeguarding', '=', 0);
  if (assignee === 'none') q = q.where('inbound_item.assigned_to', 'is', null);
  else if (assignee) q = q.where('inbound_item.assigned_to', '=', assignee);
  const rows = (await q
    .orderBy('inbound_item.safeguarding', 'desc')
    .orderBy('inbound_item.priority', 'desc')
    .orderBy('inbound_item.received_at', 'asc')
    .orderBy('inbound_item.id', 'asc')
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute()) as QueueRowSource[];
  const now = Date.now();
  const sla = await slaMinutesOf(app.db, p.orgId);
  const anySafeguarding = rows.some((r) => Number(r.safeguarding) === 1);
  if (anySafeguarding) await ensureStarterTemplates(app, p.orgId, actx);
  const templates = anySafeguarding ? await orgTemplates(app.db, p.orgId) : [];
  const items = rows.map((r) => toQueueRow(r, sla, now, templatesFor(templates, JSON.parse(r.categories))));
  return { items, counts: await countQueue(app.db, scope, sla, now) };
}

async function accountsOfTeams(db: Db, orgId: string, teamIds: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('social_account')
    .select('id')
    .where('org_id', '=', orgId)
    .where('owner_team_id', 'in', teamIds)
    .execute();
  return rows.map((r) => r.id);
}

/** Counts over everything the caller may review (filters aside): what the dashboard badges show. */
async function countQueue(
  db: Db,
  scope: (eb: ItemEb) => ReturnType<ItemEb['and']>,
  sla: SlaMinutes,
  now: number,
): Promise<QueueCounts> {
  // Overdue as effectiveDueAt() says: due_at, or received + the lane's SLA for an item queued without one.
  const due = sql`coalesce(inbound_item.due_at, inbound_item.received_at + case when inbound_item.safeguarding = 1 then ${sql.lit(Math.trunc(sla.safeguarding * 60_000))} else ${sql.lit(Math.trunc(sla.standard * 60_000))} end)`;
  const rows = await db
    .selectFrom('inbound_item')
    .select((eb) => [
      'inbound_item.safeguarding',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql`case when ${due} < ${sql.lit(Math.trunc(now))} then 1 else 0 end`).as('overdue'),
    ])
    .where(scope)
    .groupBy('inbound_item.safeguarding')
    .execute();
  const c: QueueCounts = { safeguarding: 0, standard: 0, total: 0, overdue: 0, overdueSafeguarding: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    const overdue = Number(r.overdue ?? 0);
    if (Number(r.safeguarding) === 1) {
      c.safeguarding += n;
      c.overdueSafeguarding += overdue;
    } else c.standard += n;
    c.total += n;
    c.overdue += overdue;
  }
  return c;
}
