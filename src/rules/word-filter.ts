/**
 * A bit-set pre-filter over the vocabulary, so that most words of a message (which match nothing)
 * are rejected from a hash computed while scanning: no substring, no Map lookup, no allocation.
 * False positives only cost the normal lookup; there are no false negatives.
 */
import { hashWord } from './word-table.js';

/**
 * A set of word hashes as bits, sized to what it holds (32 bits per word, so about 3% of absent words
 * pass): a 100-word vocabulary's set is 512 bytes and a 10,000-word one's 64 KiB. Sized this way the
 * bits stay in the processor's cache, so a check costs the same at any dictionary size; at a fixed
 * large size, checks of the many distinct words of real text (handles, names) went out to memory.
 */
class HashBits {
  bits = new Uint32Array(MIN_BITS >>> 5);
  mask = MIN_BITS - 1;
  private readonly hashes: number[] = [];

  add(h: number): void {
    this.hashes.push(h);
    if (this.hashes.length * BITS_PER_WORD > this.mask + 1) {
      const size = (this.mask + 1) * 2;
      this.bits = new Uint32Array(size >>> 5);
      this.mask = size - 1;
      for (const x of this.hashes) this.set(x);
    } else this.set(h);
  }

  private set(h: number): void {
    const i = slot(h) & this.mask;
    this.bits[i >>> 5]! |= 1 << (i & 31);
  }
}

const MIN_BITS = 4096;
const BITS_PER_WORD = 32;

export class WordFilter {
  private readonly exact = new HashBits();
  private readonly collapsed = new HashBits();
  /** First three characters of wildcard terms (they have at least three), ASCII only: a bit set. */
  private readonly heads3 = new Uint32Array((128 * 128 * 128) >>> 5);
  /** The same for their collapsed forms ("fuuuck" -> "fuck"); two characters when that is all ("ass*" -> "as"). */
  private readonly collapsedHeads3 = new Uint32Array((128 * 128 * 128) >>> 5);
  private readonly collapsedHeads2 = new Uint8Array(128 * 128);
  /**
   * Wildcard terms' words by hash, and the lengths they come in: a second look at a word whose first
   * three letters start a wildcard term (common when invented handles share syllables with terms).
   */
  private readonly prefixes = new HashBits();
  private readonly starts = new HashBits();
  private readonly prefixLens = new Uint8Array(LONG_PREFIX);
  private longPrefixes = false;
  /** The hash of the word verdictAt() read last, and whether it had a doubled letter. */
  lastHash = 0;
  lastRepeat = false;

  addExact(word: string): void {
    this.exact.add(hashWord(word));
  }

  addCollapsed(squeezed: string): void {
    this.collapsed.add(hashWord(squeezed));
  }

  addHead(word: string, squeezed: string): void {
    this.prefixes.add(hashWord(word));
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

  /**
   * The filter's verdict on the lower-case ASCII letters norm[s, e), preceded by the letter `lead`
   * when it is not 0 (the "a" that "@" may stand for). Sets lastHash and lastRepeat. `closer`: also
   * check that a wildcard term's word is a prefix before answering ANY.
   */
  verdictAt(norm: string, s: number, e: number, lead: number, closer = true): number {
    let h = 0;
    let hc = 0;
    let repeat = false;
    let prev = 0;
    let n = 0; // letters read
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let c1 = 0;
    let c2 = 0;
    for (let k = lead === 0 ? s : s - 1; k < e; k++) {
      const code = k < s ? lead : norm.charCodeAt(k);
      h = (Math.imul(h, 31) + code) | 0;
      if (n === 0) a0 = code;
      else if (n === 1) a1 = code;
      else if (n === 2) a2 = code;
      n++;
      if (code === prev) {
        repeat = true;
        continue;
      }
      hc = (Math.imul(hc, 31) + code) | 0;
      if (n > 1) {
        if (c1 === 0) c1 = code;
        else if (c2 === 0) c2 = code;
      }
      prev = code;
    }
    this.lastHash = h;
    this.lastRepeat = repeat;
    const may = this.check(h, hc, repeat, a0, a1, a2, c1, c2);
    // Without a doubled letter, ANY can only be a wildcard term's head: look closer, unless the
    // caller looks the word up next anyway (that lookup checks the same heads).
    if (may !== ANY || repeat || !closer || this.prefixMay(norm, s, e, lead)) return may;
    return this.exactMay(h) ? EXACT : 0;
  }

  /** A word that starts a term (or an exception): other exact words only continue phrases. */
  addStart(word: string): void {
    this.starts.add(hashWord(word));
  }

  /** False when no term starts with an exact word of hash h. */
  startMay(h: number): boolean {
    return get(this.starts, h);
  }

  /** False when no wildcard term's word has hash h. */
  prefixHas(h: number): boolean {
    return get(this.prefixes, h);
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
  return h ^ (h >>> 15) ^ (h >>> 27);
}

function get(set: HashBits, h: number): boolean {
  const i = slot(h) & set.mask;
  return (set.bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}
