import { useMutation, useQuery } from '@tanstack/react-query';
import { api, get } from '../../api/client.js';
import type { Dictionary, TryMatches } from '../../api/types.js';

export const useDictionaries = () =>
  useQuery({
    queryKey: ['dictionaries'],
    queryFn: () => get<{ dictionaries: Dictionary[] }>('/api/v1/dictionaries'),
  });

export const useTryDictionaries = () =>
  useMutation({
    mutationFn: (text: string) => api<TryMatches>('POST', '/api/v1/dictionaries/try', { text }),
  });
