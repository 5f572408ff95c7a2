// Analytics services: each resolves the caller's scope (policy + filters) and runs the queries for it.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Principal } from '../identity/roles.js';
import { timeToAct } from '../moderation/time-to-act.js';
import { byAccount, byOfficer, byTeam } from './breakdown.js';
import { BUCKET_ERROR } from './histogram.js';
import {
  engagementByDay,
  inboundByDay,
  moderationCounts,
  nothingVisible,
  postsByDay,
  topPosts,
} from './queries.js';
import { responseTimes } from './response-times.js';
import { type AnalyticsQuery, resolveScope, type Scope } from './scope.js';
import { foldTrend } from './trends.js';

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
const periodOf = (s: Scope) => ({ from: s.from, to: s.to, bucket: s.bucket });

/** Overview figures of a scope: used by the API and by reports. */
export async function overviewFor(db: Db, s: Scope) {
  const empty = nothingVisible(s);
  const [posts, eng, inbound, response] = empty
    ? [[], [], [], { answered: 0, p50Ms: null, p95Ms: null }]
    : await Promise.all([
        postsByDay(db, s),
        engagementByDay(db, s),
        s.authorId ? [] : inboundByDay(db, s),
        responseTimes(db, s),
      ]);
  const published = sum(posts, (r) => r.posts);
  const measured = sum(eng, (r) => r.measured);
  const engagement = {
    likes: sum(eng, (r) => r.likes),
    replies: sum(eng, (r) => r.replies),
    reposts: sum(eng, (r) => r.reposts),
    // null, not 0, when no measured post's platform reports views: "none" and "not reported" differ.
    views: sum(eng, (r) => r.withViews) > 0 ? sum(eng, (r) => r.views) : null,
    postsWithViews: sum(eng, (r) => r.withViews),
    total: sum(eng, (r) => r.likes + r.replies + r.reposts),
    postsMeasured: measured,
    perPost: 0,
  };
  engagement.perPost = measured ? Math.round((engagement.total / measured) * 100) / 100 : 0;
  // Officer scope: inbound items belong to accounts, not people, so they are not attributed to an officer.
  const inboundRows = s.authorId ? [] : inbound;
  const trend = foldTrend(s.from, s.to, s.bucket, [
    ...posts,
    ...eng.map((r) => ({ day: r.day, engagement: r.likes + r.replies + r.reposts })),
    ...inboundRows,
  ]);
  return {
    ...periodOf(s),
    postsPublished: published,
    engagement,
    inbound: {
      received: sum(inboundRows, (r) => r.received),
      handled: sum(inboundRows, (r) => r.handled),
      questions: sum(inboundRows, (r) => r.questions),
      questionsAnswered: response.answered,
      responseTimeP50Ms: response.p50Ms,
      responseTimeP95Ms: response.p95Ms,
    },
    trend,
  };
}

export async function overview(app: AppContext, p: Principal, q: AnalyticsQuery) {
  return overviewFor(app.db, await resolveScope(app.db, p, q));
}

export async function breakdown(
  app: AppContext,
  p: Principal,
  q: AnalyticsQuery & { by: 'account' | 'officer' | 'team' },
) {
  const s = await resolveScope(app.db, p, q);
  const rows =
    q.by === 'account'
      ? await byAccount(app.db, s)
      : q.by === 'officer'
        ? await byOfficer(app.db, s)
        : await byTeam(app.db, s);
  return { ...periodOf(s), by: q.by, rows };
}

export async function moderation(app: AppContext, p: Principal, q: AnalyticsQuery) {
  const s = await resolveScope(app.db, p, q);
  return { ...periodOf(s), rows: nothingVisible(s) ? [] : await moderationCounts(app.db, s) };
}

export async function top(app: AppContext, p: Principal, q: AnalyticsQuery & { limit?: number }) {
  const s = await resolveScope(app.db, p, q);
  return { ...periodOf(s), posts: nothingVisible(s) ? [] : await topPosts(app.db, s, q.limit ?? 10) };
}

/** The moderation module's time-to-act figures (GET /api/v1/inbound/time-to-act), narrowed to the scope. */
export async function timeToActFor(app: AppContext, p: Principal, q: AnalyticsQuery & { category?: string }) {
  const s = await resolveScope(app.db, p, q);
  if (nothingVisible(s)) return { ...periodOf(s), percentileMaxRelativeError: BUCKET_ERROR, groups: [] };
  const res = await timeToAct(app, p, {
    from: s.from,
    to: s.to,
    accountId: q.accountId,
    category: q.category,
  });
  const groups = s.accountIds ? res.groups.filter((g) => s.accountIds?.includes(g.accountId)) : res.groups;
  return { ...periodOf(s), percentileMaxRelativeError: res.percentileMaxRelativeError, groups };
}
