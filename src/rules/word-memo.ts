/**
 * What each distinct word of text resolves to, remembered: resolveWord is a pure function of the
 * word, and the words of real messages repeat a lot, so the slow readings (leet, repeats,
 * wildcards, masks) run once per distinct word. Two bounded generations keep memory constant.
 */
import type { WordIndex } from './word-index.js';
import { type Resolved, resolveWord as resolveWord_ } from './word-resolve.js';
import { WordTable as WordTable_ } from './word-table.js';

// Module-local copies: tsx runs modules as CommonJS, where each use of an import is a getter call.
const resolveWord = resolveWord_;
const WordTable = WordTable_;

/** Distinct words whose resolution is remembered, per generation. */
const CACHE_WORDS = 8192;

export class WordMemo {
  private readonly index: WordIndex;
  private cache = new Map<string, Resolved | null>();
  private oldCache = new Map<string, Resolved | null>();
  /**
   * The same for words of ASCII letters only (any case), read in place: value = index in lettersIds.
   * Such a word resolves to its lookup, so its ids are all that is kept.
   */
  private lettersTable = new WordTable();
  private lettersIds: (readonly number[])[] = [];
  private oldLetters = new WordTable();
  private oldLettersIds: (readonly number[])[] = [];

  constructor(index: WordIndex) {
    this.index = index;
  }

  /**
   * resolveWord through a bounded cache: a pure function of the word, and the words of real messages
   * repeat a lot, so the slow readings (leet, repeats, wildcards, masks) run once per distinct word.
   */
  resolve(raw: string): Resolved | null {
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

  /**
   * resolve() for norm[s, e), ASCII letters only, of lower-case hash h (hashWord); `repeat` when it
   * has a doubled letter (in any case).
   */
  letters(norm: string, s: number, e: number, h: number, repeat: boolean): readonly number[] {
    const at = this.lettersTable.getLetters(norm, s, e, h);
    if (at >= 0) return this.lettersIds[at]!;
    const old = this.oldLetters.getLetters(norm, s, e, h);
    let ids: readonly number[];
    if (old >= 0) ids = this.oldLettersIds[old]!;
    // Without a doubled letter only the exact and wildcard readings apply: looked up in place.
    else if (!repeat) ids = this.index.lookupLettersAt(norm, s, e, h);
    else ids = resolveWord(this.index, norm.slice(s, e).toLowerCase())!.ids;
    if (this.lettersIds.length >= CACHE_WORDS) {
      this.oldLetters = this.lettersTable;
      this.oldLettersIds = this.lettersIds;
      this.lettersTable = new WordTable(CACHE_WORDS);
      this.lettersIds = [];
    }
    this.lettersTable.setLetters(norm, s, e, h, this.lettersIds.length);
    this.lettersIds.push(ids);
    return ids;
  }
}
