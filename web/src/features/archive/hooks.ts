import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type {
  ArchiveFilters,
  ArchiveHit,
  ArchiveItem,
  EvidenceExport,
  LegalHold,
  RetentionRule,
  TransparencySettings,
} from '../../api/types.js';

export const useArchiveSearch = (filters: ArchiveFilters) =>
  useInfiniteQuery({
    queryKey: ['archive', 'search', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      get<{ items: ArchiveHit[]; nextCursor: string | null }>(
        `/api/v1/archive/search${query({ ...filters, cursor: pageParam, limit: 25 })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

export const useArchiveItem = (kind: string, id: string) =>
  useQuery({
    queryKey: ['archive', 'item', kind, id],
    queryFn: () =>
      get<ArchiveItem>(`/api/v1/archive/items/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`),
  });

/** Exports are built by a background job: poll while any is still queued or building. */
export const useExports = (enabled: boolean) =>
  useQuery({
    queryKey: ['archive', 'exports'],
    enabled,
    queryFn: () => get<{ exports: EvidenceExport[] }>('/api/v1/archive/exports'),
    refetchInterval: (q) =>
      q.state.data?.exports.some((e) => e.status === 'pending' || e.status === 'running') ? 1500 : false,
  });

export function useRequestExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { filters: ArchiveFilters; reason: string }) =>
      api<EvidenceExport>('POST', '/api/v1/archive/exports', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['archive', 'exports'] }),
  });
}

export const downloadUrl = (id: string) => `/api/v1/archive/exports/${encodeURIComponent(id)}/download`;

export const useHolds = () =>
  useQuery({
    queryKey: ['archive', 'holds'],
    queryFn: () => get<{ holds: LegalHold[] }>('/api/v1/archive/holds'),
  });

export function useCreateHold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; reason: string; scope: LegalHold['scope'] }) =>
      api<LegalHold>('POST', '/api/v1/archive/holds', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['archive', 'holds'] }),
  });
}

export function useReleaseHold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<LegalHold>('POST', `/api/v1/archive/holds/${encodeURIComponent(id)}/release`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['archive', 'holds'] }),
  });
}

export const useRetention = () =>
  useQuery({
    queryKey: ['archive', 'retention'],
    queryFn: () => get<{ rules: RetentionRule[] }>('/api/v1/archive/retention'),
  });

export function usePutRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rules: RetentionRule[]) =>
      api<{ rules: RetentionRule[] }>('PUT', '/api/v1/archive/retention', { rules }),
    onSuccess: (data) => client.setQueryData(['archive', 'retention'], data),
  });
}

export const useTransparency = (enabled: boolean) =>
  useQuery({
    queryKey: ['transparency'],
    enabled,
    queryFn: () => get<TransparencySettings>('/api/v1/transparency/settings'),
  });

export function useSetTransparency() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api<TransparencySettings>('PUT', '/api/v1/transparency/settings', { enabled }),
    onSuccess: (data) => client.setQueryData(['transparency'], data),
  });
}
