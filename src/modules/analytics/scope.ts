// Turns an analytics query (from/to, account, team, officer) into the concrete filter the queries use, and
// enforces policy.ts on the way: asking for an account, team or officer the caller may not see is a 403.
import type { Db } from '../../db/database.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { Principal } from '../identity/roles.js';
import { seesWholeOrg, subtreeOf } from './policy.js';

export const DAY = 86_400_000;
const MAX_SPAN = 400 * DAY;

export type Bucket = 'day' | 'week' | 'month';

export interface AnalyticsQuery {
  from?: number;
  to?: number;
  bucket?: Bucket;
  accountId?: string;
  teamId?: string;
  authorId?: string;
}

export interface Scope {
  orgId: string;
  from: number;
  to: number;
  bucket: Bucket;
  /** null = every account of the organisation. */
  accountIds: string[] | null;
  authorId: string | null;
  teamId: string | null;
}

/** Default period: the 30 days up to the start of tomorrow (UTC), so "today" is whole. */
export function period(q: { from?: number; to?: number }, now = Date.now()): { from: number; to: number } {
  const to = q.to ?? (Math.floor(now / DAY) + 1) * DAY;
  const from = q.from ?? to - 30 * DAY;
  if (from >= to) throw badRequest('bad_period', '"from" must be before "to" (epoch milliseconds).');
  if (to - from > MAX_SPAN) throw badRequest('period_too_long', 'A period may span at most 400 days.');
  return { from, to };
}

async function teamsOf(db: Db, orgId: string) {
  return db.selectFrom('team').select(['id', 'parent_id']).where('org_id', '=', orgId).execute();
}

async function accountsOwnedBy(db: Db, orgId: string, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('social_account')
    .select('id')
    .where('org_id', '=', orgId)
    .where('owner_team_id', 'in', teamIds)
    .execute();
  return rows.map((r) => r.id);
}

/** What a caller without whole-org rights may see: granted accounts, their team subtree and its accounts. */
async function limitedView(db: Db, p: Principal) {
  const [teams, me, grants] = await Promise.all([
    teamsOf(db, p.orgId),
    db.selectFrom('app_user').select('team_id').where('id', '=', p.userId).executeTakeFirst(),
    db
      .selectFrom('account_grant')
      .select('account_id')
      .where('user_id', '=', p.userId)
      .where('org_id', '=', p.orgId)
      .execute(),
  ]);
  const myTeams = me?.team_id ? subtreeOf(teams, me.team_id) : [];
  const accounts = new Set([
    ...grants.map((g) => g.account_id),
    ...(await accountsOwnedBy(db, p.orgId, myTeams)),
  ]);
  return { teams, myTeams, accounts: [...accounts] };
}

export async function resolveScope(db: Db, p: Principal, q: AnalyticsQuery): Promise<Scope> {
  const { from, to } = period(q);
  const whole = seesWholeOrg(p);
  const view = whole ? null : await limitedView(db, p);
  let accountIds: string[] | null = view ? view.accounts : null;
  if (q.teamId) {
    const teams = view?.teams ?? (await teamsOf(db, p.orgId));
    if (!teams.some((t) => t.id === q.teamId)) throw notFound('Team');
    if (view && !view.myTeams.includes(q.teamId))
      throw forbidden('You may see analytics of your own team only.');
    const owned = await accountsOwnedBy(db, p.orgId, subtreeOf(teams, q.teamId));
    accountIds = accountIds ? owned.filter((id) => accountIds?.includes(id)) : owned;
  }
  if (q.accountId) {
    const account = await db
      .selectFrom('social_account')
      .select('id')
      .where('org_id', '=', p.orgId)
      .where('id', '=', q.accountId)
      .executeTakeFirst();
    if (!account) throw notFound('Account');
    if (accountIds && !accountIds.includes(q.accountId)) throw forbidden('You may not see this account.');
    accountIds = [q.accountId];
  }
  if (q.authorId) await checkOfficer(db, p, q.authorId, view?.myTeams ?? null);
  return {
    orgId: p.orgId,
    from,
    to,
    bucket: q.bucket ?? 'day',
    accountIds,
    authorId: q.authorId ?? null,
    teamId: q.teamId ?? null,
  };
}

async function checkOfficer(db: Db, p: Principal, userId: string, myTeams: string[] | null) {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('org_id', '=', p.orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('User');
  if (myTeams && userId !== p.userId && !(user.team_id && myTeams.includes(user.team_id)))
    throw forbidden('You may see your own figures and those of your team only.');
}
