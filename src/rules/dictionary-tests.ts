/** A dictionary's own test cases (tests.must_match / must_not_match); a failure blocks activation. */
import { compileDictionaries } from './matcher.js';
import type { Dictionary, Match } from './types.js';

export interface DictionaryTestFailure {
  kind: 'must_match' | 'must_not_match';
  text: string;
  /** For must_not_match: what matched. */
  matches: Match[];
  message: string;
}

export function runDictionaryTests(dict: Dictionary): DictionaryTestFailure[] {
  const matcher = compileDictionaries([dict]);
  const failures: DictionaryTestFailure[] = [];
  for (const text of dict.tests.mustMatch) {
    if (matcher.match(text).length === 0) {
      failures.push({ kind: 'must_match', text, matches: [], message: `must match but did not: "${text}"` });
    }
  }
  for (const text of dict.tests.mustNotMatch) {
    const matches = matcher.match(text);
    if (matches.length > 0) {
      const terms = matches.map((m) => `"${m.term}" at ${m.start}-${m.end}`).join(', ');
      failures.push({
        kind: 'must_not_match',
        text,
        matches,
        message: `must not match but did: "${text}" (${terms})`,
      });
    }
  }
  return failures;
}
