/** Turning a dictionary term ("i know where you live", "fuck*") into the words the matcher compares. */
import { normalize } from './normalize.js';
import { MIN_PREFIX } from './word-index.js';
import { isEdgeJunk, isWordCode } from './word-resolve.js';

const ALNUM = /[\p{L}\p{N}]/u;

export interface ParsedTerm {
  /** Folded, lower-cased words, in order. */
  words: string[];
  /** The last word is a prefix: the term ended with '*'. */
  prefix: boolean;
}

/** Returns the parsed term, or a problem a person can act on. */
export function parseTerm(term: string): ParsedTerm | string {
  let text = term.trim();
  const prefix = text.endsWith('*');
  if (prefix) text = text.slice(0, -1);
  if (text.includes('*')) return `"${term}": '*' is only allowed at the end of a term`;
  if (prefix && !isWordCode(text.charCodeAt(text.length - 1))) {
    return `"${term}": '*' must follow a word directly, as in "idiot*"`;
  }
  const words = splitWords(normalize(text).norm);
  if (words.length === 0) return `"${term}" has no letters or digits`;
  const last = words[words.length - 1]!;
  if (prefix && last.length < MIN_PREFIX) {
    return `"${term}": a wildcard needs at least ${MIN_PREFIX} letters before '*'`;
  }
  return { words, prefix };
}

/** Same word boundaries and shapes as the text scanner, minus the obfuscation handling. */
function splitWords(norm: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < norm.length) {
    if (!isWordCode(norm.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < norm.length && isWordCode(norm.charCodeAt(j))) j++;
    let s = i;
    let e = j;
    while (s < e && isEdgeJunk(norm.charCodeAt(s))) s++;
    while (e > s && norm.charCodeAt(e - 1) === 39) e--;
    const word = norm.slice(s, e).toLowerCase().replace(/'/g, '');
    if (ALNUM.test(word)) words.push(word);
    i = j;
  }
  return words;
}
