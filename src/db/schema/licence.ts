// Licence to post (src/modules/licence) and hijack detection (src/modules/hijack). Timestamps are epoch ms.

/** One published version of an organisation's social media agreement. Versions are immutable once published. */
export interface LicenceAgreementTable {
  id: string;
  org_id: string;
  version: number;
  title: string;
  body: string;
  body_format: 'markdown' | 'plain';
  published_by: string | null;
  published_by_label: string;
  published_at: number;
}

/** A user accepted one version (append-only: the history of acceptances is the evidence). */
export interface LicenceAcceptanceTable {
  id: string;
  org_id: string;
  user_id: string;
  version: number;
  accepted_at: number;
  ip: string | null;
}

/** A user's latest recorded training completion (one row per user). */
export interface LicenceTrainingTable {
  org_id: string;
  user_id: string;
  completed_at: number;
  expires_at: number;
  recorded_by: string | null;
  updated_at: number;
}

/** Per-organisation licence settings; no row = defaults (training not required, warn 14 days before). */
export interface LicenceSettingTable {
  org_id: string;
  training_required: number;
  warn_days_before_expiry: number;
  updated_at: number;
}

/** A post found on an account that Parapet did not publish (a hijack signal). */
export interface HijackDetectionTable {
  id: string;
  org_id: string;
  account_id: string;
  platform: string;
  platform_post_id: string;
  /** JSON PostRef (what deletePost needs). */
  platform_ref: string;
  text: string;
  url: string | null;
  platform_created_at: number;
  detected_at: number;
  /** 'alerted' | 'delete_and_lock' */
  action: string;
  delete_job_id: string | null;
  deleted_at: number | null;
  delete_error: string | null;
}

/** Per-account hijack settings and the watermark: posts created before it are never flagged. */
export interface HijackAccountStateTable {
  account_id: string;
  org_id: string;
  /** 'alert' | 'delete_and_lock' */
  policy: string;
  /** Posts created at or before this time are not checked (set when first seen; starts at account connection). */
  watermark: number;
  last_checked_at: number | null;
  last_error: string | null;
  /** A rate limit was hit: do not call the platform for this account before then. */
  retry_after: number | null;
  updated_at: number;
}

export interface LicenceTables {
  licence_agreement: LicenceAgreementTable;
  licence_acceptance: LicenceAcceptanceTable;
  licence_training: LicenceTrainingTable;
  licence_setting: LicenceSettingTable;
  hijack_detection: HijackDetectionTable;
  hijack_account_state: HijackAccountStateTable;
}
