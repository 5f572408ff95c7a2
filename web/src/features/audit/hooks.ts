import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type { AuditRecord } from '../../api/types.js';

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
}

export const useAuditRecords = (filter: AuditFilter) =>
  useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      get<{ records: AuditRecord[]; nextBeforeSeq: number | null }>(
        `/api/v1/audit${query({ ...filter, beforeSeq: pageParam, limit: 50 })}`,
      ),
    getNextPageParam: (last) => last.nextBeforeSeq,
  });

export interface VerifyResult {
  ok: boolean;
  recordsChecked: number;
  problem: string | null;
  firstBadSeq: number | null;
}

export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => api<VerifyResult>('POST', '/api/v1/audit/verify') });

export const exportUrl = (filter: AuditFilter, format: 'csv' | 'json'): string =>
  `/api/v1/audit/export${query({ ...filter, format })}`;
