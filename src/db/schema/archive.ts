// Archive and records tables (src/modules/archive, src/modules/transparency). Epoch-ms timestamps.
// inbound_item.redacted_at and post.redacted_at (added by the same migration) mark items whose content
// retention removed; the columns are declared here as table extensions.

export interface ArchiveRetentionRuleTable {
  org_id: string;
  /** 'inbound' | 'post' */
  kind: string;
  /** An inbound category, 'uncategorised', or '*' (every category without its own rule; all posts). */
  category: string;
  days: number;
  updated_by: string | null;
  updated_at: number;
}

export interface LegalHoldTable {
  id: string;
  org_id: string;
  name: string;
  reason: string;
  /** JSON HoldScope {accountIds?, authors?, from?, to?, query?}. */
  scope: string;
  created_by: string;
  created_at: number;
  released_at: number | null;
  released_by: string | null;
  release_reason: string | null;
}

export interface ArchiveExportTable {
  id: string;
  org_id: string;
  requested_by: string;
  requested_by_label: string;
  reason: string;
  /** JSON ArchiveFilters. */
  filters: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  item_count: number | null;
  size_bytes: number | null;
  sha256: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface TransparencySettingTable {
  org_id: string;
  enabled: number;
  updated_by: string | null;
  updated_at: number;
}

export interface ArchiveTables {
  archive_retention_rule: ArchiveRetentionRuleTable;
  legal_hold: LegalHoldTable;
  archive_export: ArchiveExportTable;
  transparency_setting: TransparencySettingTable;
}
