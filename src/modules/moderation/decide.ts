// The inbound policy, pure: an item's matches (and spam signals) + the active dictionaries + the organisation's
// settings in, what to do out. classify.ts applies the decision; nothing here touches the database.
import type { InboundPolicyAction, ModerationSettings } from './settings.js';

export interface PolicyMatch {
  dictionary: string;
  category: string;
  term: string;
  start: number;
  end: number;
}

export interface PolicyDictionary {
  category: string;
  action: string;
  severity: string;
}

export interface CategoryDecision {
  category: string;
  action: InboundPolicyAction;
  severity: string;
  /** Where the action came from: the dictionary, the organisation's override, or the spam checks. */
  source: 'dictionary' | 'override' | 'spam';
}

export interface PolicyDecision {
  categories: string[];
  perCategory: CategoryDecision[];
  safeguarding: boolean;
  priority: number;
  /** Platform actions to take now, in order. */
  platformActions: Array<'hide' | 'delete' | 'block'>;
  queue: boolean;
  escalate: boolean;
  /** Review deadline offset from now, when queued. */
  slaMs: number | null;
  /** Platform actions a dictionary asked for and the safeguarding lane held back for a person. */
  withheld: string[];
}

const SEVERITY_RANK: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
// When two dictionaries of one category disagree, the stronger action wins.
const ACTION_RANK: Record<InboundPolicyAction, number> = {
  record: 0,
  review: 1,
  hide: 2,
  block: 3,
  delete: 4,
  escalate: 5,
};

/** Outbound-only actions (block_publish, require_approval, warn) mean nothing for a reply: record it. */
const inboundAction = (action: string): InboundPolicyAction =>
  action in ACTION_RANK ? (action as InboundPolicyAction) : 'record';

export interface SpamSignal {
  category: string;
  severity: string;
}

function perCategory(
  matches: readonly PolicyMatch[],
  dictionaries: ReadonlyMap<string, PolicyDictionary>,
  settings: ModerationSettings,
  spam: readonly SpamSignal[],
): CategoryDecision[] {
  const byCategory = new Map<string, CategoryDecision>();
  const consider = (d: CategoryDecision): void => {
    const prev = byCategory.get(d.category);
    if (!prev) return void byCategory.set(d.category, d);
    const action = ACTION_RANK[d.action] > ACTION_RANK[prev.action] ? d.action : prev.action;
    const severity =
      (SEVERITY_RANK[d.severity] ?? 0) > (SEVERITY_RANK[prev.severity] ?? 0) ? d.severity : prev.severity;
    byCategory.set(d.category, { ...prev, action, severity });
  };
  for (const m of matches) {
    const dict = dictionaries.get(m.dictionary);
    if (!dict) continue;
    consider({
      category: m.category,
      action: inboundAction(dict.action),
      severity: dict.severity,
      source: 'dictionary',
    });
  }
  for (const s of spam)
    consider({ category: s.category, action: settings.flood.action, severity: s.severity, source: 'spam' });
  return [...byCategory.values()].map((d) => {
    const override = settings.categoryActions[d.category];
    return override ? { ...d, action: override, source: 'override' as const } : d;
  });
}

export function decidePolicy(
  matches: readonly PolicyMatch[],
  dictionaries: ReadonlyMap<string, PolicyDictionary>,
  settings: ModerationSettings,
  spam: readonly SpamSignal[] = [],
): PolicyDecision {
  const decisions = perCategory(matches, dictionaries, settings, spam);
  const actions = new Set(decisions.map((d) => d.action));
  const safeguarding = decisions.some((d) => settings.safeguardingCategories.includes(d.category));
  const topSeverity = Math.max(0, ...decisions.map((d) => SEVERITY_RANK[d.severity] ?? 0));
  const escalate = actions.has('escalate');
  const wanted: Array<'hide' | 'delete' | 'block'> = [];
  // Delete replaces hide (both remove the reply from view); blocking the author comes on top.
  if (actions.has('delete')) wanted.push('delete');
  else if (actions.has('hide')) wanted.push('hide');
  if (actions.has('block')) wanted.push('block');
  // Safeguarding: never removed silently. A person sees it first; the platform actions wait for them.
  const platformActions = safeguarding ? [] : wanted;
  const queue = safeguarding || escalate || actions.has('review');
  const priority = safeguarding
    ? 100 + topSeverity * 10
    : escalate
      ? 60 + topSeverity * 10
      : topSeverity * 10;
  const slaMinutes = safeguarding
    ? settings.safeguardingSlaMinutes
    : escalate
      ? settings.escalationSlaMinutes
      : settings.reviewSlaMinutes;
  return {
    categories: decisions.map((d) => d.category).sort(),
    perCategory: decisions,
    safeguarding,
    priority,
    platformActions,
    queue,
    escalate,
    slaMs: queue ? slaMinutes * 60_000 : null,
    withheld: safeguarding ? wanted : [],
  };
}
