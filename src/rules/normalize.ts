/**
 * Text normalization with an offset map back to the original string.
 * ASCII text (the common case) is returned as is, with no map: offsets are the identity.
 */
import { foldCodePoint } from './fold.js';

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

export function normalize(text: string): Normalized {
  if (isAscii(text)) return { norm: text, starts: null, ends: null };
  // Folding can expand a character (ß -> ss, ﬃ -> ffi), so size the maps generously and grow on demand.
  let starts = new Int32Array(text.length + 8);
  let ends = new Int32Array(text.length + 8);
  let norm = '';
  let k = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = cp < 128 ? String.fromCharCode(cp) : foldCodePoint(cp);
    if (k + folded.length > starts.length) {
      starts = grow(starts);
      ends = grow(ends);
    }
    for (let j = 0; j < folded.length; j++, k++) {
      starts[k] = i;
      ends[k] = i + width;
    }
    norm += folded;
    i += width;
  }
  return { norm, starts, ends };
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2 + 16);
  b.set(a);
  return b;
}
