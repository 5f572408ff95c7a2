import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';

const strict = { additionalProperties: false } as const;
const Version = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const NullableVersion = Type.Union([Type.Null(), Type.Integer()]);

export const AgreementSummarySchema = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  format: Type.String(),
  publishedBy: Type.String(),
  publishedAt: Timestamp,
});

export const AgreementSchema = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  format: Type.String(),
  publishedBy: Type.String(),
  publishedAt: Timestamp,
});

export const PublishAgreementBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 200_000 }),
    format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('plain')])),
  },
  strict,
);

export const VersionParams = Type.Object({ version: Type.String({ pattern: '^[0-9]{1,7}$' }) }, strict);
export const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) }, strict);

export const AcceptBody = Type.Object({ version: Version }, strict);

export const LicenceStatusSchema = Type.Object({
  canPost: Type.Boolean(),
  reason: Type.Union([Type.Null(), Type.String()]),
  message: Type.Union([Type.Null(), Type.String()]),
  acceptedVersion: NullableVersion,
  currentVersion: NullableVersion,
  trainingExpiresAt: NullableTimestamp,
});

export const MyLicenceSchema = Type.Object({
  ...LicenceStatusSchema.properties,
  acceptedAt: NullableTimestamp,
  trainingCompletedAt: NullableTimestamp,
  trainingRequired: Type.Boolean(),
});

export const UserLicenceSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  ...MyLicenceSchema.properties,
});

export const TrainingBody = Type.Object({ completedAt: Timestamp, expiresAt: Timestamp }, strict);
export const TrainingSchema = Type.Object({
  userId: Type.String(),
  completedAt: Timestamp,
  expiresAt: Timestamp,
});

export const SettingsSchema = Type.Object({
  trainingRequired: Type.Boolean(),
  warnDaysBeforeExpiry: Type.Integer(),
});
export const SettingsBody = Type.Object(
  {
    trainingRequired: Type.Optional(Type.Boolean()),
    warnDaysBeforeExpiry: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  },
  { ...strict, minProperties: 1 },
);
