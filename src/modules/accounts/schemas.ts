import { Type } from 'typebox';
import { PLATFORMS } from '../../connectors/types.js';
import { NullableTimestamp, Reason, Timestamp } from '../../http/schemas.js';
import { ACCOUNT_PERMISSIONS } from '../identity/policy.js';

const strict = { additionalProperties: false } as const;

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [ReturnType<typeof Type.Literal<T>>]);
export const PlatformSchema = literals(PLATFORMS);
export const AccountStatusSchema = literals([
  'active',
  'suspended',
  'credentials_expired',
  'locked',
] as const);
const Label = Type.String({ minLength: 1, maxLength: 60 });
export const Labels = Type.Array(Label, { maxItems: 30 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const NullableId = Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 100 })]);

/** The response shape: it has no credentials field, so the serializer could not send one even by mistake. */
export const AccountSchema = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  platformAccountId: Type.String(),
  handle: Type.String(),
  displayName: Type.String(),
  baseUrl: Type.Union([Type.Null(), Type.String()]),
  ownerTeamId: Type.Union([Type.Null(), Type.String()]),
  labels: Type.Array(Type.String()),
  status: AccountStatusSchema,
  statusReason: Type.Union([Type.Null(), Type.String()]),
  hasCredentials: Type.Boolean(),
  credentialsExpiresAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** Platform secrets as given by the admin (e.g. { identifier, appPassword } or { accessToken }). */
export const CredentialsBody = Type.Record(Type.String({ minLength: 1, maxLength: 60 }), Text(8192), {
  maxProperties: 20,
});

export const ConnectBody = Type.Object(
  {
    platform: PlatformSchema,
    // Optional: the platform says which account the credentials belong to; if given, they must match.
    platformAccountId: Type.Optional(Text(200)),
    handle: Type.Optional(Text(200)),
    displayName: Type.Optional(Text(200)),
    baseUrl: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'uri', maxLength: 500 })])),
    ownerTeamId: Type.Optional(NullableId),
    labels: Type.Optional(Labels),
    credentials: CredentialsBody,
    credentialsExpiresAt: Type.Optional(Type.Union([Type.Null(), Timestamp])),
  },
  strict,
);

export const PatchBody = Type.Object(
  {
    displayName: Type.Optional(Text(200)),
    ownerTeamId: Type.Optional(NullableId),
    labels: Type.Optional(Labels),
  },
  strict,
);

export const ReasonBody = Type.Object({ reason: Reason }, strict);

export const ReplaceCredentialsBody = Type.Object(
  { credentials: CredentialsBody, credentialsExpiresAt: Type.Optional(Type.Union([Type.Null(), Timestamp])) },
  strict,
);

export const ListQuery = Type.Object(
  {
    platform: Type.Optional(PlatformSchema),
    status: Type.Optional(AccountStatusSchema),
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    label: Type.Optional(Label),
  },
  strict,
);

export const PermissionSchema = literals(ACCOUNT_PERMISSIONS);
export const GrantSchema = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
  permissions: Type.Array(PermissionSchema),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const GrantBody = Type.Object(
  { permissions: Type.Array(PermissionSchema, { maxItems: ACCOUNT_PERMISSIONS.length, uniqueItems: true }) },
  strict,
);
