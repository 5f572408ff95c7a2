// What changed between two versions, computed from the parsed dictionaries rather than the text: reordering
// terms, editing comments or re-quoting is not a change; a term added or a severity raised is.
import type { Dictionary, PatternRule } from '../../rules/index.js';

export interface ListChange {
  added: string[];
  removed: string[];
}

export interface DictionaryDiff {
  fields: Array<{ field: string; from: string | null; to: string | null }>;
  terms: ListChange;
  exceptions: ListChange;
  patterns: { added: PatternRule[]; removed: PatternRule[] };
  tests: { mustMatch: ListChange; mustNotMatch: ListChange };
}

const FIELDS = ['name', 'category', 'action', 'severity', 'description'] as const;

function listChange(from: string[], to: string[]): ListChange {
  const before = new Set(from);
  const after = new Set(to);
  return {
    added: [...after].filter((x) => !before.has(x)),
    removed: [...before].filter((x) => !after.has(x)),
  };
}

// A pattern is identified by all of its parts: the same name with a new regex shows as removed + added.
const patternKey = (p: PatternRule): string => JSON.stringify([p.name, p.regex, p.caseInsensitive]);

export function diffDictionaries(from: Dictionary, to: Dictionary): DictionaryDiff {
  const fields = FIELDS.filter((f) => (from[f] ?? null) !== (to[f] ?? null)).map((f) => ({
    field: f,
    from: from[f] ?? null,
    to: to[f] ?? null,
  }));
  const beforePatterns = new Map(from.patterns.map((p) => [patternKey(p), p]));
  const afterPatterns = new Map(to.patterns.map((p) => [patternKey(p), p]));
  return {
    fields,
    terms: listChange(from.terms, to.terms),
    exceptions: listChange(from.exceptions, to.exceptions),
    patterns: {
      added: [...afterPatterns].filter(([k]) => !beforePatterns.has(k)).map(([, p]) => p),
      removed: [...beforePatterns].filter(([k]) => !afterPatterns.has(k)).map(([, p]) => p),
    },
    tests: {
      mustMatch: listChange(from.tests.mustMatch, to.tests.mustMatch),
      mustNotMatch: listChange(from.tests.mustNotMatch, to.tests.mustNotMatch),
    },
  };
}
