/**
 * A bit-set pre-filter over the vocabulary, so that most words of a message (which match nothing)
 * are rejected from a hash computed while scanning: no substring, no Map lookup, no allocation.
 * False positives only cost the normal lookup; there are no false negatives.
 */

const BITS = 1 << 20; // 128 KiB per set; a 10,000-term vocabulary fills about 1%
const MASK = BITS - 1;

/** The hash the scanner computes inline over lower-case character codes: (h * 31 + c) | 0. */
export function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}

export class WordFilter {
  private readonly exact = new Uint32Array(BITS >>> 5);
  private readonly collapsed = new Uint32Array(BITS >>> 5);
  /** First two characters of wildcard terms (exact and collapsed), ASCII only. */
  private readonly heads = new Uint8Array(128 * 128);

  addExact(word: string): void {
    set(this.exact, hashWord(word));
  }

  addCollapsed(squeezed: string): void {
    set(this.collapsed, hashWord(squeezed));
  }

  addHead(word: string): void {
    const a = word.charCodeAt(0);
    const b = word.charCodeAt(1);
    if (a < 128 && b < 128) this.heads[a * 128 + b] = 1;
  }

  /**
   * What a lower-case ASCII word may match: 0 nothing, EXACT only an exact term word, 3 anything
   * (wildcard head or repeated-letter form too). h = hash of the word, hc = of its collapsed form,
   * (a0, a1) its first two characters, c1 the second character of its collapsed form.
   */
  check(h: number, hc: number, repeat: boolean, a0: number, a1: number, c1: number): number {
    if (this.heads[a0 * 128 + a1] === 1) return ANY;
    if (repeat && (get(this.collapsed, hc) || this.heads[a0 * 128 + c1] === 1)) return ANY;
    return get(this.exact, h) ? EXACT : 0;
  }
}

export const EXACT = 1;
export const ANY = 3;

function slot(h: number): number {
  return (h ^ (h >>> 15) ^ (h >>> 27)) & MASK;
}

function set(bits: Uint32Array, h: number): void {
  const i = slot(h);
  bits[i >>> 5]! |= 1 << (i & 31);
}

function get(bits: Uint32Array, h: number): boolean {
  const i = slot(h);
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}
