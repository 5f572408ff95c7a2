// Inbound items (the archive of what the public sent) and the organisation's moderation settings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type { InboundDetail, InboundItem, ModerationSettings } from '../../api/types.js';

export const useInboundItem = (id: string) =>
  useQuery({ queryKey: ['inbound', id], queryFn: () => get<InboundDetail>(`/api/v1/inbound/${id}`) });

export const useAccountInbound = (accountId: string) =>
  useQuery({
    queryKey: ['inbound', 'account', accountId],
    queryFn: () =>
      get<{ items: InboundItem[]; nextCursor: string | null }>(
        `/api/v1/inbound${query({ accountId, limit: 25 })}`,
      ),
  });

export function useUnhide(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api('POST', `/api/v1/inbound/${id}/unhide`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inbound'] }),
  });
}

export const useModerationSettings = (enabled: boolean) =>
  useQuery({
    queryKey: ['moderation', 'settings'],
    queryFn: () => get<ModerationSettings>('/api/v1/moderation/settings'),
    enabled,
  });

export function useSaveModerationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ModerationSettings) =>
      api<ModerationSettings>('PUT', '/api/v1/moderation/settings', body),
    onSuccess: (data) => client.setQueryData(['moderation', 'settings'], data),
  });
}
