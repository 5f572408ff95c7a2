import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';
import { ROLES, TOKEN_SCOPES } from './roles.js';

export const RoleSchema = Type.Enum(ROLES);
export const ScopeSchema = Type.Enum(TOKEN_SCOPES);
export const StageSchema = Type.Union([
  Type.Literal('active'),
  Type.Literal('mfa_pending'),
  Type.Literal('mfa_enrolment_required'),
]);

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleSchema),
  teamId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  mfaEnabled: Type.Boolean(),
  lockedUntil: NullableTimestamp,
  hasPassword: Type.Boolean(),
  createdAt: Timestamp,
});

export const TeamSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('force'), Type.Literal('district'), Type.Literal('team')]),
  parentId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});

export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  expiresAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
  createdAt: Timestamp,
});

export const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  requireMfa: Type.Boolean(),
  ssoEnabled: Type.Boolean(),
  createdAt: Timestamp,
});

export const SessionStateSchema = Type.Object({
  stage: StageSchema,
  csrfToken: Type.String(),
  expiresAt: Timestamp,
});
