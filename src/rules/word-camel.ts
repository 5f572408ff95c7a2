/** CamelCase hashtags ("#ScumbagCops"): where their parts start. */
import { isLowerCode as isLowerCode_, isUpperCode as isUpperCode_ } from './word-resolve.js';

// Module-local copies: tsx runs modules as CommonJS, where each use of an import is a getter call.
const isLowerCode = isLowerCode_;
const isUpperCode = isUpperCode_;

/** False when norm[s, e) has no lower-upper-lower sequence, so camelSplit would find no parts. */
export function mayCamel(norm: string, s: number, e: number): boolean {
  for (let i = s + 1; i < e - 1; i++) {
    const c = norm.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const b = norm.charCodeAt(i - 1);
      const d = norm.charCodeAt(i + 1);
      if (b >= 97 && b <= 122 && d >= 97 && d <= 122) return true;
    }
  }
  return false;
}

/**
 * Boundaries of CamelCase parts ("ScumbagCops" -> [0, 7, 11]), or null. A part starts at an upper-case
 * letter followed by a lower-case one and every part has two letters or more, so random casing
 * ("fUcK", "sCuNtHoRpE") is not split.
 */
export function camelSplit(word: string): number[] | null {
  let cuts: number[] | null = null;
  let prev = 0;
  for (let i = 1; i < word.length - 1; i++) {
    if (!isLowerCode(word.charCodeAt(i - 1)) || !isUpperCode(word.charCodeAt(i))) continue;
    if (!isLowerCode(word.charCodeAt(i + 1))) continue;
    if (i - prev < 2) return null;
    cuts ??= [0];
    cuts.push(i);
    prev = i;
  }
  if (cuts === null || word.length - prev < 2) return null;
  cuts.push(word.length);
  return cuts;
}
