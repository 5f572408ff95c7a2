// The review queue's tables (src/modules/review). Epoch-ms timestamps; booleans as 0/1.

/** One row per organisation, created with defaults on first use. SLA minutes: moderation settings (one source). */
export interface ReviewSettingsTable {
  org_id: string;
  /** 1: a delete decision waits for a second person's sign-off before the platform action is requested. */
  signoff_delete: number;
  signoff_block: number;
  /** 1 once the starter response templates were written (so deleting them all does not bring them back). */
  templates_seeded: number;
  updated_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A suggested response shown with safeguarding items, e.g. "If you are in immediate danger call 999". */
export interface ReviewTemplateTable {
  id: string;
  org_id: string;
  title: string;
  body: string;
  /** JSON array of categories it suits (e.g. ["welfare"]); empty = every safeguarding item. */
  categories: string;
  position: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** Items whose SLA breach was alerted: one alert per item, and the breach check skips them cheaply. */
export interface ReviewSlaBreachTable {
  item_id: string;
  org_id: string;
  due_at: number;
  alert_id: string | null;
  created_at: number;
}

export interface ReviewTables {
  review_settings: ReviewSettingsTable;
  review_template: ReviewTemplateTable;
  review_sla_breach: ReviewSlaBreachTable;
}
