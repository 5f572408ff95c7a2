/**
 * A bit-set pre-filter over the vocabulary, so that most words of a message (which match nothing)
 * are rejected from a hash computed while scanning: no substring, no Map lookup, no allocation.
 * False positives only cost the normal lookup; there are no false negatives.
 */
import { hashWord } from './word-table.js';

const BITS = 1 << 20; // 128 KiB per set; a 10,000-term vocabulary fills about 1%
const MASK = BITS - 1;

export class WordFilter {
  private readonly exact = new Uint32Array(BITS >>> 5);
  private readonly collapsed = new Uint32Array(BITS >>> 5);
  /** First three characters of wildcard terms (they have at least three), ASCII only: a bit set. */
  private readonly heads3 = new Uint32Array((128 * 128 * 128) >>> 5);
  /** The same for their collapsed forms ("fuuuck" -> "fuck"); two characters when that is all ("ass*" -> "as"). */
  private readonly collapsedHeads3 = new Uint32Array((128 * 128 * 128) >>> 5);
  private readonly collapsedHeads2 = new Uint8Array(128 * 128);
  /**
   * Wildcard terms' words by hash, and the lengths they come in: a second look at a word whose first
   * three letters start a wildcard term (common when invented handles share syllables with terms).
   */
  private readonly prefixes = new Uint32Array(BITS >>> 5);
  private readonly starts = new Uint32Array(BITS >>> 5);
  private readonly prefixLens = new Uint8Array(LONG_PREFIX);
  private longPrefixes = false;

  addExact(word: string): void {
    set(this.exact, hashWord(word));
  }

  addCollapsed(squeezed: string): void {
    set(this.collapsed, hashWord(squeezed));
  }

  addHead(word: string, squeezed: string): void {
    set(this.prefixes, hashWord(word));
    if (word.length < LONG_PREFIX) this.prefixLens[word.length] = 1;
    else this.longPrefixes = true;
    const a = word.charCodeAt(0);
    const b = word.charCodeAt(1);
    const c = word.charCodeAt(2);
    if (a < 128 && b < 128 && c < 128) setBit(this.heads3, (a << 14) | (b << 7) | c);
    const x = squeezed.charCodeAt(0);
    const y = squeezed.charCodeAt(1);
    const z = squeezed.charCodeAt(2);
    if (squeezed.length < 3) {
      if (x < 128 && y < 128) this.collapsedHeads2[x * 128 + y] = 1;
    } else if (x < 128 && y < 128 && z < 128) setBit(this.collapsedHeads3, (x << 14) | (y << 7) | z);
  }

  /**
   * What a lower-case ASCII word may match: 0 nothing, EXACT only an exact term word, 3 anything
   * (wildcard head or repeated-letter form too). h = hash of the word, hc = of its collapsed form,
   * (a0, a1, a2) its first three characters (0 past the end), c1 and c2 the second and third of
   * its collapsed form.
   */
  check(
    h: number,
    hc: number,
    repeat: boolean,
    a0: number,
    a1: number,
    a2: number,
    c1: number,
    c2: number,
  ): number {
    if (a2 !== 0 && hasBit(this.heads3, (a0 << 14) | (a1 << 7) | a2)) return ANY;
    if (repeat) {
      if (get(this.collapsed, hc) || this.collapsedHeads2[a0 * 128 + c1] === 1) return ANY;
      if (c2 !== 0 && hasBit(this.collapsedHeads3, (a0 << 14) | (c1 << 7) | c2)) return ANY;
    }
    return get(this.exact, h) ? EXACT : 0;
  }

  /** A word that starts a term (or an exception): other exact words only continue phrases. */
  addStart(word: string): void {
    set(this.starts, hashWord(word));
  }

  /** False when no term starts with an exact word of hash h. */
  startMay(h: number): boolean {
    return get(this.starts, h);
  }

  /** False when no exact term word has hash h. */
  exactMay(h: number): boolean {
    return get(this.exact, h);
  }

  /**
   * False when no wildcard term's word is a prefix of the lower-case ASCII letters text[s, e),
   * preceded by the letter `lead` when it is not 0.
   */
  prefixMay(text: string, s: number, e: number, lead: number): boolean {
    let h = lead;
    let n = lead === 0 ? 0 : 1;
    for (let k = s; k < e; k++) {
      h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
      n++;
      if ((n < LONG_PREFIX ? this.prefixLens[n] === 1 : this.longPrefixes) && get(this.prefixes, h))
        return true;
    }
    return false;
  }
}

const LONG_PREFIX = 64;

export const EXACT = 1;
export const ANY = 3;

function setBit(bits: Uint32Array, k: number): void {
  bits[k >>> 5]! |= 1 << (k & 31);
}

function hasBit(bits: Uint32Array, k: number): boolean {
  return (bits[k >>> 5]! & (1 << (k & 31))) !== 0;
}

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
