/**
 * Splits folded text into words and hands each word's term-word ids to a sink, in order, with
 * UTF-16 offsets into the original text. Handles letters spelled apart ("f.u.c.k", "f u c k") and
 * CamelCase hashtags ("#ScumbagCops"). Words never match inside other words: that is what keeps
 * Scunthorpe, Penistone and "assessment" clean.
 */
import { foldCodePoint as foldCodePoint_ } from './fold.js';
import { type Normalized, normalize as normalize_ } from './normalize.js';
import { camelSplit as camelSplit_, mayCamel as mayCamel_ } from './word-camel.js';
import { EXACT as EXACT_ } from './word-filter.js';
import type { WordIndex } from './word-index.js';
import { WordMemo } from './word-memo.js';
import { CLASS as CLASS_, isEdgeJunk as isEdgeJunk_ } from './word-resolve.js';

// Module-local copies of what the hot loop uses: tsx runs modules as CommonJS, where every use of an
// imported binding is a getter call (it was a quarter of the scan time).
const CLASS = CLASS_;
const EXACT = EXACT_;
const isEdgeJunk = isEdgeJunk_;
const normalize = normalize_;
const foldCodePoint = foldCodePoint_;
const camelSplit = camelSplit_;
const mayCamel = mayCamel_;

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

/** Longest gap (in folded characters) between letters spelled apart: "f . u" still joins. */
const MAX_SPELL_GAP = 3;

export class WordScanner {
  private readonly index: WordIndex;
  private n: Normalized = { norm: '', starts: null, ends: null };
  private sink: WordSink = IGNORE;
  /** Positions of pending single-character words ("f", "u", "c", "k"). */
  private run: number[] = [];
  /** Two-unit separators (emoji) passed over while the text is read as is: see toFolded(). */
  private astral = 0;
  /** scanText's views of the text: as is, and folded (offset maps reused, grown to the longest text). */
  private readonly ascii: Normalized = { norm: '', starts: null, ends: null };
  private readonly folded: Normalized = { norm: '', starts: new Int32Array(256), ends: new Int32Array(256) };
  /** What each distinct word resolves to (the slow readings run once per word). */
  private readonly memo: WordMemo;

  constructor(index: WordIndex) {
    this.index = index;
    this.memo = new WordMemo(index);
  }

  /**
   * Scans text as it is while it is ASCII (no folding, offsets are the identity); at the first other
   * character the text is normalized and the scan goes on from the start of the word it was in.
   * Folding leaves ASCII as is, so everything read before is the same in the folded text.
   */
  scanText(text: string, sink: WordSink): void {
    this.ascii.norm = text;
    this.scan(this.ascii, sink);
    this.ascii.norm = '';
    this.folded.norm = '';
  }

  /**
   * In text still read as is: the UTF-16 length of the character at i if folding makes it a plain
   * separator (emoji, punctuation), else 0 (it must be folded). Such a character needs no folding:
   * it is outside every word either way. Not for a two-unit character while letters spelled apart
   * are pending, as their gaps are counted in folded characters.
   */
  private separatorWidth(text: string, i: number): number {
    const cp = text.codePointAt(i)!;
    if (foldCodePoint(cp) !== ' ') return 0;
    if (cp <= 0xffff) return 1;
    return this.run.length === 0 ? 2 : 0;
  }

  /**
   * Switches to the folded text. Positions before the switch are the same in it, less one for each
   * two-unit separator passed over (it folds to one space); none was passed while the pending
   * spelled-out letters were read, so they all move by the same amount. Callers move theirs too.
   */
  private toFolded(): string {
    this.n = normalize(this.n.norm, this.folded);
    if (this.astral > 0) {
      for (let k = 0; k < this.run.length; k++) this.run[k]! -= this.astral;
      this.astral = 0;
    }
    return this.n.norm;
  }

