/**
 * The vocabulary of every word that appears in a compiled term, each with a small integer id.
 * A text word is looked up by hash (never by scanning the terms), so the cost per word does not grow
 * with the dictionary size: exact form, then repeated-letter form, masked form, and prefixes for
 * wildcard terms ("fuck*").
 */
import { collapseRuns, maskedForms, runLengths, runsCover } from './word-shape.js';

interface RunEntry {
  id: number;
  runs: number[];
}

const NONE: readonly number[] = [];
/** Prefix wildcards need this many letters, so the head set can reject most words in one lookup. */
export const MIN_PREFIX = 3;

export class WordIndex {
  private readonly ids = new Map<string, number>();
  private readonly exact = new Map<string, number>();
  private readonly collapsed = new Map<string, RunEntry[]>();
  private readonly masked = new Map<string, number[]>();
  private readonly prefix = new Map<string, number>();
  private readonly prefixCollapsed = new Map<string, RunEntry[]>();
  private readonly prefixMasked = new Map<string, number[]>();
  /** First two letters of every prefix term: a bitmap for ASCII (no allocation per word), a set otherwise. */
  private readonly asciiHeads = new Uint8Array(128 * 128);
  private readonly otherHeads = new Set<string>();
  private prefixLens: number[] = [];
  private prefixCollapsedLens: number[] = [];

  /** Id of a term word; `isPrefix` for the last word of a wildcard term. */
  add(word: string, isPrefix: boolean): number {
    const spec = isPrefix ? `${word}*` : word;
    const known = this.ids.get(spec);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(spec, id);
    const squeezed = collapseRuns(word);
    const entry = { id, runs: runLengths(word) };
    if (isPrefix) {
      this.prefix.set(word, id);
      push(this.prefixCollapsed, squeezed, entry);
      for (const form of maskedForms(word)) push(this.prefixMasked, form, id);
      this.addHead(word);
      this.addHead(squeezed);
      this.prefixLens = addLen(this.prefixLens, word.length);
      this.prefixCollapsedLens = addLen(this.prefixCollapsedLens, squeezed.length);
    } else {
      this.exact.set(word, id);
      push(this.collapsed, squeezed, entry);
      for (const form of maskedForms(word)) push(this.masked, form, id);
    }
    return id;
  }

  private addHead(word: string): void {
    const a = word.charCodeAt(0);
    const b = word.charCodeAt(1);
    if (a < 128 && b < 128) this.asciiHeads[a * 128 + b] = 1;
    else this.otherHeads.add(word.slice(0, 2));
  }

  private hasHead(word: string): boolean {
    const a = word.charCodeAt(0);
    const b = word.charCodeAt(1);
    if (a < 128 && b < 128) return this.asciiHeads[a * 128 + b] === 1;
    return this.otherHeads.has(word.slice(0, 2));
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
    let out: number[] | undefined;
    const id = this.exact.get(word);
    if (id !== undefined) out = [id];
    if (this.prefixLens.length > 0 && this.hasHead(word)) {
      for (const len of this.prefixLens) {
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
    if (this.prefixCollapsedLens.length > 0 && this.hasHead(squeezed)) {
      for (const len of this.prefixCollapsedLens) {
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
    let out: number[] | undefined;
    for (const id of this.masked.get(word) ?? NONE) out = add(out, id);
    for (const len of this.prefixLens) {
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

function add(list: number[] | undefined, id: number): number[] {
  if (list === undefined) return [id];
  if (!list.includes(id)) list.push(id);
  return list;
}

function addLen(lens: number[], len: number): number[] {
  return lens.includes(len) ? lens : [...lens, len].sort((a, b) => a - b);
}
