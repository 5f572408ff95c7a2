/**
 * Splits folded text into words and hands each word's term-word ids to a sink, in order, with
 * UTF-16 offsets into the original text. Handles letters spelled apart ("f.u.c.k", "f u c k") and
 * CamelCase hashtags ("#ScumbagCops"). Words never match inside other words: that is what keeps
 * Scunthorpe, Penistone and "assessment" clean.
 */
import type { Normalized } from './normalize.js';
import { EXACT as EXACT_ } from './word-filter.js';
import type { WordIndex } from './word-index.js';
import {
  CLASS as CLASS_,
  isEdgeJunk as isEdgeJunk_,
  isLowerCode as isLowerCode_,
  isUpperCode as isUpperCode_,
  type Resolved,
  resolveWord as resolveWord_,
} from './word-resolve.js';

// Module-local copies of what the hot loop uses: tsx runs modules as CommonJS, where every use of an
// imported binding is a getter call (it was a quarter of the scan time).
const CLASS = CLASS_;
const EXACT = EXACT_;
const isEdgeJunk = isEdgeJunk_;
const isLowerCode = isLowerCode_;
const isUpperCode = isUpperCode_;
const resolveWord = resolveWord_;

/** Receives one word: ids of the term words it matches (maybe none) and its original span. */
export interface WordSink {
  word(ids: readonly number[], start: number, end: number): void;
  /** Words read another way (the parts of a hashtag matched as a whole): matched on their own. */
  side(words: readonly SideWord[]): void;
  /** Letters spelled apart ("B e l l E n d"), joined as written, that resolved to a term word. */
  spelled(letters: string, start: number, end: number): void;
  /** False when a word without ids changes nothing (no phrase in progress), so it need not be sent. */
  readonly listening: boolean;
}

export interface SideWord {
  ids: readonly number[];
  start: number;
  end: number;
}

const IGNORE: WordSink = { word() {}, side() {}, spelled() {}, listening: false };

const NO_IDS: readonly number[] = [];

/** Distinct words whose resolution is remembered, per cache generation. */
const CACHE_WORDS = 8192;

/** Longest gap (in folded characters) between letters spelled apart: "f . u" still joins. */
const MAX_SPELL_GAP = 3;

export class WordScanner {
  private readonly index: WordIndex;
  private n: Normalized = { norm: '', starts: null, ends: null };
  private sink: WordSink = IGNORE;
  /** Positions of pending single-character words ("f", "u", "c", "k"). */
  private run: number[] = [];
  private cache = new Map<string, Resolved | null>();
  private oldCache = new Map<string, Resolved | null>();

  constructor(index: WordIndex) {
    this.index = index;
  }

