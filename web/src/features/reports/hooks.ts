// Report schedules (admin and comms): create, change cadence or recipients, stop; and "build one now".
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lastCompletePeriod } from '../../../../src/modules/reports/periods.js';
import { api } from '../../api/client.js';
import type {
  BuiltReport,
  ReportSchedule,
  ReportScheduleBody,
  ReportSchedulePatch,
} from '../../api/types.js';

const enc = encodeURIComponent;

function useScheduleMutation<V>(fn: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports', 'schedules'] }),
  });
}

export const useCreateSchedule = () =>
  useScheduleMutation((body: ReportScheduleBody) =>
    api<ReportSchedule>('POST', '/api/v1/reports/schedules', body),
  );

export const useUpdateSchedule = () =>
  useScheduleMutation(({ id, patch }: { id: string; patch: ReportSchedulePatch }) =>
    api<ReportSchedule>('PATCH', `/api/v1/reports/schedules/${enc(id)}`, patch),
  );

export const useDeleteSchedule = () =>
  useScheduleMutation((id: string) => api('DELETE', `/api/v1/reports/schedules/${enc(id)}`));

/** Builds now the report the schedule last sent (the last whole week or month); it appears under Reports. */
export function useBuildNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (s: ReportSchedule) => {
      const { from, to } = lastCompletePeriod(s.cadence, Date.now());
      return api<BuiltReport>('POST', '/api/v1/reports/preview', {
        scope: s.scope,
        teamId: s.teamId,
        from,
        to,
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports'], exact: true }),
  });
}
