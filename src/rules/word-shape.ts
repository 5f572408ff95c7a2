/** Shapes of a lower-cased word used for obfuscation-tolerant lookup. */

/** "fuuuuck" -> "fuck": runs of one letter collapsed. */
export function collapseRuns(word: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (ch !== prev) out += ch;
    prev = ch;
  }
  return out;
}

/** Length of each run of one letter: "kill" -> [1, 1, 2]. */
export function runLengths(word: string): number[] {
  const runs: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (i > 0 && word[i] === word[i - 1]) runs[runs.length - 1]!++;
    else runs.push(1);
  }
  return runs;
}

/**
 * True when every run in the text covers the term's run: "fuuuck" covers "fuck" and "kiiill" covers
 * "kill", but "as" does not cover "ass" and "bob" does not cover "boob". Only the first term.length
 * runs are compared, so a prefix term can be checked against a longer word.
 */
export function runsCover(textRuns: readonly number[], termRuns: readonly number[]): boolean {
  if (textRuns.length < termRuns.length) return false;
  for (let i = 0; i < termRuns.length; i++) if (textRuns[i]! < termRuns[i]!) return false;
  return true;
}

export function hasRepeat(word: string): boolean {
  for (let i = 1; i < word.length; i++) if (word.charCodeAt(i) === word.charCodeAt(i - 1)) return true;
  return false;
}

/** Masked spellings a term word may appear as ("f*ck", "c**t"): contiguous 1-3 letters hidden, >= 2 shown. */
export function maskedForms(word: string): string[] {
  const forms: string[] = [];
  const chars = [...word];
  for (let size = 1; size <= 3; size++) {
    if (chars.length - size < 2) break;
    for (let at = 0; at + size <= chars.length; at++) {
      forms.push(chars.slice(0, at).join('') + '*'.repeat(size) + chars.slice(at + size).join(''));
    }
  }
  return forms;
}
