import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type { Account, SandboxPublicTimeline } from '../../api/types.js';

export interface ConnectInput {
  platform: string;
  handle?: string;
  displayName?: string;
  baseUrl?: string;
  ownerTeamId: string | null;
  labels: string[];
  credentials: Record<string, string>;
}

/** Sandbox accounts are created on the built-in network; the rest bring credentials the server verifies. */
export function useConnectAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectInput) =>
      input.platform === 'sandbox'
        ? api<Account>('POST', '/api/v1/sandbox/accounts', {
            handle: input.handle,
            ...(input.displayName ? { displayName: input.displayName } : {}),
            ownerTeamId: input.ownerTeamId,
            labels: input.labels,
          })
        : api<Account>('POST', '/api/v1/accounts', {
            platform: input.platform,
            ...(input.handle ? { handle: input.handle } : {}),
            ...(input.displayName ? { displayName: input.displayName } : {}),
            ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
            ownerTeamId: input.ownerTeamId,
            labels: input.labels,
            credentials: input.credentials,
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export function useReplaceCredentials(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Record<string, string>) =>
      api<Account>('PUT', `/api/v1/accounts/${id}/credentials`, { credentials }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export const useSandboxPublicTimeline = (handle: string) =>
  useQuery({
    queryKey: ['sandbox-public', handle],
    queryFn: () => get<SandboxPublicTimeline>(`/sandbox/public/timeline${query({ author: handle })}`),
    refetchInterval: 15_000,
  });

/** OAuth platforms: the server redirects the browser to the platform and back to the dashboard. */
export const oauthStartUrl = (platform: string, instance?: string) =>
  `/api/v1/accounts/connect/${platform}/start${instance ? query({ instance }) : ''}`;
