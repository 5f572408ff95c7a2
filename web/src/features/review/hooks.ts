// The review queue and one item's context, plus the actions a moderator takes on an item.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type {
  QueueResponse,
  ResponseTemplate,
  ReviewContext,
  ReviewItemState,
  ReviewSettings,
} from '../../api/types.js';

export interface QueueFilters {
  lane: 'all' | 'safeguarding' | 'standard';
  accountId?: string;
  teamId?: string;
  category?: string;
  status?: string;
  assignedTo?: string;
}

export const useQueue = (filters: QueueFilters) =>
  useQuery({
    queryKey: ['review', 'queue', filters],
    queryFn: () => get<QueueResponse>(`/api/v1/review/queue${query({ ...filters, limit: 200 })}`),
    // New items also arrive through the alert stream (which invalidates 'review'); this is the safety net.
    refetchInterval: 20_000,
  });

export const useItemContext = (id: string | null) =>
  useQuery({
    queryKey: ['review', 'item', id],
    queryFn: () => get<ReviewContext>(`/api/v1/review/items/${id}/context`),
    enabled: id !== null,
  });

export type ItemAction =
  | { kind: 'claim' | 'release' }
  | { kind: 'assign'; userId: string }
  | { kind: 'decide'; decision: string; note: string | null }
  | { kind: 'signoff'; approve: boolean; note: string | null };

/** One request for one action on one item; the queue and the item are refetched after. */
export function runItemAction(id: string, action: ItemAction): Promise<ReviewItemState> {
  const path = `/api/v1/review/items/${id}/${action.kind}`;
  switch (action.kind) {
    case 'claim':
    case 'release':
      return api('POST', path);
    case 'assign':
      return api('POST', path, { userId: action.userId });
    case 'decide':
      return api('POST', path, { decision: action.decision, note: action.note });
    case 'signoff':
      return api('POST', path, { approve: action.approve, note: action.note });
  }
}

export function useItemAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ItemAction) => runItemAction(id, action),
    onSettled: () => client.invalidateQueries({ queryKey: ['review'] }),
  });
}

export const useReviewSettings = (enabled: boolean) =>
  useQuery({
    queryKey: ['review', 'settings'],
    queryFn: () => get<ReviewSettings>('/api/v1/review/settings'),
    enabled,
  });

export const useTemplates = () =>
  useQuery({
    queryKey: ['review', 'templates'],
    queryFn: () => get<{ templates: ResponseTemplate[] }>('/api/v1/review/templates'),
  });

type TemplateInput = Pick<ResponseTemplate, 'title' | 'body' | 'categories'>;
export function useTemplateChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { id?: string; remove?: boolean; input?: TemplateInput }) =>
      change.remove
        ? api('DELETE', `/api/v1/review/templates/${change.id}`)
        : change.id
          ? api('PATCH', `/api/v1/review/templates/${change.id}`, change.input)
          : api('POST', '/api/v1/review/templates', change.input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['review', 'templates'] }),
  });
}
