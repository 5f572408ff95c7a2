// Publishing execution tables (src/modules/publishing publish-*, kill-switch-*, delete-*). Timestamps are epoch ms.
import type { PostStatus } from './publishing.js';

/**
 * One logical publish of a post revision, committed BEFORE the platform call. An attempt with no finished_at
 * means "the platform may or may not have the post": the next try reconciles before posting again.
 */
export interface PublishAttemptTable {
  id: string;
  org_id: string;
  post_id: string;
  revision: number;
  account_id: string;
  /** Sent to platforms that dedupe on it (Sandbox, Mastodon) and the seed of Bluesky's record key. */
  idempotency_key: string;
  /** The job carrying the attempt now: only it may continue a post left `publishing` (a duplicate job may not). */
  job_id: string;
  started_at: number;
  /** How many times the platform was called for this attempt. */
  tries: number;
  finished_at: number | null;
  outcome: 'published' | 'reconciled' | 'failed' | null;
  platform_post_id: string | null;
  error: string | null;
}

export type HoldKind =
  | 'organisation_paused'
  | 'account_suspended'
  | 'account_unavailable'
  | 'author_suspended'
  | 'author_unlicensed';

/** Why a post is `held` and the status it returns to when the hold is lifted. One row per held post. */
export interface PostHoldTable {
  post_id: string;
  org_id: string;
  kind: HoldKind;
  from_status: PostStatus;
  reason: string;
  created_at: number;
}

/** The Sandbox remembers each Idempotency-Key per author, so a repeated create returns the first post. */
export interface SandboxIdempotencyTable {
  author_id: string;
  idempotency_key: string;
  post_id: string;
  created_at: number;
}

export interface PublishExecutionTables {
  publish_attempt: PublishAttemptTable;
  post_hold: PostHoldTable;
  sandbox_idempotency: SandboxIdempotencyTable;
}

// The organisation-wide "pause all publishing" switch lives on the organisation row (added by migration
// 2026-11-25T0020); declared here by augmentation so the shared OrganisationTable stays untouched.
declare module '../schema.js' {
  interface OrganisationTable {
    publishing_paused_at: number | null;
    publishing_paused_reason: string | null;
    publishing_paused_by: string | null;
  }
}
