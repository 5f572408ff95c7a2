// Alerts, the live stream that keeps them current, subscriptions and outgoing webhooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type {
  Alert,
  AlertSubscriptions,
  AlertWebhook,
  CreatedWebhook,
  WebhookDelivery,
} from '../../api/types.js';

export interface AlertFilters {
  unacknowledged?: boolean;
  severity?: string;
  kind?: string;
}

export const useAlerts = (filters: AlertFilters) =>
  useQuery({
    queryKey: ['alerts', 'list', filters],
    queryFn: () =>
      get<{ alerts: Alert[]; nextCursor: string | null }>(
        `/api/v1/alerts${query({ ...filters, limit: 100 })}`,
      ),
  });

/** The badge count: unacknowledged alerts (up to 200; more shows as 200+). */
export const useUnacknowledged = () =>
  useQuery({
    queryKey: ['alerts', 'unacknowledged'],
    queryFn: () => get<{ alerts: Alert[] }>('/api/v1/alerts?unacknowledged=true&limit=200'),
    refetchInterval: 60_000,
  });

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Alert>('POST', `/api/v1/alerts/${id}/acknowledge`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

export const useSubscriptions = () =>
  useQuery({
    queryKey: ['alerts', 'subscriptions'],
    queryFn: () => get<AlertSubscriptions>('/api/v1/me/alert-subscriptions'),
  });

export function useSaveSubscriptions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (subscriptions: AlertSubscriptions['subscriptions']) =>
      api<AlertSubscriptions>('PUT', '/api/v1/me/alert-subscriptions', { subscriptions }),
    onSuccess: (data) => client.setQueryData(['alerts', 'subscriptions'], data),
  });
}

export const useWebhooks = (enabled: boolean) =>
  useQuery({
    queryKey: ['alert-webhooks'],
    queryFn: () => get<{ webhooks: AlertWebhook[] }>('/api/v1/alert-webhooks'),
    enabled,
  });

export const useDeliveries = (id: string) =>
  useQuery({
    queryKey: ['alert-webhooks', id, 'deliveries'],
    queryFn: () => get<{ deliveries: WebhookDelivery[] }>(`/api/v1/alert-webhooks/${id}/deliveries`),
    refetchInterval: 5_000,
  });

export function useWebhookChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      change:
        | { kind: 'create'; body: { name: string; url: string; kinds?: string[]; minSeverity?: string } }
        | { kind: 'delete' | 'test'; id: string },
    ): Promise<CreatedWebhook | unknown> =>
      change.kind === 'create'
        ? api<CreatedWebhook>('POST', '/api/v1/alert-webhooks', change.body)
        : change.kind === 'delete'
          ? api('DELETE', `/api/v1/alert-webhooks/${change.id}`)
          : api('POST', `/api/v1/alert-webhooks/${change.id}/test`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alert-webhooks'] }),
  });
}
