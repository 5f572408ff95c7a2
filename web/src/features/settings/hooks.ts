import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api/client.js';
import type { ApiToken, Organisation, SsoConfig } from '../../api/types.js';

function useSaving<TIn, TOut>(key: string[], fn: (input: TIn) => Promise<TOut>, alsoStale: string[][] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([key, ...alsoStale].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useOrganisation = () =>
  useQuery({ queryKey: ['organisation'], queryFn: () => get<Organisation>('/api/v1/organisation') });

export const useUpdateOrganisation = () =>
  useSaving(
    ['organisation'],
    (patch: { name?: string; requireMfa?: boolean }) =>
      api<Organisation>('PATCH', '/api/v1/organisation', patch),
    [['me']], // the header shows the organisation's name
  );

export const useSso = () =>
  useQuery({ queryKey: ['sso'], queryFn: () => get<SsoConfig>('/api/v1/organisation/sso') });

export interface SsoInput {
  issuer: string;
  clientId: string;
  clientSecret?: string | null;
  enabled: boolean;
  autoProvisionRole: SsoConfig['autoProvisionRole'];
  allowedEmailDomains: string[];
}

export const useSaveSso = () =>
  useSaving(['sso'], (input: SsoInput) => api<SsoConfig>('PUT', '/api/v1/organisation/sso', input));

export const useApiTokens = () =>
  useQuery({ queryKey: ['api-tokens'], queryFn: () => get<{ apiTokens: ApiToken[] }>('/api/v1/api-tokens') });

export const useCreateApiToken = () =>
  useSaving(
    ['api-tokens'],
    (input: { name: string; scopes: ApiToken['scopes']; expiresInDays: number | null }) =>
      api<{ token: string; apiToken: ApiToken }>('POST', '/api/v1/api-tokens', input),
  );

export const useRevokeApiToken = () =>
  useSaving(['api-tokens'], (id: string) => api('DELETE', `/api/v1/api-tokens/${id}`));
