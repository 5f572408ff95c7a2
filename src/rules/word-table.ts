/**
 * Words to integers in an open-addressing hash table over character codes held in typed arrays.
 * The scanner looks a word up where it lies in the text (start, end and the hash it computed while
 * reading it), so the commonest words cost no substring, no Map lookup and no allocation.
 */

/** The hash the scanner computes inline over lower-case character codes: (h * 31 + c) | 0. */
export function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}

const EMPTY = -1;

export class WordTable {
  /**
   * Four integers per slot, side by side so that a probe touches one cache line: the word's hash,
   * where its characters start in `chars`, its length, its value (-1 = empty slot).
   */
  private slots: Int32Array;
  private mask: number;
  private chars = new Uint16Array(256);
  private used = 0;
  private count = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = emptySlots(size);
  }

  get size(): number {
    return this.count;
  }

  /** Sets the value (a non-negative integer) of a word, replacing any previous one. */
  set(word: string, value: number): void {
    this.insert(word, 0, word.length, hashWord(word), false, value);
  }

  /** set() for text[s, e) read as getLetters() reads it (ASCII letters, stored lower-cased). */
  setLetters(text: string, s: number, e: number, h: number, value: number): void {
    this.insert(text, s, e, h, true, value);
  }

  private insert(text: string, s: number, e: number, h: number, lower: boolean, value: number): void {
    if (!(value >= 0 && Number.isInteger(value) && value <= 0x7fffffff)) {
      throw new RangeError(`WordTable value must be a non-negative int32, got ${value}`);
    }
    const len = e - s;
    const found = this.find(text, s, e, h, lower);
    if (found >= 0) {
      this.slots[found + 3] = value;
      return;
    }
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    if (this.used + len > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.used + len));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = 0; k < len; k++) {
      const code = text.charCodeAt(s + k);
      this.chars[this.used + k] = lower ? code | 32 : code;
    }
    this.place(h, this.used, len, value);
    this.used += len;
    this.count++;
  }

  /** The value of a word, or -1. */
  get(word: string): number {
    const at = this.find(word, 0, word.length, hashWord(word), false);
    return at < 0 ? EMPTY : this.slots[at + 3]!;
  }

  /**
   * The value of text[s, e), read with ASCII upper-case letters as lower case, whose lower-case hash
   * (hashWord) is h; or -1. Only for text of ASCII letters: `| 32` is how it lowers them.
   */
  getLetters(text: string, s: number, e: number, h: number): number {
    const at = this.find(text, s, e, h, true);
    return at < 0 ? EMPTY : this.slots[at + 3]!;
  }

  /** Index in `slots` of the word's slot, or -1. */
  private find(text: string, s: number, e: number, h: number, lower: boolean): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = e - s;
    let slot = mix(h) & mask;
    for (;;) {
      const at = slot << 2;
      if (slots[at + 3] === EMPTY) return -1;
      if (slots[at] === h && slots[at + 2] === len) {
        const from = slots[at + 1]!;
        const chars = this.chars;
        let k = 0;
        if (lower) while (k < len && (text.charCodeAt(s + k) | 32) === chars[from + k]) k++;
        else while (k < len && text.charCodeAt(s + k) === chars[from + k]) k++;
        if (k === len) return at;
      }
      slot = (slot + 1) & mask;
    }
  }

  private place(h: number, offset: number, len: number, value: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let slot = mix(h) & mask;
    while (slots[(slot << 2) + 3] !== EMPTY) slot = (slot + 1) & mask;
    const at = slot << 2;
    slots[at] = h;
    slots[at + 1] = offset;
    slots[at + 2] = len;
    slots[at + 3] = value;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slots = emptySlots(size);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] !== EMPTY) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
  }
}

function emptySlots(size: number): Int32Array {
  const slots = new Int32Array(size * 4);
  for (let at = 3; at < slots.length; at += 4) slots[at] = EMPTY;
  return slots;
}

/** Spreads the hash's high bits into the low ones the mask keeps. */
function mix(h: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
}
