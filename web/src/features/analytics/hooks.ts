import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../api/client.js';
import type { AnalyticsBreakdown, AnalyticsOverview, BuiltReport, ReportSchedule } from '../../api/types.js';

export interface Period {
  from: number;
  to: number;
  bucket: 'day' | 'week' | 'month';
}
export type By = 'account' | 'officer' | 'team';

export const overviewUrl = (p: Period, format?: 'csv') =>
  `/api/v1/analytics/overview${query({ ...p, format })}`;
export const breakdownUrl = (p: Period, by: By, format?: 'csv') =>
  `/api/v1/analytics/breakdown${query({ ...p, by, format })}`;

export const useOverview = (p: Period) =>
  useQuery({ queryKey: ['analytics', 'overview', p], queryFn: () => get<AnalyticsOverview>(overviewUrl(p)) });

export const useBreakdown = (p: Period, by: By) =>
  useQuery({
    queryKey: ['analytics', 'breakdown', p, by],
    queryFn: () => get<AnalyticsBreakdown>(breakdownUrl(p, by)),
  });

export const useReports = () =>
  useQuery({ queryKey: ['reports'], queryFn: () => get<{ reports: BuiltReport[] }>('/api/v1/reports') });

export const useSchedules = (enabled: boolean) =>
  useQuery({
    queryKey: ['reports', 'schedules'],
    enabled,
    queryFn: () => get<{ schedules: ReportSchedule[] }>('/api/v1/reports/schedules'),
  });
