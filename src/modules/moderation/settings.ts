// Per-organisation moderation settings: category overrides, SLAs, flood thresholds. One JSON row per
// organisation (moderation_setting); absent keys take the defaults below, so old rows keep working.
import type { Db } from '../../db/database.js';

export const INBOUND_ACTIONS = ['hide', 'delete', 'block', 'review', 'escalate', 'record'] as const;
export type InboundPolicyAction = (typeof INBOUND_ACTIONS)[number];

export interface FloodSettings {
  /** More than authorMaxMessages from one author within authorWindowMinutes is a flood. */
  authorWindowMinutes: number;
  authorMaxMessages: number;
  /** The same normalized text from at least duplicateMinAuthors authors within duplicateWindowMinutes. */
  duplicateWindowMinutes: number;
  duplicateMinAuthors: number;
  /** More links than this in one message is link spam. */
  maxLinks: number;
  /** What is done with a flood or spam item (policy action). */
  action: InboundPolicyAction;
  /** Raise an 'inbound.flood' alert (once per window and kind). */
  alert: boolean;
}

export interface ModerationSettings {
  /** Categories that are never hidden silently: queued first with an urgent alert and an SLA. */
  safeguardingCategories: string[];
  safeguardingSlaMinutes: number;
  escalationSlaMinutes: number;
  reviewSlaMinutes: number;
  /** category → action, replacing the dictionary's action for this organisation. */
  categoryActions: Record<string, InboundPolicyAction>;
  flood: FloodSettings;
}

export const DEFAULT_SETTINGS: ModerationSettings = {
  safeguardingCategories: ['welfare', 'threat'],
  safeguardingSlaMinutes: 15,
  escalationSlaMinutes: 60,
  reviewSlaMinutes: 240,
  categoryActions: {},
  flood: {
    authorWindowMinutes: 10,
    authorMaxMessages: 8,
    duplicateWindowMinutes: 30,
    duplicateMinAuthors: 5,
    maxLinks: 3,
    action: 'review',
    alert: true,
  },
};

/** The product's safeguarding categories stay safeguarding whatever an organisation configures. */
export const FIXED_SAFEGUARDING = ['welfare', 'threat'];

export function mergeSettings(stored: Partial<ModerationSettings> | null): ModerationSettings {
  const s = stored ?? {};
  return {
    ...DEFAULT_SETTINGS,
    ...s,
    safeguardingCategories: [...new Set([...FIXED_SAFEGUARDING, ...(s.safeguardingCategories ?? [])])],
    categoryActions: { ...(s.categoryActions ?? {}) },
    flood: { ...DEFAULT_SETTINGS.flood, ...(s.flood ?? {}) },
  };
}

export async function loadSettings(db: Db, orgId: string): Promise<ModerationSettings> {
  const row = await db
    .selectFrom('moderation_setting')
    .select('settings')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return mergeSettings(row ? (JSON.parse(row.settings) as Partial<ModerationSettings>) : null);
}

export async function storeSettings(
  db: Db,
  orgId: string,
  settings: ModerationSettings,
  userId: string | null,
  now = Date.now(),
): Promise<void> {
  const text = JSON.stringify(settings);
  await db
    .insertInto('moderation_setting')
    .values({ org_id: orgId, settings: text, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({ settings: text, updated_by: userId, updated_at: now }),
    )
    .execute();
}
