/**
 * Leet-speak decoding of one word. Digits and symbols become letters only inside words that also
 * contain a letter, so numbers ("2000", "+44") are never read as words.
 */

/** Each leet character and the letters it may stand for (first = most likely). */
const LEET: Readonly<Record<string, readonly string[]>> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '6': ['g'],
  '7': ['t'],
  '8': ['b'],
  '9': ['g'],
  '@': ['a'],
  $: ['s'],
  '!': ['i'],
  '|': ['i', 'l'],
  '+': ['t'],
};

/** Cap on spelled-out alternatives: each ambiguous character doubles them. */
const MAX_VARIANTS = 8;

export function isLeetChar(ch: string): boolean {
  return LEET[ch] !== undefined;
}

/**
 * All readings of a lower-cased word with leet characters replaced by letters (mask '*' kept).
 * Returns [] when nothing would change.
 */
export function leetVariants(word: string): string[] {
  let variants = [''];
  let changed = false;
  for (const ch of word) {
    const options = LEET[ch];
    if (options === undefined) {
      for (let v = 0; v < variants.length; v++) variants[v] += ch;
      continue;
    }
    changed = true;
    const next: string[] = [];
    for (const v of variants) {
      for (const o of options) if (next.length < MAX_VARIANTS) next.push(v + o);
    }
    variants = next;
  }
  return changed ? variants : [];
}
