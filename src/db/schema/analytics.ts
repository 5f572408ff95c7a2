// Analytics and reports tables (src/modules/analytics, src/modules/reports). Epoch-ms timestamps.

/** One engagement snapshot of one published post, as the platform reported it (null = not offered). */
export interface PostMetricTable {
  post_id: string;
  org_id: string;
  fetched_at: number;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  views: number | null;
}

/**
 * The newest snapshot per post, denormalised with the post's account, author and publish time so the
 * dashboard's engagement sums and top posts read one narrow indexed table instead of a join.
 */
export interface PostMetricLatestTable {
  post_id: string;
  org_id: string;
  account_id: string;
  author_id: string;
  published_at: number;
  fetched_at: number;
  likes: number;
  replies: number;
  reposts: number;
  views: number | null;
  /** likes + replies + reposts: the ranking figure for top posts. */
  engagement: number;
}

export interface ReportScheduleTable {
  id: string;
  org_id: string;
  scope: 'org' | 'team';
  team_id: string | null;
  cadence: 'weekly' | 'monthly';
  /** JSON array of app_user ids. */
  recipients: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface ReportTable {
  id: string;
  org_id: string;
  /** Null for an on-demand preview. */
  schedule_id: string | null;
  scope: 'org' | 'team';
  team_id: string | null;
  period_from: number;
  period_to: number;
  title: string;
  html: string;
  /** The PDF, base64: reports are small (tens of kB) and this keeps them in the one database backup. */
  pdf_base64: string;
  created_by: string | null;
  created_at: number;
}

export interface AnalyticsTables {
  post_metric: PostMetricTable;
  post_metric_latest: PostMetricLatestTable;
  report_schedule: ReportScheduleTable;
  report: ReportTable;
}
