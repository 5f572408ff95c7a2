// The signed-in user, fetched once; what they may do is derived here from the server's own policy functions.
import { useQuery } from '@tanstack/react-query';
import { policy } from '../../../../src/modules/identity/policy.js';
import type { Principal } from '../../../../src/modules/identity/roles.js';
import { ApiError, get, setCsrfToken } from '../../api/client.js';
import type { Me } from '../../api/types.js';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await get<Me>('/api/v1/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export type Permissions = { -readonly [K in keyof typeof policy]: boolean };

/** Role policies that depend only on the caller, evaluated once for the signed-in user. */
export function permissionsOf(me: Me): Permissions {
  const principal: Principal = {
    userId: me.user.id,
    orgId: me.organisation.id,
    email: me.user.email,
    name: me.user.name,
    roles: me.user.roles,
    via: 'session',
    sessionId: null,
    stage: me.stage,
    scopes: null,
  };
  const out = {} as Permissions;
  for (const [name, check] of Object.entries(policy) as Array<
    [keyof typeof policy, (p: Principal, x?: string) => boolean]
  >)
    out[name] = check(principal, me.user.id);
  return out;
}