  scan(n: Normalized, sink: WordSink): void {
    this.n = n;
    this.sink = sink;
    const norm = n.norm;
    const len = norm.length;
    let i = 0;
    while (i < len) {
      let code = norm.charCodeAt(i);
      if (code < 128 && CLASS[code] === 0) {
        i++;
        continue;
      }
      // The commonest word: lower-case ASCII letters up to a separator. Only its hash is needed
      // unless it has a doubled letter; anything else goes through the general loop below.
      if (code >= 97 && code <= 122) {
        let k = i;
        let hl = 0;
        let pl = 0;
        let rep = false;
        do {
          hl = (Math.imul(hl, 31) + code) | 0;
          if (code === pl) rep = true;
          pl = code;
          if (++k >= len) break;
          code = norm.charCodeAt(k);
        } while (code >= 97 && code <= 122);
        if (k - i > 1 && (k >= len || (code < 128 && CLASS[code] === 0))) {
          this.flushRun();
          const a2 = k - i > 2 ? norm.charCodeAt(i + 2) : 0;
          const may = rep
            ? this.checkRepeated(norm, i, k, hl)
            : this.index.filter.check(hl, 0, false, norm.charCodeAt(i), norm.charCodeAt(i + 1), a2, 0, 0);
          if (may === 0) this.emit(NO_IDS, i, k);
          else if (may === EXACT) this.emit(this.index.exactAt(norm, i, k, hl), i, k);
          else this.emit(this.resolve(norm.slice(i, k))!.ids, i, k);
          i = k;
          continue;
        }
        code = norm.charCodeAt(i);
      }
      // One pass computes what the common case needs: a lower-case ASCII word without tricks,
      // with the hashes the vocabulary filter checks (of the word and of its collapsed form).
      let j = i;
      let plain = true;
      let upper = false;
      let repeat = false;
      let camel = false;
      let prev = 0;
      let h = 0;
      let hc = 0;
      let a1 = 0;
      let a2 = 0;
      let c1 = 0;
      let c2 = 0;
      let bang = -1; // start of trailing exclamation marks ("great!!"): punctuation, not leet
      do {
        if (code === 33 && j > i && plain) {
          if (bang < 0) bang = j;
        } else {
          if (bang >= 0) plain = false;
          const cls = code < 128 ? CLASS[code]! : 0;
          if (cls === 2) {
            upper = true;
            if (prev >= 97 && prev <= 122) camel = true;
            code |= 32;
          } else if (cls !== 1) plain = false;
          h = (Math.imul(h, 31) + code) | 0;
          if (code === prev) repeat = true;
          else {
            hc = (Math.imul(hc, 31) + code) | 0;
            if (j > i) {
              if (c1 === 0) c1 = code;
              else if (c2 === 0) c2 = code;
            }
          }
          if (j === i + 1) a1 = code;
          else if (j === i + 2) a2 = code;
          prev = code;
        }
        j++;
        if (j >= len) break;
        code = norm.charCodeAt(j);
      } while (code > 127 || CLASS[code] !== 0);
      const end = bang >= 0 ? bang : j;
      const a0 = norm.charCodeAt(i) | 32;
      // "paki!" may be leet for "pakii": only when the vocabulary might hold that reading does
      // the word take the slow path, which tries both.
      const leetBang =
        bang >= 0 &&
        this.index.filter.check(
          (Math.imul(h, 31) + 105) | 0,
          prev === 105 ? hc : (Math.imul(hc, 31) + 105) | 0,
          repeat || prev === 105,
          a0,
          a1,
          end - i === 2 ? 105 : a2,
          c1,
          c2,
        ) !== 0;
      if (plain && !camel && !leetBang && end - i > 1) {
        this.flushRun();
        const may = this.index.filter.check(h, hc, repeat, a0, a1, a2, c1, c2);
        if (may === 0) this.emit(NO_IDS, i, end);
        else if (may === EXACT) this.emit(this.index.exactAt(norm, i, end, h), i, end);
        else {
          // A plain word resolves to exactly its lookup (resolveWord's plain case), through the cache.
          this.emit(this.resolve(norm.slice(i, end))!.ids, i, end);
        }
      } else this.rawWord(i, j);
      i = j;
    }
    this.flushRun();
  }

  private rawWord(s: number, e: number): void {
    const norm = this.n.norm;
    // '#tag', '*emphasis*', 'quotes': edge marks are not letters.
    while (s < e && isEdgeJunk(norm.charCodeAt(s))) s++;
    while (e > s && norm.charCodeAt(e - 1) === 39) e--;
    if (s === e) return;
    // "k!!" ending "f-u-c-k!!" is a spelled-out letter followed by exclamation marks.
    let bang = e;
    while (bang > s + 1 && norm.charCodeAt(bang - 1) === 33) bang--;
    if (bang === s + 1 && this.run.length > 0) e = bang;
    if (e - s === 1) {
      const last = this.run[this.run.length - 1];
      if (last !== undefined && s - last - 1 > MAX_SPELL_GAP) this.flushRun();
      this.run.push(s);
      return;
    }
    this.flushRun();
    this.word(s, e);
  }

