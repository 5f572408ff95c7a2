/** Small builders shared by the engine's unit tests. */
import { compileDictionaries } from './matcher.js';
import type { Dictionary, Matcher } from './types.js';

export function dict(partial: Partial<Dictionary> & { terms: string[] }): Dictionary {
  return {
    name: 'abuse',
    category: 'abuse',
    action: 'hide',
    severity: 'high',
    exceptions: [],
    patterns: [],
    tests: { mustMatch: [], mustNotMatch: [] },
    ...partial,
  };
}

export function matcherFor(terms: string[], partial: Partial<Dictionary> = {}): Matcher {
  return compileDictionaries([dict({ ...partial, terms })]);
}

/** What each match covers in the original text: the offsets are checked through every normalization. */
export function spans(m: Matcher, text: string): string[] {
  return m.match(text).map((x) => text.slice(x.start, x.end));
}
