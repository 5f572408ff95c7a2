// The overview's figures, each from the API of the screen its tile links to. A figure the signed-in person may
// not read (403) is left out rather than shown as an error.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../api/client.js';
import type { AnalyticsOverview, QueueResponse, TimeToAct } from '../../api/types.js';

const DAY = 86_400_000;

/** The last 30 whole days up to the end of today (UTC), so the query key is stable within a day. */
export function last30Days(now = Date.now()): { from: number; to: number } {
  const to = Math.floor(now / DAY) * DAY + DAY;
  return { from: to - 30 * DAY, to };
}

const optional = { retry: false, staleTime: 30_000 } as const;

export const useActivity = () => {
  const period = last30Days();
  return useQuery({
    queryKey: ['overview', 'activity', period.from],
    queryFn: () => get<AnalyticsOverview>(`/api/v1/analytics/overview${query({ ...period, bucket: 'day' })}`),
    ...optional,
  });
};

export const useQueueCounts = () =>
  useQuery({
    queryKey: ['review', 'queue', 'counts'],
    queryFn: () => get<QueueResponse>('/api/v1/review/queue?limit=1'),
    ...optional,
  });

export const useTimeToAct = () => {
  const period = last30Days();
  return useQuery({
    queryKey: ['overview', 'time-to-act', period.from],
    queryFn: () => get<TimeToAct>(`/api/v1/inbound/time-to-act${query(period)}`),
    ...optional,
  });
};
