import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../api/client.js';
import type {
  AnalyticsBreakdown,
  AnalyticsModeration,
  AnalyticsOverview,
  AnalyticsTimeToAct,
  AnalyticsTopPosts,
  BuiltReport,
  ReportSchedule,
} from '../../api/types.js';

export interface Period {
  from: number;
  to: number;
  bucket: 'day' | 'week' | 'month';
}
export type By = 'account' | 'officer' | 'team';

/** Whose figures: the whole visible organisation, or one team (with sub-teams), account or officer. */
export interface Scope {
  teamId?: string;
  accountId?: string;
  authorId?: string;
}

type View = 'overview' | 'breakdown' | 'moderation' | 'top-posts' | 'time-to-act';

/** The one place analytics URLs are built, so the CSV links always carry the same scope as the screen. */
export const analyticsUrl = (
  view: View,
  p: Period,
  s: Scope,
  extra: { by?: By; limit?: number; format?: 'csv' } = {},
) => `/api/v1/analytics/${view}${query({ ...p, ...s, ...extra })}`;

const useView = <T>(view: View, p: Period, s: Scope, extra: { by?: By; limit?: number } = {}) =>
  useQuery({
    queryKey: ['analytics', view, p, s, extra],
    queryFn: () => get<T>(analyticsUrl(view, p, s, extra)),
    retry: false, // a refused scope or period is an answer, not a hiccup
  });

export const useOverview = (p: Period, s: Scope = {}) => useView<AnalyticsOverview>('overview', p, s);
export const useBreakdown = (p: Period, by: By, s: Scope = {}) =>
  useView<AnalyticsBreakdown>('breakdown', p, s, { by });
export const useModeration = (p: Period, s: Scope) => useView<AnalyticsModeration>('moderation', p, s);
export const useTopPosts = (p: Period, s: Scope) =>
  useView<AnalyticsTopPosts>('top-posts', p, s, { limit: 10 });
export const useTimeToAct = (p: Period, s: Scope) => useView<AnalyticsTimeToAct>('time-to-act', p, s);

export const useReports = () =>
  useQuery({ queryKey: ['reports'], queryFn: () => get<{ reports: BuiltReport[] }>('/api/v1/reports') });

export const useSchedules = (enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'schedules'],
    enabled,
    queryFn: () => get<{ schedules: ReportSchedule[] }>('/api/v1/reports/schedules'),
  });
