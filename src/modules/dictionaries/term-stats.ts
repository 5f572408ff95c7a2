// Per-term counters: how often each term fires, and how often reviewers agreed. They show which terms earn
// their place and which only produce noise (precision = confirmed / (confirmed + rejected)).
import type { Db } from '../../db/database.js';
import type { Match } from '../../rules/index.js';

type Counter = 'matches' | 'decisions_confirmed' | 'decisions_rejected';

async function bump(
  db: Db,
  orgId: string,
  dictionaryId: string,
  term: string,
  counter: Counter,
  by: number,
  now: number,
): Promise<void> {
  await db
    .insertInto('dictionary_term_stat')
    .values({
      org_id: orgId,
      dictionary_id: dictionaryId,
      term,
      matches: 0,
      decisions_confirmed: 0,
      decisions_rejected: 0,
      updated_at: now,
      [counter]: by,
    })
    .onConflict((oc) =>
      oc.columns(['dictionary_id', 'term']).doUpdateSet((eb) => ({
        [counter]: eb(`dictionary_term_stat.${counter}`, '+', by),
        updated_at: now,
      })),
    )
    .execute();
}

/** name → id for the organisation's dictionaries with these names (Match.dictionary holds the name). */
async function idsByName(db: Db, orgId: string, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .selectFrom('dictionary')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('name', 'in', names)
    .execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Counts matches from the organisation's matcher (called by inbound classification). Matches of a dictionary
 * the organisation no longer has under that name are ignored. Returns how many matches were counted.
 */
export async function recordTermMatches(
  db: Db,
  orgId: string,
  matches: ReadonlyArray<Pick<Match, 'dictionary' | 'term'>>,
  now = Date.now(),
): Promise<number> {
  const counts = new Map<string, { dictionary: string; term: string; n: number }>();
  for (const m of matches) {
    const key = JSON.stringify([m.dictionary, m.term]);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { dictionary: m.dictionary, term: m.term, n: 1 });
  }
  const ids = await idsByName(db, orgId, [...new Set(matches.map((m) => m.dictionary))]);
  // Sorted so that concurrent callers take row locks in the same order (no deadlocks on PostgreSQL); one
  // multi-row upsert for all terms (keys are unique here, as PostgreSQL requires within one statement).
  const rows = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([, c]) => {
      const id = ids.get(c.dictionary);
      return id === undefined
        ? []
        : [{ org_id: orgId, dictionary_id: id, term: c.term, matches: c.n, updated_at: now }];
    });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('dictionary_term_stat')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, decisions_confirmed: 0, decisions_rejected: 0 })))
      .onConflict((oc) =>
        oc.columns(['dictionary_id', 'term']).doUpdateSet((eb) => ({
          matches: eb('dictionary_term_stat.matches', '+', eb.ref('excluded.matches')),
          updated_at: now,
        })),
      )
      .execute();
  return rows.reduce((n, r) => n + r.matches, 0);
}

/**
 * Counts a reviewer's decision on a match (called by the review queue): confirmed = the term was right to fire.
 * `dictionary` is the dictionary's name (as in Match.dictionary) or its id. Returns false if it is unknown.
 */
export async function recordTermDecision(
  db: Db,
  orgId: string,
  decision: { dictionary: string; term: string; confirmed: boolean },
  now = Date.now(),
): Promise<boolean> {
  const row = await db
    .selectFrom('dictionary')
    .select('id')
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('name', '=', decision.dictionary), eb('id', '=', decision.dictionary)]))
    .executeTakeFirst();
  if (!row) return false;
  await bump(
    db,
    orgId,
    row.id,
    decision.term,
    decision.confirmed ? 'decisions_confirmed' : 'decisions_rejected',
    1,
    now,
  );
  return true;
}

export interface TermStat {
  term: string;
  matches: number;
  decisionsConfirmed: number;
  decisionsRejected: number;
  precision: number | null;
}

export async function termStatsOf(
  db: Db,
  orgId: string,
  dictionaryId: string,
): Promise<Map<string, TermStat>> {
  const rows = await db
    .selectFrom('dictionary_term_stat')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('dictionary_id', '=', dictionaryId)
    .execute();
  return new Map(
    rows.map((r) => {
      const confirmed = Number(r.decisions_confirmed);
      const rejected = Number(r.decisions_rejected);
      const stat = {
        term: r.term,
        matches: Number(r.matches),
        decisionsConfirmed: confirmed,
        decisionsRejected: rejected,
        precision: confirmed + rejected === 0 ? null : confirmed / (confirmed + rejected),
      };
      return [r.term, stat];
    }),
  );
}
