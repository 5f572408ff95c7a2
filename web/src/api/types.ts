// API types come from the server's own TypeBox response schemas: never redeclared here.
import type { Static } from 'typebox';
import type { AccountSchema, GrantSchema } from '../../../src/modules/accounts/schemas.js';
import type {
  DictionaryDetail as DictionaryDetailSchema,
  DictionarySummary,
  DiffBody,
  TermStatsBody,
  TryResult,
  VersionDetail as VersionDetailSchema,
  VersionSummary,
} from '../../../src/modules/dictionaries/schemas.js';
import type {
  OrganisationSchema,
  StageSchema,
  TeamSchema,
  UserSchema,
} from '../../../src/modules/identity/schemas.js';

export type Account = Static<typeof AccountSchema>;
export type Grant = Static<typeof GrantSchema>;
export type User = Static<typeof UserSchema>;
export type Team = Static<typeof TeamSchema>;
export type Organisation = Static<typeof OrganisationSchema>;
export type Stage = Static<typeof StageSchema>;
export type Dictionary = Static<typeof DictionarySummary>;
export type DictionaryVersion = Static<typeof VersionSummary>;
export type TryMatches = Static<typeof TryResult>;
export type DictionaryDetail = Static<typeof DictionaryDetailSchema>;
export type VersionDetail = Static<typeof VersionDetailSchema>;
export type DictionaryDiff = Static<typeof DiffBody>;
export type TermStats = Static<typeof TermStatsBody>;

export interface Me {
  user: User;
  organisation: Organisation;
  stage: Stage;
  csrfToken: string | null;
}

import type { AuditRecordSchema } from '../../../src/modules/audit/schemas.js';
export type AuditRecord = Static<typeof AuditRecordSchema>;

import type { ApiTokenSchema } from '../../../src/modules/identity/schemas.js';
import type { SsoConfigSchema } from '../../../src/modules/identity/sso-schemas.js';
import type { JobSchema } from '../../../src/modules/jobs/schemas.js';
export type Job = Static<typeof JobSchema>;
export type ApiToken = Static<typeof ApiTokenSchema>;
export type SsoConfig = Static<typeof SsoConfigSchema>;
