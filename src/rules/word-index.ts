/**
 * The vocabulary of every word that appears in a compiled term, each with a small integer id.
 * A text word is looked up by hash (never by scanning the terms), so the cost per word does not grow
 * with the dictionary size: exact form, then repeated-letter form, masked form, and prefixes for
 * wildcard terms ("fuck*").
 */
import { WordFilter } from './word-filter.js';
import {
  collapseRuns as collapseRuns_,
  maskedForms,
  runLengths as runLengths_,
  runsCover as runsCover_,
} from './word-shape.js';
import { WordTable } from './word-table.js';

// Module-local copies of imports used per word: tsx runs modules as CommonJS, where each use of an
// imported binding is a getter call.
const collapseRuns = collapseRuns_;
const runLengths = runLengths_;
const runsCover = runsCover_;

interface RunEntry {
  id: number;
  runs: number[];
}

const NONE: readonly number[] = [];
/** Prefix wildcards need this many letters, so the head set can reject most words in one lookup. */
export const MIN_PREFIX = 3;

export class WordIndex {
  private readonly ids = new Map<string, number>();
  private readonly exact = new Map<string, readonly number[]>();
  /** Exact words, found where they lie in the text (no substring): value = index in exactLists. */
  private readonly exactTable = new WordTable();
  private readonly exactLists: (readonly number[])[] = [];
  /** [id] for each id, shared: never mutated (add() copies a list of length 1 before growing it). */
  private readonly singles: (readonly number[])[] = [];
  /** Wildcard terms' words (value = id), found in place like exact ones. */
  private readonly prefixTable = new WordTable();
  private readonly collapsed = new Map<string, RunEntry[]>();
  private readonly masked = new Map<string, number[]>();
  private readonly prefix = new Map<string, number>();
  private readonly prefixCollapsed = new Map<string, RunEntry[]>();
  private readonly prefixMasked = new Map<string, number[]>();
  /**
   * Words whose masked forms are not in the maps yet. Those forms are many (every way of hiding one
   * to three letters) and only words containing '*' need them, so they are built on first use:
   * that is most of the compile time of a large dictionary.
   */
  private unmasked: { word: string; id: number; isPrefix: boolean }[] = [];
  /**
   * Prefix lengths to try, by the word's first two characters (keyed by their codes, so no string is
   * built per word): a word tries only the lengths of wildcard terms that start like it.
   */
  private readonly prefixLens = new Map<number, number[]>();
  private readonly prefixCollapsedLens = new Map<number, number[]>();
  /** All prefix lengths, for masked words (whose first letters may be hidden). */
  private allPrefixLens: number[] = [];
  /** Cheap rejection of words that cannot match, used by the scanner's ASCII fast path. */
  readonly filter = new WordFilter();

  /** Id of a term word; `isPrefix` for the last word of a wildcard term. */
  add(word: string, isPrefix: boolean): number {
    const spec = isPrefix ? `${word}*` : word;
    const known = this.ids.get(spec);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(spec, id);
    this.singles.push([id]);
    const squeezed = collapseRuns(word);
    const entry = { id, runs: runLengths(word) };
    if (isPrefix) {
      this.filter.addHead(word, squeezed);
      this.prefix.set(word, id);
      this.prefixTable.set(word, id);
      push(this.prefixCollapsed, squeezed, entry);
      this.unmasked.push({ word, id, isPrefix });
      addLen(this.prefixLens, word, word.length);
      addLen(this.prefixCollapsedLens, squeezed, squeezed.length);
      if (!this.allPrefixLens.includes(word.length)) {
        this.allPrefixLens = [...this.allPrefixLens, word.length].sort((a, b) => a - b);
      }
    } else {
      this.filter.addExact(word);
      this.filter.addCollapsed(squeezed);
      const ids = [id];
      this.exact.set(word, ids);
      this.exactTable.set(word, this.exactLists.length);
      this.exactLists.push(ids);
      push(this.collapsed, squeezed, entry);
      this.unmasked.push({ word, id, isPrefix });
    }
    return id;
  }

  /** Exact-word ids for text[s, e) (ASCII letters, any case) whose lower-case hash is h. */
  exactAt(text: string, s: number, e: number, h: number): readonly number[] {
    const k = this.exactTable.getLetters(text, s, e, h);
    return k < 0 ? NONE : this.exactLists[k]!;
  }

