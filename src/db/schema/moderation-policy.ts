// Moderation policy settings per organisation (src/modules/moderation/settings.ts). Epoch-ms timestamps.

export interface ModerationSettingTable {
  org_id: string;
  /** JSON ModerationSettings; missing keys take the defaults. */
  settings: string;
  updated_by: string | null;
  updated_at: number;
}

/** The normalized-text fingerprint of each classified item, for "same text from many authors" checks. */
export interface InboundFingerprintTable {
  item_id: string;
  org_id: string;
  fingerprint: string;
  author_platform_id: string;
  received_at: number;
}

export interface ModerationPolicyTables {
  moderation_setting: ModerationSettingTable;
  inbound_fingerprint: InboundFingerprintTable;
}
