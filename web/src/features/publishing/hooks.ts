// TanStack Query hooks for composing, posts, approvals and the publishing kill switch.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, get, query } from '../../api/client.js';
import type {
  ApprovalItem,
  ApprovalPolicy,
  CheckResult,
  ComposeInput,
  Grant,
  Post,
  PostDetail,
  PublishingResumed,
  PublishingSettings,
  PublishingStatus,
} from '../../api/types.js';

export interface PostFilters {
  status?: string;
  accountId?: string;
  authorId?: string;
}

export const usePosts = (filters: PostFilters) =>
  useQuery({
    queryKey: ['posts', filters],
    queryFn: () =>
      get<{ posts: Post[]; nextCursor: string | null }>(`/api/v1/posts${query({ ...filters, limit: 100 })}`),
  });

/** A post on its way is polled, so its page turns to "published" (or shows the decision) without a reload. */
export const usePost = (id: string) =>
  useQuery({
    queryKey: ['posts', id],
    queryFn: () => get<PostDetail>(`/api/v1/posts/${id}`),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      if (status === 'scheduled' || status === 'publishing') return 2000;
      return status === 'pending_approval' || status === 'held' ? 10_000 : false;
    },
  });

export const useApprovals = () =>
  useQuery({
    queryKey: ['approvals'],
    queryFn: () => get<{ posts: ApprovalItem[] }>('/api/v1/approvals'),
    refetchInterval: 15_000,
  });

export const useMyGrants = (userId: string) =>
  useQuery({
    queryKey: ['users', userId, 'grants'],
    queryFn: () => get<{ grants: Grant[] }>(`/api/v1/users/${userId}/grants`),
  });

/** The live outbound check, debounced: runs 400 ms after the author stops typing. */
export function useOutboundCheck(input: { accountIds: string[]; text: string; mediaUrls: string[] }) {
  const [debounced, setDebounced] = useState(input);
  const key = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised input is the dependency
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(input), 400);
    return () => clearTimeout(timer);
  }, [key]);
  return useQuery({
    queryKey: ['post-check', debounced],
    // The text checked travels with the result: the spans are offsets into it, not into what is typed now.
    queryFn: async () => ({
      ...(await api<CheckResult>('POST', '/api/v1/posts/check', debounced)),
      checkedText: debounced.text,
    }),
    enabled: debounced.accountIds.length > 0,
    placeholderData: (previous) => previous,
    retry: false,
  });
}

function useInvalidatePosts() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['posts'] }),
      client.invalidateQueries({ queryKey: ['approvals'] }),
      client.invalidateQueries({ queryKey: ['publishing-status'] }),
    ]);
}

export function useCompose() {
  const invalidate = useInvalidatePosts();
  return useMutation({
    mutationFn: (body: ComposeInput) =>
      api<{ batchId: string; posts: Post[] }>('POST', '/api/v1/posts', body),
    onSuccess: invalidate,
  });
}

/** Post actions: edit (PATCH), submit, cancel, approve, reject, delete. */
export function usePostAction(id: string) {
  const invalidate = useInvalidatePosts();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) =>
      action === 'edit'
        ? api<Post>('PATCH', `/api/v1/posts/${id}`, body)
        : api<Post>('POST', `/api/v1/posts/${id}/${action}`, body ?? {}),
    onSuccess: invalidate,
  });
}

export const usePublishingStatus = (enabled: boolean) =>
  useQuery({
    queryKey: ['publishing-status'],
    queryFn: () => get<PublishingStatus>('/api/v1/publishing/status'),
    enabled,
    refetchInterval: 30_000,
  });

export function usePauseControl() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pause, reason }: { pause: boolean; reason?: string }) =>
      pause
        ? api<PublishingStatus>('POST', '/api/v1/publishing/pause', { reason })
        : api<PublishingResumed>('POST', '/api/v1/publishing/resume'),
    onSuccess: (status) => {
      client.setQueryData(['publishing-status'], status);
      return client.invalidateQueries({ queryKey: ['posts'] });
    },
  });
}

export const usePublishingSettings = (enabled: boolean) =>
  useQuery({
    queryKey: ['publishing-settings'],
    queryFn: () => get<PublishingSettings>('/api/v1/publishing/settings'),
    enabled,
  });

export function useSavePublishingSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishingSettings) =>
      api<PublishingSettings>('PUT', '/api/v1/publishing/settings', body),
    onSuccess: (data) => client.setQueryData(['publishing-settings'], data),
  });
}

export const useApprovalPolicy = (accountId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['accounts', accountId, 'approval-policy'],
    queryFn: () => get<ApprovalPolicy>(`/api/v1/accounts/${accountId}/approval-policy`),
    enabled,
  });

export function useSetApprovalPolicy(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (approvalSteps: number) =>
      api<ApprovalPolicy>('PUT', `/api/v1/accounts/${accountId}/approval-policy`, { approvalSteps }),
    onSuccess: (data) => client.setQueryData(['accounts', accountId, 'approval-policy'], data),
  });
}
