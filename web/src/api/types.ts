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

import type {
  AlertSchema,
  CreatedWebhook as CreatedWebhookSchema,
  DeliverySchema,
  SubscriptionsView as SubscriptionsViewSchema,
  WebhookSchema,
} from '../../../src/modules/alerts/schemas.js';
import type {
  ItemDetail as InboundDetailSchema,
  ItemSummary as InboundSummarySchema,
} from '../../../src/modules/moderation/schemas.js';
import type { SettingsSchema as ModerationSettingsSchema } from '../../../src/modules/moderation/settings-schemas.js';
import type {
  ContextSchema,
  ItemStateSchema,
  QueueResponse as QueueResponseSchema,
  QueueRowSchema,
  SettingsSchema as ReviewSettingsSchema,
  TemplateSchema,
} from '../../../src/modules/review/schemas.js';
export type Alert = Static<typeof AlertSchema>;
export type AlertWebhook = Static<typeof WebhookSchema>;
export type CreatedWebhook = Static<typeof CreatedWebhookSchema>;
export type WebhookDelivery = Static<typeof DeliverySchema>;
export type AlertSubscriptions = Static<typeof SubscriptionsViewSchema>;
export type InboundItem = Static<typeof InboundSummarySchema>;
export type InboundDetail = Static<typeof InboundDetailSchema>;
export type ModerationSettings = Static<typeof ModerationSettingsSchema>;
export type QueueRow = Static<typeof QueueRowSchema>;
export type QueueResponse = Static<typeof QueueResponseSchema>;
export type ReviewContext = Static<typeof ContextSchema>;
export type ReviewItemState = Static<typeof ItemStateSchema>;
export type ReviewSettings = Static<typeof ReviewSettingsSchema>;
export type ResponseTemplate = Static<typeof TemplateSchema>;

import type {
  DetectionSchema as HijackDetectionSchema,
  HijackStateSchema,
} from '../../../src/modules/hijack/schemas.js';
import type {
  AgreementSchema,
  AgreementSummarySchema,
  SettingsSchema as LicenceSettingsSchema,
  MyLicenceSchema,
  UserLicenceSchema,
} from '../../../src/modules/licence/schemas.js';
import type {
  ApprovalItemSchema,
  ApprovalPolicySchema,
  CheckResultSchema,
  ComposeBody,
  PostDetailSchema,
  PostSchema,
  PublishingResumedSchema,
  SettingsSchema as PublishingSettingsSchema,
  PublishingStatusSchema,
} from '../../../src/modules/publishing/schemas.js';
export type Post = Static<typeof PostSchema>;
export type PostDetail = Static<typeof PostDetailSchema>;
export type PostStatus = Post['status'];
export type ApprovalItem = Static<typeof ApprovalItemSchema>;
export type CheckResult = Static<typeof CheckResultSchema>;
export type OutboundMatch = CheckResult['matches'][number];
export type ComposeInput = Static<typeof ComposeBody>;
export type ApprovalPolicy = Static<typeof ApprovalPolicySchema>;
export type PublishingSettings = Static<typeof PublishingSettingsSchema>;
export type PublishingStatus = Static<typeof PublishingStatusSchema>;
export type PublishingResumed = Static<typeof PublishingResumedSchema>;
export type Agreement = Static<typeof AgreementSchema>;
export type AgreementSummary = Static<typeof AgreementSummarySchema>;
export type MyLicence = Static<typeof MyLicenceSchema>;
export type UserLicence = Static<typeof UserLicenceSchema>;
export type LicenceSettings = Static<typeof LicenceSettingsSchema>;
export type HijackDetection = Static<typeof HijackDetectionSchema>;
export type HijackState = Static<typeof HijackStateSchema>;

// Archive, evidence exports, legal holds, retention and transparency (src/modules/archive, src/modules/transparency).
import type {
  ExportSchema,
  FiltersSchema,
  HitSchema,
  HoldSchema,
  ItemSchema,
  RuleSchema,
} from '../../../src/modules/archive/schemas.js';
import type { TransparencySettingsSchema } from '../../../src/modules/transparency/schemas.js';

export type ArchiveFilters = Static<typeof FiltersSchema>;
export type ArchiveHit = Static<typeof HitSchema>;
export type ArchiveItem = Static<typeof ItemSchema>;
export type RetentionRule = Static<typeof RuleSchema>;
export type LegalHold = Static<typeof HoldSchema>;
export type EvidenceExport = Static<typeof ExportSchema>;
export type TransparencySettings = Static<typeof TransparencySettingsSchema>;

import type { Overview as AnalyticsOverviewSchema } from '../../../src/modules/analytics/schemas.js';
import type { TimeToActResponse as TimeToActSchema } from '../../../src/modules/moderation/schemas.js';
export type AnalyticsOverview = Static<typeof AnalyticsOverviewSchema>;
export type TimeToAct = Static<typeof TimeToActSchema>;

// Analytics breakdown and reports (src/modules/analytics, src/modules/reports); AnalyticsOverview is above.
import type { Breakdown as BreakdownSchema } from '../../../src/modules/analytics/schemas.js';
import type {
  ReportSchema as BuiltReportSchema,
  ScheduleSchema as ReportScheduleSchema,
} from '../../../src/modules/reports/schemas.js';

export type AnalyticsBreakdown = Static<typeof BreakdownSchema>;
export type BuiltReport = Static<typeof BuiltReportSchema>;
export type ReportSchedule = Static<typeof ReportScheduleSchema>;

import type { StarterResult as StarterResultSchema } from '../../../src/modules/dictionaries/schemas.js';
import type { PublicTimelineSchema } from '../../../src/sandbox/public-schemas.js';
export type StarterResult = Static<typeof StarterResultSchema>;
export type SandboxPublicTimeline = Static<typeof PublicTimelineSchema>;

// Analytics scope-aware views (moderation counts, top posts with engagement metrics, time to act) and report
// schedule bodies, for the analytics and reports screens.
import type {
  Moderation as AnalyticsModerationSchema,
  TimeToAct as AnalyticsTimeToActSchema,
  TopPosts as AnalyticsTopPostsSchema,
} from '../../../src/modules/analytics/schemas.js';
import type {
  ScheduleBody as ReportScheduleBodySchema,
  SchedulePatch as ReportSchedulePatchSchema,
} from '../../../src/modules/reports/schemas.js';
export type AnalyticsModeration = Static<typeof AnalyticsModerationSchema>;
export type AnalyticsTopPosts = Static<typeof AnalyticsTopPostsSchema>;
export type AnalyticsTimeToAct = Static<typeof AnalyticsTimeToActSchema>;
export type ReportScheduleBody = Static<typeof ReportScheduleBodySchema>;
export type ReportSchedulePatch = Static<typeof ReportSchedulePatchSchema>;
