/**
 * Text normalization with an offset map back to the original string.
 * ASCII text (the common case) is returned as is, with no map: offsets are the identity.
 */
import { foldCodePoint as foldCodePoint_ } from './fold.js';

// Module-local copies of imports used per word: tsx runs modules as CommonJS, where each use of an
// imported binding is a getter call.
const foldCodePoint = foldCodePoint_;

export interface Normalized {
  /** Folded text: ASCII, letters of other scripts, ' ' for separators. Case preserved. */
  norm: string;
  /** For norm index k: UTF-16 start of the original character it came from (null = identity). */
  starts: Int32Array | null;
  /** For norm index k: UTF-16 end of the original character it came from (null = identity). */
  ends: Int32Array | null;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * `into`: a Normalized whose offset maps are reused when long enough (the matcher's per-call buffer);
 * it is then filled and returned instead of a new one, so the caller must be done with its last use.
 */
export function normalize(text: string, into?: Normalized): Normalized {
  if (isAscii(text)) return { norm: text, starts: null, ends: null };
  // Folding can expand a character (ß -> ss, ﬃ -> ffi): the maps grow on demand.
  const reuse = into?.starts != null && into.ends != null && into.starts.length >= text.length + 8;
  let starts = reuse ? (into.starts as Int32Array<ArrayBuffer>) : new Int32Array(text.length + 8);
  let ends = reuse ? (into.ends as Int32Array<ArrayBuffer>) : new Int32Array(text.length + 8);
  const parts: string[] = [];
  let k = 0;
  let asciiFrom = 0; // ASCII runs are copied as slices, not character by character
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (cp < 128) {
      starts[k] = i;
      ends[k++] = i + 1;
      i++;
      continue;
    }
    if (asciiFrom < i) parts.push(text.slice(asciiFrom, i));
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    if (k + folded.length + (text.length - i) > starts.length) {
      starts = grow(starts, k + folded.length + text.length - i);
      ends = grow(ends, starts.length);
    }
    for (let j = 0; j < folded.length; j++, k++) {
      starts[k] = i;
      ends[k] = i + width;
    }
    parts.push(folded);
    i += width;
    asciiFrom = i;
  }
  if (asciiFrom < text.length) parts.push(text.slice(asciiFrom));
  const norm = parts.join('');
  if (into === undefined) return { norm, starts, ends };
  into.norm = norm;
  into.starts = starts;
  into.ends = ends;
  return into;
}

function grow(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(a.length * 2, min) + 16);
  b.set(a);
  return b;
}
