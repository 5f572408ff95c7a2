// Analytics rollups (src/modules/analytics/rollup-*.ts): per organisation, account and UTC day (day = epoch ms
// / 86,400,000), recomputed whole by the rollup job from inbound_item and moderation_event. The dashboard reads
// the days they cover and only the still-open edges of a period from the raw tables.

/** Inbound items by the day Parapet received them: counts as the items are now (handled may change later). */
export interface AnalyticsInboundDayTable {
  org_id: string;
  account_id: string;
  day: number;
  received: number;
  handled: number;
  questions: number;
}

/** Moderation events by the day they happened. '' stands for a null actor or action (part of the key). */
export interface AnalyticsModerationDayTable {
  org_id: string;
  day: number;
  account_id: string;
  actor_id: string;
  type: string;
  action: string;
  /** The item's categories, JSON array as on inbound_item (split per category when read). */
  categories: string;
  count: number;
}

/**
 * Time to act per account, category ('(none)' for an item without one) and received day: the item count and one
 * log-scale histogram per stage (src/modules/analytics/histogram.ts), JSON {measure: [bucket, count, …]}.
 */
export interface AnalyticsTimeToActDayTable {
  org_id: string;
  account_id: string;
  category: string;
  day: number;
  items: number;
  histograms: string;
}

/** The same per UTC hour (hour = epoch ms / 3,600,000): read for the partial days at a period's edges. */
export interface AnalyticsInboundHourTable {
  org_id: string;
  account_id: string;
  hour: number;
  received: number;
  handled: number;
  questions: number;
}

export interface AnalyticsTimeToActHourTable {
  org_id: string;
  account_id: string;
  category: string;
  hour: number;
  items: number;
  histograms: string;
}

/** Per organisation: the rollups hold everything received/happened before rolled_until (epoch ms). */
export interface AnalyticsRollupStateTable {
  org_id: string;
  rolled_until: number;
  /** When the last run started: the next run looks for moderation events from here on. */
  run_started_at: number;
  updated_at: number;
}

export interface AnalyticsRollupTables {
  analytics_inbound_day: AnalyticsInboundDayTable;
  analytics_moderation_day: AnalyticsModerationDayTable;
  analytics_inbound_hour: AnalyticsInboundHourTable;
  analytics_time_to_act_hour: AnalyticsTimeToActHourTable;
  analytics_time_to_act_day: AnalyticsTimeToActDayTable;
  analytics_rollup_state: AnalyticsRollupStateTable;
}
