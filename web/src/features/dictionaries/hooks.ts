import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/client.js';
import type {
  Dictionary,
  DictionaryDetail,
  DictionaryDiff,
  DictionaryVersion,
  TermStats,
  TryMatches,
} from '../../api/types.js';

const base = '/api/v1/dictionaries';

export const useDictionaries = () =>
  useQuery({ queryKey: ['dictionaries'], queryFn: () => get<{ dictionaries: Dictionary[] }>(base) });

export const useDictionary = (id: string) =>
  useQuery({ queryKey: ['dictionaries', id], queryFn: () => get<DictionaryDetail>(`${base}/${id}`) });

export const useVersions = (id: string) =>
  useQuery({
    queryKey: ['dictionaries', id, 'versions'],
    queryFn: () => get<{ versions: DictionaryVersion[] }>(`${base}/${id}/versions`),
  });

export const useTermStats = (id: string) =>
  useQuery({ queryKey: ['dictionaries', id, 'terms'], queryFn: () => get<TermStats>(`${base}/${id}/terms`) });

export const useDiff = (id: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: ['dictionaries', id, 'diff', from, to],
    queryFn: () => get<DictionaryDiff>(`${base}/${id}/diff${query({ from, to })}`),
    enabled: from !== null && to !== null,
  });

export const useTryDictionaries = () =>
  useMutation({ mutationFn: (text: string) => api<TryMatches>('POST', `${base}/try`, { text }) });

function useDictionaryMutation<TIn>(fn: (input: TIn) => Promise<DictionaryDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['dictionaries'] }),
  });
}

/** Saves the YAML as a new version; with activate, it goes live at once unless its tests fail. */
export const useSaveVersion = (id: string) =>
  useDictionaryMutation((input: { yaml: string; activate: boolean }) =>
    api<DictionaryDetail>('PUT', `${base}/${id}`, input),
  );

export const useActivateVersion = (id: string) =>
  useDictionaryMutation((version: number) =>
    api<DictionaryDetail>('POST', `${base}/${id}/versions/${version}/activate`),
  );

export const useCreateDictionary = () =>
  useDictionaryMutation((input: { yaml: string; activate: boolean }) =>
    api<DictionaryDetail>('POST', base, input),
  );

export const exportUrl = (id: string, version?: number): string =>
  `${base}/${id}/export${query({ version })}`;