  private word(s: number, e: number): void {
    const raw = this.n.norm.slice(s, e);
    const split = camelSplit(raw);
    if (split !== null) {
      // A hashtag may be a term as a whole ("#FuckOff", "#WhatsApp" in a phrase) or in parts
      // ("#ScumbagCops"). A whole-word hit stays one word; its parts are still read on the side, so
      // terms and exceptions inside it ("#BellEnd" is also "Bell End") are seen.
      const whole = this.resolve(raw);
      if (whole === null || whole.ids.length === 0) {
        for (let p = 0; p < split.length - 1; p++) this.plain(s + split[p]!, s + split[p + 1]!);
        return;
      }
      this.emit(whole.ids, s, e);
      const parts: SideWord[] = [];
      for (let p = 0; p < split.length - 1; p++) {
        const ps = s + split[p]!;
        const pe = s + split[p + 1]!;
        const r = this.resolve(this.n.norm.slice(ps, pe));
        parts.push({ ids: r === null ? [] : r.ids, start: this.start(ps), end: this.end(pe) });
      }
      this.sink.side(parts);
      return;
    }
    this.plain(s, e);
  }

  private plain(s: number, e: number): void {
    const r = this.resolve(this.n.norm.slice(s, e));
    if (r !== null) this.emit(r.ids, s + r.trimStart, e - r.trimEnd);
  }

  /** Letters spelled apart are one word; if that word is unknown, they are words of their own. */
  private flushRun(): void {
    const run = this.run;
    if (run.length === 0) return;
    this.run = [];
    const norm = this.n.norm;
    // "u r a c u n t": one-letter words (a, I, u, r) may lead the spelled-out word.
    for (let k = 0; k <= run.length - 2; k++) {
      if (k > 0 && !'aiur'.includes(norm[run[k - 1]!]!.toLowerCase())) break;
      let raw = '';
      for (let p = k; p < run.length; p++) raw += norm[run[p]!];
      const r = this.resolve(raw);
      if (r === null || r.ids.length === 0) continue;
      for (let p = 0; p < k; p++) this.plain(run[p]!, run[p]! + 1);
      // "B e l l E n d" joins to a term but may be a name spelled apart ("Bell End"): the sink
      // sees the joined letters so that such exceptions can cover it.
      this.sink.spelled(raw, this.start(run[k]!), this.end(run[run.length - 1]! + 1));
      this.emit(r.ids, run[k + r.trimStart]!, run[run.length - 1 - r.trimEnd]! + 1);
      return;
    }
    for (const p of run) this.plain(p, p + 1);
  }

  /** The filter's verdict on lower-case letters norm[s, e) with a doubled letter, hash h. */
  private checkRepeated(norm: string, s: number, e: number, h: number): number {
    let hc = 0;
    let c1 = 0;
    let c2 = 0;
    let prev = 0;
    for (let k = s; k < e; k++) {
      const code = norm.charCodeAt(k);
      if (code === prev) continue;
      hc = (Math.imul(hc, 31) + code) | 0;
      if (k > s) {
        if (c1 === 0) c1 = code;
        else if (c2 === 0) c2 = code;
      }
      prev = code;
    }
    const a2 = e - s > 2 ? norm.charCodeAt(s + 2) : 0;
    return this.index.filter.check(h, hc, true, norm.charCodeAt(s), norm.charCodeAt(s + 1), a2, c1, c2);
  }

  /**
   * resolveWord through a bounded cache: a pure function of the word, and the words of real messages
   * repeat a lot, so the slow readings (leet, repeats, wildcards, masks) run once per distinct word.
   */
  private resolve(raw: string): Resolved | null {
    let r = this.cache.get(raw);
    if (r !== undefined) return r;
    // Two generations: when the cache is full the previous one is dropped, and words still in use
    // (read again from the previous generation) survive the turnover.
    r = this.oldCache.get(raw);
    if (r === undefined) r = resolveWord(this.index, raw);
    if (this.cache.size >= CACHE_WORDS) {
      this.oldCache = this.cache;
      this.cache = new Map();
    }
    this.cache.set(raw, r);
    return r;
  }

  private emit(ids: readonly number[], s: number, e: number): void {
    if (ids.length === 0 && !this.sink.listening) return;
    this.sink.word(ids, this.start(s), this.end(e));
  }

  private start(s: number): number {
    return this.n.starts === null ? s : this.n.starts[s]!;
  }

  private end(e: number): number {
    return this.n.ends === null ? e : this.n.ends[e - 1]!;
  }
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
