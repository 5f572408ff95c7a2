// TanStack Query hooks for the licence to post: my status, the agreement, everyone's status, training.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api/client.js';
import type {
  Agreement,
  AgreementSummary,
  LicenceSettings,
  MyLicence,
  UserLicence,
} from '../../api/types.js';

export const useMyLicence = () =>
  useQuery({ queryKey: ['licence', 'me'], queryFn: () => get<MyLicence>('/api/v1/me/licence') });

export const useAgreements = () =>
  useQuery({
    queryKey: ['licence', 'agreements'],
    queryFn: () => get<{ agreements: AgreementSummary[] }>('/api/v1/licence/agreements'),
  });

export const useAgreement = (version: number | null) =>
  useQuery({
    queryKey: ['licence', 'agreements', version],
    queryFn: () => get<Agreement>(`/api/v1/licence/agreements/${version}`),
    enabled: version !== null,
  });

export const useUserLicences = (enabled: boolean) =>
  useQuery({
    queryKey: ['licence', 'users'],
    queryFn: () => get<{ users: UserLicence[] }>('/api/v1/licence/users'),
    enabled,
  });

export const useLicenceSettings = (enabled: boolean) =>
  useQuery({
    queryKey: ['licence', 'settings'],
    queryFn: () => get<LicenceSettings>('/api/v1/licence/settings'),
    enabled,
  });

/** Every licence change refreshes all licence views (mine, everyone's, the agreements). */
export function useLicenceMutation<T, R>(run: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: ['licence'] }),
  });
}

export const acceptAgreement = (version: number) =>
  api<unknown>('POST', '/api/v1/licence/accept', { version });
export const publishAgreement = (body: { title: string; body: string; format: 'markdown' | 'plain' }) =>
  api<Agreement>('POST', '/api/v1/licence/agreements', body);
export const recordTraining = (input: { userId: string; completedAt: number; expiresAt: number }) =>
  api('PUT', `/api/v1/licence/users/${input.userId}/training`, {
    completedAt: input.completedAt,
    expiresAt: input.expiresAt,
  });
export const clearTraining = (userId: string) => api('DELETE', `/api/v1/licence/users/${userId}/training`);
export const saveLicenceSettings = (body: Partial<LicenceSettings>) =>
  api<LicenceSettings>('PUT', '/api/v1/licence/settings', body);
