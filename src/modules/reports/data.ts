// Gathers a report's figures with the analytics queries, as the organisation sees them (a report is for its
// whole scope, whoever receives it).
import type { Db } from '../../db/database.js';
import { byAccount } from '../analytics/breakdown.js';
import { subtreeOf } from '../analytics/policy.js';
import { moderationCounts, topPosts } from '../analytics/queries.js';
import { DAY, type Scope } from '../analytics/scope.js';
import { overviewFor } from '../analytics/service.js';

export interface ReportInput {
  orgId: string;
  scope: 'org' | 'team';
  teamId: string | null;
  from: number;
  to: number;
}

export async function reportData(db: Db, input: ReportInput) {
  const org = await db
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', input.orgId)
    .executeTakeFirstOrThrow();
  let accountIds: string[] | null = null;
  let scopeName = org.name;
  if (input.scope === 'team' && input.teamId) {
    const teams = await db
      .selectFrom('team')
      .select(['id', 'name', 'parent_id'])
      .where('org_id', '=', input.orgId)
      .execute();
    scopeName = `${teams.find((t) => t.id === input.teamId)?.name ?? 'Team'} (${org.name})`;
    const owned = await db
      .selectFrom('social_account')
      .select('id')
      .where('org_id', '=', input.orgId)
      .where('owner_team_id', 'in', subtreeOf(teams, input.teamId))
      .execute();
    accountIds = owned.map((a) => a.id);
  }
  const s: Scope = {
    orgId: input.orgId,
    from: input.from,
    to: input.to,
    bucket: input.to - input.from > 62 * DAY ? 'week' : 'day',
    accountIds,
    authorId: null,
    teamId: input.teamId,
  };
  const empty = accountIds !== null && accountIds.length === 0;
  const [overview, accounts, moderation, top] = await Promise.all([
    overviewFor(db, s),
    byAccount(db, s),
    empty ? [] : moderationCounts(db, s),
    empty ? [] : topPosts(db, s, 5),
  ]);
  return {
    scopeName,
    from: input.from,
    to: input.to,
    overview,
    accounts: accounts.slice(0, 20),
    moderation: moderation.slice(0, 15),
    top,
  };
}

export type ReportData = Awaited<ReturnType<typeof reportData>>;

export const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const duration = (ms: number | null): string => {
  if (ms === null) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
};

/** The headline figures, in the order both the HTML and the PDF print them. */
export function headline(d: ReportData): Array<[string, string]> {
  const o = d.overview;
  return [
    ['Posts published', String(o.postsPublished)],
    ['Engagement (likes + replies + reposts)', String(o.engagement.total)],
    ['Engagement per post', String(o.engagement.perPost)],
    ['Replies received', String(o.inbound.received)],
    ['Replies handled', String(o.inbound.handled)],
    ['Questions received', String(o.inbound.questions)],
    ['Questions answered', String(o.inbound.questionsAnswered)],
    ['Response time p50', duration(o.inbound.responseTimeP50Ms)],
    ['Response time p95', duration(o.inbound.responseTimeP95Ms)],
  ];
}
