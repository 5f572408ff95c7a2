// A reviewer's verdict on an item feeds each matched term's precision (src/modules/dictionaries/term-stats.ts).
// Rules: allow → the terms were wrong to fire (rejected); hide, delete, block and escalate → right to fire
// (confirmed: escalating says a person judged the flag worth a senior look). Each item counts once per term,
// at its first final verdict: a destructive decision counts when signed off (a refused sign-off counts
// nothing), and a later decision on an escalated or re-opened item does not count again. The event that
// recorded the verdict carries detail.termVerdict, which is how "already counted" is known.
import type { Db } from '../../db/database.js';
import type { ModerationEventTable } from '../../db/schema/moderation.js';
import { recordTermDecision } from '../dictionaries/term-stats.js';
import { parseMatches } from './views.js';

export type TermVerdict = 'confirmed' | 'rejected';

export const verdictOf = (decision: string): TermVerdict => (decision === 'allow' ? 'rejected' : 'confirmed');

export function verdictAlreadyRecorded(events: readonly ModerationEventTable[]): boolean {
  return events.some((e) => {
    const d = JSON.parse(e.detail || '{}') as { termVerdict?: unknown };
    return typeof d.termVerdict === 'string';
  });
}

/** Bumps each distinct (dictionary, term) of the item once. Returns how many terms were counted. */
export async function recordVerdicts(
  db: Db,
  orgId: string,
  matchesJson: string,
  verdict: TermVerdict,
  now = Date.now(),
): Promise<number> {
  const distinct = new Map<string, { dictionary: string; term: string }>();
  for (const m of parseMatches(matchesJson))
    distinct.set(JSON.stringify([m.dictionary, m.term]), { dictionary: m.dictionary, term: m.term });
  let counted = 0;
  // Sorted so concurrent decisions lock stat rows in one order (no deadlocks on PostgreSQL).
  for (const [, m] of [...distinct].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (await recordTermDecision(db, orgId, { ...m, confirmed: verdict === 'confirmed' }, now)) counted++;
  }
  return counted;
}
