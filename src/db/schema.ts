import type { AlertDeliveryTables } from './schema/alert-delivery.js';
import type { AlertTables } from './schema/alerts.js';
import type { AnalyticsTables } from './schema/analytics.js';
import type { AnalyticsRollupTables } from './schema/analytics-rollups.js';
import type { ArchiveTables } from './schema/archive.js';
import type { InboundTables } from './schema/inbound.js';
import type { LicenceTables } from './schema/licence.js';
import type { ModerationTables } from './schema/moderation.js';
import type { ModerationPolicyTables } from './schema/moderation-policy.js';
import type { PublishExecutionTables } from './schema/publish-execution.js';
import type { PublishingTables } from './schema/publishing.js';
import type { PublishingComposeTables } from './schema/publishing-compose.js';
import type { ReviewTables } from './schema/review.js';

export type { AlertEventTable } from './schema/alerts.js';

// Table types for Kysely. Timestamps are epoch milliseconds (bigint on PostgreSQL) so that
// comparisons, ordering and hashing behave the same on both databases.

export interface OrganisationTable {
  id: string;
  name: string;
  slug: string;
  require_mfa: number;
  sso_config: string | null;
  created_at: number;
  updated_at: number;
}

export interface TeamTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  name: string;
  kind: 'force' | 'district' | 'team';
  created_at: number;
}

export interface UserTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  roles: string;
  team_id: string | null;
  password_hash: string | null;
  status: 'active' | 'suspended';
  status_reason: string | null;
  mfa_secret: string | null;
  mfa_enabled: number;
  mfa_last_step: number | null;
  failed_sign_ins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: number | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  org_id: string;
  csrf_token: string;
  stage: 'mfa_pending' | 'mfa_enrolment_required' | 'active';
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
  revoked_at: number | null;
}

export interface ApiTokenTable {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  created_at: number;
}

export interface OneTimeTokenTable {
  id: string;
  purpose: 'setup' | 'invite';
  org_id: string | null;
  user_id: string | null;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface SsoLoginStateTable {
  state: string;
  org_id: string;
  code_verifier: string;
  nonce: string;
  expires_at: number;
}

export interface AuditRecordTable {
  id: string;
  org_id: string;
  seq: number;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  ip: string | null;
  request_id: string | null;
  created_at: number;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  org_id: string;
  seq: number;
  hash: string;
}

export interface JobTable {
  id: string;
  org_id: string | null;
  type: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'dead';
  run_after: number;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  idempotency_key: string | null;
  locked_by: string | null;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface VaultSecretTable {
  id: string;
  org_id: string | null;
  purpose: string;
  envelope: string;
  /** Id of the master key wrapping the data key; null for secrets stored before key ids. */
  key_id: string | null;
  created_at: number;
}

export type AccountStatus = 'active' | 'suspended' | 'credentials_expired' | 'locked';

export interface SocialAccountTable {
  id: string;
  org_id: string;
  platform: string;
  platform_account_id: string;
  handle: string;
  display_name: string;
  base_url: string | null;
  owner_team_id: string | null;
  /** JSON array of strings. */
  labels: string;
  status: AccountStatus;
  status_reason: string | null;
  credentials_secret_id: string | null;
  credentials_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AccountGrantTable {
  org_id: string;
  account_id: string;
  user_id: string;
  /** JSON array of account permissions. */
  permissions: string;
  created_at: number;
  updated_at: number;
}

/** One registration of Parapet as an OAuth app per Mastodon instance; the secret is in the vault. */
export interface MastodonAppTable {
  instance_url: string;
  client_id: string;
  client_secret_id: string;
  created_at: number;
}

export interface AccountConnectStateTable {
  state: string;
  org_id: string;
  user_id: string;
  platform: string;
  base_url: string | null;
  code_verifier: string;
  expires_at: number;
}

export interface DictionaryTable {
  id: string;
  org_id: string;
  name: string;
  active_version: number | null;
  latest_version: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface DictionaryVersionTable {
  id: string;
  org_id: string;
  dictionary_id: string;
  version: number;
  name: string;
  yaml: string;
  /** Copied from the parsed YAML so lists need not re-parse every version. */
  category: string;
  action: string;
  severity: string;
  term_count: number;
  pattern_count: number;
  source: 'create' | 'edit' | 'import' | 'starter';
  author_id: string | null;
  author_label: string;
  tests_passed: number;
  /** JSON array of {kind, text, message}. */
  test_failures: string;
  created_at: number;
}

export interface DictionaryTermStatTable {
  org_id: string;
  dictionary_id: string;
  term: string;
  matches: number;
  decisions_confirmed: number;
  decisions_rejected: number;
  updated_at: number;
}

// The built-in Sandbox network (src/sandbox): shared by the whole installation, so no org_id.
export interface SandboxUserTable {
  id: string;
  handle: string;
  display_name: string;
  kind: 'official' | 'public';
  created_at: number;
}

export interface SandboxTokenTable {
  token_hash: string;
  user_id: string;
  created_at: number;
}

export interface SandboxPostTable {
  id: string;
  author_id: string;
  text: string;
  reply_to_id: string | null;
  root_id: string | null;
  hidden: number;
  deleted_at: number | null;
  created_at: number;
}

export interface SandboxBlockTable {
  user_id: string;
  blocked_user_id: string;
  created_at: number;
}

export interface SandboxReportTable {
  id: string;
  reporter_id: string;
  post_id: string;
  reported_user_id: string;
  reason: string;
  created_at: number;
}

export interface Database
  extends ArchiveTables,
    PublishExecutionTables,
    InboundTables,
    LicenceTables,
    PublishingTables,
    PublishingComposeTables,
    ModerationTables,
    AlertTables,
    AlertDeliveryTables,
    ModerationPolicyTables,
    ReviewTables,
    AnalyticsTables,
    AnalyticsRollupTables {
  organisation: OrganisationTable;
  team: TeamTable;
  app_user: UserTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  one_time_token: OneTimeTokenTable;
  sso_login_state: SsoLoginStateTable;
  audit_record: AuditRecordTable;
  audit_head: AuditHeadTable;
  job: JobTable;
  vault_secret: VaultSecretTable;
  dictionary: DictionaryTable;
  dictionary_version: DictionaryVersionTable;
  dictionary_term_stat: DictionaryTermStatTable;
  social_account: SocialAccountTable;
  account_grant: AccountGrantTable;
  account_connect_state: AccountConnectStateTable;
  mastodon_app: MastodonAppTable;
  sandbox_user: SandboxUserTable;
  sandbox_token: SandboxTokenTable;
  sandbox_post: SandboxPostTable;
  sandbox_block: SandboxBlockTable;
  sandbox_report: SandboxReportTable;
}
