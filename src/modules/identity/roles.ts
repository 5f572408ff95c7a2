export const ROLES = ['admin', 'comms', 'moderator', 'author', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type SessionStage = 'mfa_pending' | 'mfa_enrolment_required' | 'active';

/** The signed-in caller: a user through a session cookie, or through an API token with scopes. */
export interface Principal {
  userId: string;
  orgId: string;
  email: string;
  name: string;
  roles: Role[];
  via: 'session' | 'token';
  sessionId: string | null;
  stage: SessionStage;
  scopes: TokenScope[] | null;
}

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function parseRoles(json: string): Role[] {
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed)
    ? parsed.filter((r): r is Role => (ROLES as readonly string[]).includes(r))
    : [];
}