  scan(n: Normalized, sink: WordSink): void {
    this.n = n;
    this.sink = sink;
    let norm = n.norm;
    let len = norm.length;
    let ascii = n.starts === null;
    this.astral = 0;
    let i = 0;
    outer: while (i < len) {
      let code = norm.charCodeAt(i);
      if (code > 127 && ascii) {
        const width = this.separatorWidth(norm, i);
        if (width > 0) {
          i += width;
          this.astral += width - 1;
          continue;
        }
        i -= this.astral;
        norm = this.toFolded();
        len = norm.length;
        ascii = false;
        continue;
      }
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
            ? this.index.filter.verdictAt(norm, i, k, 0)
            : this.index.filter.check(hl, 0, false, norm.charCodeAt(i), norm.charCodeAt(i + 1), a2, 0, 0);
          if (may === 0) this.emit(NO_IDS, i, k);
          else if (may === EXACT) {
            // A word that only continues phrases changes nothing when none is in progress.
            if (this.sink.listening || this.index.filter.startMay(hl))
              this.emit(this.index.exactAt(norm, i, k, hl), i, k);
          } else this.emit(this.memo.letters(norm, i, k, hl, rep), i, k);
          i = k;
          continue;
        }
        code = norm.charCodeAt(i);
      }
      // "@name": a handle, unless "@" is leet for "a" ("@sshole"). Handles are frequent and mostly
      // distinct, so when the vocabulary can hold neither reading the word is passed over here,
      // without a substring or a resolution cache entry.
      if (code === 64 && i + 2 < len) {
        let k = i + 1;
        let c = norm.charCodeAt(k);
        while (c >= 97 && c <= 122) {
          if (++k >= len) break;
          c = norm.charCodeAt(k);
        }
        const filter = this.index.filter;
        if (k - i > 2 && (k >= len || (c < 128 && CLASS[c] === 0))) {
          if (filter.verdictAt(norm, i + 1, k, 97) === 0) {
            // Not "a..." in the vocabulary: the handle's name, read after the "@" (resolveWord's
            // reading of it, without a substring unless it may be a wildcard or repeated-letter form).
            const v = filter.verdictAt(norm, i + 1, k, 0, false);
            this.flushRun();
            if (v === 0) this.emit(NO_IDS, i, k);
            else if (v === EXACT) this.emit(this.index.exactAt(norm, i + 1, k, filter.lastHash), i + 1, k);
            else {
              // Handles are mostly distinct: read in place rather than filling the cache with them.
              const h = filter.lastHash;
              const ids = filter.lastRepeat
                ? this.memo.letters(norm, i + 1, k, h, true)
                : this.index.lookupLettersAt(norm, i + 1, k, h);
              this.emit(ids, i + 1, k);
            }
            i = k;
            continue;
          }
        }
      }
      // One pass computes what the common case needs: a lower-case ASCII word without tricks,
      // with the hashes the vocabulary filter checks (of the word and of its collapsed form).
      let j = i;
      let plain = true;
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
        if (code > 127 && ascii) {
          if (this.separatorWidth(norm, j) > 0) break;
          i -= this.astral;
          norm = this.toFolded();
          len = norm.length;
          ascii = false;
          continue outer;
        }
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
        else if (may === EXACT) {
          if (this.sink.listening || this.index.filter.startMay(h))
            this.emit(this.index.exactAt(norm, i, end, h), i, end);
        } else {
          // A plain word resolves to exactly its lookup (resolveWord's plain case), through the cache.
          this.emit(this.memo.letters(norm, i, end, h, repeat), i, end);
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
    if (!mayCamel(this.n.norm, s, e)) {
      this.plain(s, e);
      return;
    }
    const raw = this.n.norm.slice(s, e);
    const split = camelSplit(raw);
    if (split !== null) {
      // A hashtag may be a term as a whole ("#FuckOff", "#WhatsApp" in a phrase) or in parts
      // ("#ScumbagCops"). A whole-word hit stays one word; its parts are still read on the side, so
      // terms and exceptions inside it ("#BellEnd" is also "Bell End") are seen.
      const whole = this.memo.resolve(raw);
      if (whole === null || whole.ids.length === 0) {
        for (let p = 0; p < split.length - 1; p++) this.plain(s + split[p]!, s + split[p + 1]!);
        return;
      }
      this.emit(whole.ids, s, e);
      const parts: SideWord[] = [];
      for (let p = 0; p < split.length - 1; p++) {
        const ps = s + split[p]!;
        const pe = s + split[p + 1]!;
        const r = this.memo.resolve(this.n.norm.slice(ps, pe));
        parts.push({ ids: r === null ? [] : r.ids, start: this.start(ps), end: this.end(pe) });
      }
      this.sink.side(parts);
      return;
    }
    this.plain(s, e);
  }

  private plain(s: number, e: number): void {
    const norm = this.n.norm;
    // ASCII letters only (a hashtag's part, "#police"): read in place through the letters cache.
    let h = 0;
    let k = s;
    let repeat = false;
    let prev = 0;
    for (; k < e; k++) {
      const code = norm.charCodeAt(k);
      if (code > 127 || (CLASS[code] !== 1 && CLASS[code] !== 2)) break;
      if ((code | 32) === prev) repeat = true;
      prev = code | 32;
      h = (Math.imul(h, 31) + prev) | 0;
    }
    if (k === e) {
      this.emit(this.memo.letters(norm, s, e, h, repeat), s, e);
      return;
    }
    const r = this.memo.resolve(this.n.norm.slice(s, e));
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
      const r = this.memo.resolve(raw);
      if (r === null || r.ids.length === 0) continue;
      for (let p = 0; p < k; p++) this.plain(run[p]!, run[p]! + 1);
      // "B e l l E n d" joins to a term but may be a name spelled apart ("Bell End"): the sink
      // sees the joined letters so that such exceptions can cover it.
      this.sink.spelled(raw, this.start(run[k]!), this.end(run[run.length - 1]! + 1));
      this.emit(r.ids, run[k + r.trimStart]!, run[run.length - 1 - r.trimEnd]! + 1);
      return;
    }
    for (const p of run) {
      const code = norm.charCodeAt(p);
      if (code < 128 && (CLASS[code] === 1 || CLASS[code] === 2)) {
        // A letter on its own ("i", "a"): a plain word, through the letters cache.
        this.emit(this.memo.letters(norm, p, p + 1, code | 32, false), p, p + 1);
      } else this.plain(p, p + 1);
    }
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
