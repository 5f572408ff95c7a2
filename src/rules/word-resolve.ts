/**
 * Resolving one word of text (as written, after folding) to the term-word ids it stands for,
 * undoing leet, masks and stray edge symbols ("shit!", "@sshole", "*fuck*").
 */
import { leetVariants as leetVariants_ } from './leet.js';
import type { WordIndex } from './word-index.js';
import { hasRepeat as hasRepeat_ } from './word-shape.js';

// Module-local copies of imports used per word: tsx runs modules as CommonJS, where each use of an
// imported binding is a getter call.
const leetVariants = leetVariants_;
const hasRepeat = hasRepeat_;

export interface Resolved {
  ids: readonly number[];
  /** Characters of the raw word left out of the match at the start and the end. */
  trimStart: number;
  trimEnd: number;
}

const EMPTY: readonly number[] = [];
const NO_MATCH: Resolved = { ids: EMPTY, trimStart: 0, trimEnd: 0 };
const LETTER = /[\p{L}]/u;

// ASCII classes of a folded word's characters.
enum C {
  Other = 0,
  Lower = 1,
  Upper = 2,
  Digit = 3,
  Leet = 4,
  Mask = 5,
  Apos = 6,
}
/** Class of each ASCII code (see C); the scanner reads it directly in its inner loop. */
export const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = C.Lower;
for (let c = 65; c <= 90; c++) CLASS[c] = C.Upper;
for (let c = 48; c <= 57; c++) CLASS[c] = C.Digit;
for (const ch of '@$!|+') CLASS[ch.charCodeAt(0)] = C.Leet;
for (const ch of '*#') CLASS[ch.charCodeAt(0)] = C.Mask;
CLASS["'".charCodeAt(0)] = C.Apos;

/** True for characters that belong to a word in folded text (letters, digits, leet, masks, apostrophe). */
export function isWordCode(code: number): boolean {
  return code > 127 || CLASS[code] !== C.Other;
}
export function isEdgeJunk(code: number): boolean {
  return code < 128 && (CLASS[code] === C.Mask || CLASS[code] === C.Apos);
}
export function isUpperCode(code: number): boolean {
  return code < 128 && CLASS[code] === C.Upper;
}
export function isLowerCode(code: number): boolean {
  return code < 128 && CLASS[code] === C.Lower;
}

/** null when the text is not a word at all (only symbols): it neither matches nor breaks a phrase. */
export function resolveWord(index: WordIndex, raw: string): Resolved | null {
  let plain = true;
  let needsLower = false;
  let letters = false;
  let digits = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code > 127) {
      needsLower = true;
      letters = true; // folding left only letters of other scripts above ASCII
      continue;
    }
    const cls = CLASS[code];
    if (cls === C.Lower) letters = true;
    else if (cls === C.Upper) {
      letters = true;
      needsLower = true;
    } else {
      plain = false;
      if (cls === C.Digit) digits = true;
    }
  }
  if (!letters && !digits) return null;
  if (plain) {
    const key = needsLower ? raw.toLowerCase() : raw;
    return { ids: index.lookup(key, hasRepeat(key), false), trimStart: 0, trimEnd: 0 };
  }
  if (!letters) return { ids: index.lookup(raw, false, false), trimStart: 0, trimEnd: 0 };
  return resolveObfuscated(index, raw);
}

const PLAIN_WORD = /^[a-z]+$/;

function resolveObfuscated(index: WordIndex, raw: string): Resolved {
  // Fast path for @mentions, which are frequent: "@sshole" is leet, "@someone" a handle.
  if (raw.charCodeAt(0) === 64) {
    const rest = raw.slice(1).toLowerCase();
    if (PLAIN_WORD.test(rest)) {
      const asLeet = index.lookup(`a${rest}`, hasRepeat(`a${rest}`), false);
      if (asLeet.length > 0) return { ids: asLeet, trimStart: 0, trimEnd: 0 };
      return { ids: index.lookup(rest, hasRepeat(rest), false), trimStart: 1, trimEnd: 0 };
    }
  }
  let lead = 0;
  while (lead < raw.length && CLASS[raw.charCodeAt(lead)] === C.Leet) lead++;
  let trail = 0;
  while (trail < raw.length - lead) {
    const cls = CLASS[raw.charCodeAt(raw.length - 1 - trail)];
    if (cls !== C.Leet && cls !== C.Mask) break;
    trail++;
  }
  // Symbols at the edges are more often punctuation ("shit!") than letters ("@ss"): try both readings.
  const trims: [number, number][] = [[0, 0]];
  if (trail > 0) trims.push([0, trail]);
  if (lead > 0) trims.push([lead, 0]);
  if (lead > 0 && trail > 0) trims.push([lead, trail]);
  for (const [ts, te] of trims) {
    const core = raw.slice(ts, raw.length - te);
    if (!LETTER.test(core)) continue;
    let key = core.toLowerCase();
    if (key.includes("'")) key = key.replace(/'/g, '');
    if (key.includes('#')) key = key.replace(/#/g, '*');
    const ids = lookupCore(index, key);
    if (ids.length > 0) return { ids, trimStart: ts, trimEnd: te };
  }
  return NO_MATCH;
}

function lookupCore(index: WordIndex, core: string): readonly number[] {
  const masked = core.includes('*');
  // The literal spelling first, for terms that contain digits ("4chan").
  if (!masked) {
    const literal = index.lookup(core, hasRepeat(core), false);
    if (literal.length > 0) return literal;
  }
  const variants = leetVariants(core);
  if (variants.length === 0) return masked ? index.lookup(core, false, true) : EMPTY;
  let out: number[] | undefined;
  for (const v of variants) {
    for (const id of index.lookup(v, hasRepeat(v), masked)) {
      out ??= [];
      if (!out.includes(id)) out.push(id);
    }
  }
  return out ?? EMPTY;
}
