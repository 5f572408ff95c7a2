import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Team, User } from '../../api/types.js';

export { useTeams, useUsers } from '../accounts/hooks.js';

export interface NewUser {
  email: string;
  name: string;
  roles: User['roles'];
  teamId: string | null;
}

function useInvalidating<TIn, TOut>(keys: string[][], fn: (input: TIn) => Promise<TOut>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useInviteUser = () =>
  useInvalidating([['users']], (input: NewUser) =>
    api<{ user: User; inviteUrl: string | null }>('POST', '/api/v1/users', input),
  );

export const useSetUserSuspended = () =>
  useInvalidating([['users']], ({ id, suspend, reason }: { id: string; suspend: boolean; reason: string }) =>
    api<User>('POST', `/api/v1/users/${id}/${suspend ? 'suspend' : 'reinstate'}`, { reason }),
  );

export const useUpdateUser = () =>
  useInvalidating(
    [['users']],
    ({ id, ...patch }: { id: string; roles?: User['roles']; teamId?: string | null }) =>
      api<User>('PATCH', `/api/v1/users/${id}`, patch),
  );

export const useCreateTeam = () =>
  useInvalidating([['teams']], (input: { name: string; kind: Team['kind']; parentId: string | null }) =>
    api<Team>('POST', '/api/v1/teams', input),
  );
