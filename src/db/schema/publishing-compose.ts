// Tables and columns added by the compose/approval work (migration 2026-11-25T0010-publishing-compose).
// The two added columns live on shared tables, so their types are declared here and merged in by the
// publishing module's own db view (src/modules/publishing/compose-db.ts), not in the shared interfaces.

/** Per-organisation outbound-anomaly settings; a missing row means the defaults. */
export interface PublishingSettingsTable {
  org_id: string;
  /** Submissions one user may make in any rolling hour (each account of a batch counts). */
  posts_per_user_per_hour: number;
  /** Above this many submissions in an hour, a publishing.volume alert is raised (once per user per hour). */
  volume_alert_per_hour: number;
  updated_by: string | null;
  updated_at: number;
}

/** Extra columns: social_account.approval_steps (default 1) and post.submitted_at. */
export interface PublishingComposeColumns {
  social_account: { approval_steps: number };
  post: { submitted_at: number | null };
}

export interface PublishingComposeTables {
  publishing_settings: PublishingSettingsTable;
}
