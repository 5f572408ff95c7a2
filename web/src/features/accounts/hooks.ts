import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api/client.js';
import type { Account, Grant, Team, User } from '../../api/types.js';

export const useAccounts = () =>
  useQuery({ queryKey: ['accounts'], queryFn: () => get<{ accounts: Account[] }>('/api/v1/accounts') });

export const useAccount = (id: string) =>
  useQuery({ queryKey: ['accounts', id], queryFn: () => get<Account>(`/api/v1/accounts/${id}`) });

export const useAccountGrants = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['accounts', id, 'grants'],
    queryFn: () => get<{ grants: Grant[] }>(`/api/v1/accounts/${id}/grants`),
    enabled,
  });

export const useTeams = () =>
  useQuery({ queryKey: ['teams'], queryFn: () => get<{ teams: Team[] }>('/api/v1/teams') });

export const useUsers = (enabled = true) =>
  useQuery({ queryKey: ['users'], queryFn: () => get<{ users: User[] }>('/api/v1/users'), enabled });

/** Suspend (with a reason) or reinstate an account: the kill switch for one account. */
export function useSetAccountSuspended(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ suspend, reason }: { suspend: boolean; reason: string }) =>
      api<Account>('POST', `/api/v1/accounts/${id}/${suspend ? 'suspend' : 'reinstate'}`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }),
  });
}