  /**
   * lookup(word, false, false) for text[s, e): ASCII letters (any case) without a doubled letter,
   * whose lower-case hash is h, read in place.
   */
  lookupLettersAt(text: string, s: number, e: number, h: number): readonly number[] {
    // The bit set first: the table is large, and a probe for a word it lacks (a handle) misses the cache.
    const k = this.filter.exactMay(h) ? this.exactTable.getLetters(text, s, e, h) : -1;
    let out = k < 0 ? undefined : (this.exactLists[k] as number[]);
    if (e - s < 2) return out ?? NONE;
    const lens = this.prefixLens.get((text.charCodeAt(s) | 32) * 65536 + (text.charCodeAt(s + 1) | 32));
    if (lens === undefined) return out ?? NONE;
    let hp = 0;
    let n = 0;
    const filter = this.filter;
    for (let l = 0; l < lens.length; l++) {
      const len = lens[l]!;
      if (len > e - s) break;
      for (; n < len; n++) hp = (Math.imul(hp, 31) + (text.charCodeAt(s + n) | 32)) | 0;
      // Handles share their first letters with many wildcard terms: the bit set (in cache) rules out
      // most lengths before the table (a probe and a comparison of characters) is read.
      if (!filter.prefixHas(hp)) continue;
      const pid = this.prefixTable.getLetters(text, s, s + len, hp);
      // The usual hit (one wildcard word, no exact one) shares a stored list: nothing is allocated.
      if (pid >= 0) out = out === undefined ? (this.singles[pid] as number[]) : add(out, pid);
    }
    return out ?? NONE;
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Ids of the term words a lower-cased text word stands for. `repeats`: the word has a doubled
   * letter (only then can the repeated-letter form differ); `masked`: it contains '*'.
   */
  lookup(word: string, repeats: boolean, masked: boolean): readonly number[] {
    if (masked) return this.lookupMasked(word);
    // The exact hit is returned as stored (no allocation for the common case); add() copies before growing it.
    let out = this.exact.get(word) as number[] | undefined;
    const lens = this.prefixLens.get(headKey(word));
    if (lens !== undefined) {
      for (const len of lens) {
        if (len > word.length) break;
        const pid = this.prefix.get(word.slice(0, len));
        if (pid !== undefined) out = add(out, pid);
      }
    }
    if (repeats) out = this.lookupRepeats(word, out);
    return out ?? NONE;
  }

  private lookupRepeats(word: string, found: number[] | undefined): number[] | undefined {
    let out = found;
    const squeezed = collapseRuns(word);
    let runs: number[] | undefined;
    for (const e of this.collapsed.get(squeezed) ?? NONE_RUNS) {
      runs ??= runLengths(word);
      if (runsCover(runs, e.runs)) out = add(out, e.id);
    }
    const lens = this.prefixCollapsedLens.get(headKey(squeezed));
    if (lens !== undefined) {
      for (const len of lens) {
        if (len > squeezed.length) break;
        for (const e of this.prefixCollapsed.get(squeezed.slice(0, len)) ?? NONE_RUNS) {
          runs ??= runLengths(word);
          if (runsCover(runs, e.runs)) out = add(out, e.id);
        }
      }
    }
    return out;
  }

  private lookupMasked(word: string): readonly number[] {
    if (this.unmasked.length > 0) {
      for (const u of this.unmasked) {
        const map = u.isPrefix ? this.prefixMasked : this.masked;
        for (const form of maskedForms(u.word)) push(map, form, u.id);
      }
      this.unmasked = [];
    }
    let out: number[] | undefined;
    for (const id of this.masked.get(word) ?? NONE) out = add(out, id);
    for (const len of this.allPrefixLens) {
      if (len > word.length) break;
      for (const id of this.prefixMasked.get(word.slice(0, len)) ?? NONE) out = add(out, id);
    }
    return out ?? NONE;
  }
}

const NONE_RUNS: readonly RunEntry[] = [];

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Adds an id; never mutates a list held by the exact map (those have length 1 and are copied). */
function add(list: number[] | undefined, id: number): number[] {
  if (list === undefined) return [id];
  if (list.includes(id)) return list;
  if (list.length === 1) return [list[0]!, id];
  list.push(id);
  return list;
}

function headKey(word: string): number {
  return word.charCodeAt(0) * 65536 + word.charCodeAt(1);
}

function addLen(byHead: Map<number, number[]>, word: string, len: number): void {
  const key = headKey(word);
  const lens = byHead.get(key) ?? [];
  if (!lens.includes(len))
    byHead.set(
      key,
      [...lens, len].sort((a, b) => a - b),
    );
}
