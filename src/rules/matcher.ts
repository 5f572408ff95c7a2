/**
 * compileDictionaries: every dictionary's terms, exceptions and patterns in one matcher.
 * A message is normalized once, split into words once, and each word costs a few hash lookups,
 * so throughput does not depend on the number of terms.
 */
import { type CompiledPattern, compilePattern, findPatterns as findPatterns_ } from './patterns.js';
import { insertPath, newNode, PhraseAutomaton } from './phrase-trie.js';
import { parseTerm } from './term.js';
import { type Dictionary, DictionaryError, type Match, type Matcher } from './types.js';
import { WordIndex } from './word-index.js';
import { type SideWord, WordScanner, type WordSink } from './word-scanner.js';

// Module-local copies of imports used per message: tsx runs modules as CommonJS, where each use of an
// imported binding is a getter call.
const findPatterns = findPatterns_;

export function compileDictionaries(dicts: readonly Dictionary[]): Matcher {
  return new KeywordMatcher(dicts);
}

/** A multi-word exception's words joined, with their lengths (where each word starts). */
interface SpelledException {
  joined: string;
  lens: number[];
  dict: number;
}
const NO_SPELLED: readonly SpelledException[] = [];

interface Span {
  dict: number;
  start: number;
  end: number;
}

class KeywordMatcher implements Matcher, WordSink {
  /** Name and category of each dictionary, by index. */
  private readonly names: string[];
  private readonly categories: Dictionary['category'][];
  private readonly automaton: PhraseAutomaton;
  private readonly patterns: CompiledPattern[] = [];
  private readonly scanner: WordScanner;
  // Per-call state; match() is synchronous, so one set of buffers serves every call.
  /** Matches found by this call, four integers each (see push()), and how many. */
  private found = new Int32Array(64);
  private count = 0;
  /** Index of the pattern being run (onPattern records it). */
  private patternAt = 0;
  private exceptionSpans: Span[] = [];
  // Partial phrases: automaton state reached and where the phrase started. Two buffers swapped per
  // word, with explicit counts; they grow when a text keeps more phrases in progress.
  private states = new Int32Array(64);
  private stateStarts = new Int32Array(64);
  private stateCount = 0;
  private nextStates = new Int32Array(64);
  private nextStarts = new Int32Array(64);
  private nextCount = 0;
  /**
   * Multi-word exceptions with their words joined ("Bell End" -> "bellend"), for letters spelled
   * apart: "B e l l E n d" is a place name as much as an insult, and names must not be hidden.
   */
  private readonly spelledExceptions = new Map<string, SpelledException[]>();
  /** The same for wildcard exceptions ("slag heap*" -> "slagheap", any continuation). */
  private readonly spelledExceptionPrefixes: SpelledException[] = [];

  constructor(dicts: readonly Dictionary[]) {
    this.names = dicts.map((d) => d.name);
    this.categories = dicts.map((d) => d.category);
    const index = new WordIndex();
    const root = newNode();
    dicts.forEach((dict, d) => {
      const add = (term: string, exception: boolean) => {
        const parsed = parseTerm(term);
        if (typeof parsed === 'string') throw new DictionaryError(dict.name, undefined, parsed);
        const last = parsed.words.length - 1;
        const ids = parsed.words.map((w, i) => index.add(w, parsed.prefix && i === last));
        index.filter.addStart(parsed.words[0]!);
        insertPath(root, ids, { dict: d, term, exception });
        if (exception && parsed.words.length > 1) {
          const entry = { joined: parsed.words.join(''), lens: parsed.words.map((w) => w.length), dict: d };
          if (parsed.prefix) this.spelledExceptionPrefixes.push(entry);
          else
            this.spelledExceptions.set(entry.joined, [
              ...(this.spelledExceptions.get(entry.joined) ?? []),
              entry,
            ]);
        }
      };
      for (const term of dict.terms) add(term, false);
      for (const term of dict.exceptions) add(term, true);
      for (const rule of dict.patterns) {
        const compiled = compilePattern(rule, d);
        if (typeof compiled === 'string') throw new DictionaryError(dict.name, undefined, compiled);
        this.patterns.push(compiled);
      }
    });
    this.scanner = new WordScanner(index);
    this.automaton = new PhraseAutomaton(root, index.size);
  }

  match(text: string): Match[] {
    this.scanCall(text);
    const n = this.count;
    if (n === 0) return [];
    // One object per match, made only now (nothing is allocated while scanning) and only if kept.
    const out: Match[] = [];
    const spans = this.exceptionSpans.length > 0;
    for (let i = 0; i < n; i++) if (!spans || !this.excepted(i)) out.push(this.toMatch(i));
    if (out.length > 1 && !sorted(out)) out.sort(byPosition);
    return out;
  }

  test(text: string): boolean {
    this.scanCall(text);
    for (let i = 0; i < this.count; i++) if (!this.excepted(i)) return true;
    return false;
  }

  private scanCall(text: string): void {
    this.count = 0;
    if (this.exceptionSpans.length > 0) this.exceptionSpans = [];
    this.stateCount = 0;
    this.scanner.scanText(text, this);
    const patterns = this.patterns;
    for (let k = 0; k < patterns.length; k++) {
      this.patternAt = k;
      findPatterns(patterns[k]!, text, this.onPattern);
    }
  }

  /** A phrase is in progress: the next word must be seen even if it matches nothing (it breaks it). */
  get listening(): boolean {
    return this.stateCount > 0;
  }

  /** WordSink: one step of every partial phrase, and a new start at this word. */
  word(ids: readonly number[], start: number, end: number): void {
    if (ids.length === 0) {
      this.stateCount = 0;
      return;
    }
    this.nextCount = 0;
    const count = this.stateCount;
    const states = this.states;
    const starts = this.stateStarts;
    for (let s = 0; s < count; s++) this.step(states[s]!, starts[s]!, ids, end);
    this.step(0, start, ids, end);
    // Swap buffers: the states reached by this word are the ones the next word continues.
    this.states = this.nextStates;
    this.stateStarts = this.nextStarts;
    this.stateCount = this.nextCount;
    this.nextStates = states;
    this.nextStarts = starts;
  }

  /** WordSink: every term within a short side sequence of words, without touching phrases in progress. */
  side(words: readonly SideWord[]): void {
    const a = this.automaton;
    const walk = (state: number, from: number, k: number): void => {
      const w = words[k];
      if (w === undefined || !a.continues(state)) return;
      for (const id of w.ids) {
        const child = a.next(state, id);
        if (child === -1) continue;
        this.recordAll(child, words[from]!.start, w.end);
        walk(child, from, k + 1);
      }
    };
    for (let from = 0; from < words.length; from++) walk(0, from, from);
  }

  /**
   * WordSink: letters spelled apart that join into a multi-word exception, written as a name (a
   * capital starting each of its words, not all capitals: "B e l l E n d"), are covered by it.
   * All lower case or all capitals ("b e l l e n d") is the usual way round a filter, and still matches.
   */
  spelled(letters: string, start: number, end: number): void {
    const lower = letters.toLowerCase();
    for (const x of this.spelledExceptions.get(lower) ?? NO_SPELLED)
      this.spelledException(x, letters, start, end);
    for (const x of this.spelledExceptionPrefixes) {
      if (lower.startsWith(x.joined)) this.spelledException(x, letters, start, end);
    }
  }

  private spelledException(x: SpelledException, letters: string, start: number, end: number): void {
    if (letters === letters.toUpperCase()) return;
    let at = 0;
    for (const len of x.lens) {
      const ch = letters[at]!;
      if (ch === ch.toLowerCase()) return;
      at += len;
    }
    this.exceptionSpans.push({ dict: x.dict, start, end });
  }

  private step(state: number, start: number, ids: readonly number[], end: number): void {
    const a = this.automaton;
    const row = a.row;
    for (let k = 0; k < ids.length; k++) {
      const child = a.next(state, ids[k]!);
      if (child === -1) continue;
      const at = child << 2;
      if (row[at + 3]! > row[at + 2]!) this.recordAll(child, start, end);
      if (row[at + 1]! > row[at]!) {
        if (this.nextCount === this.nextStates.length) this.growNext();
        this.nextStates[this.nextCount] = child;
        this.nextStarts[this.nextCount++] = start;
      }
    }
  }

  private growNext(): void {
    const states = new Int32Array(this.nextStates.length * 2);
    states.set(this.nextStates);
    this.nextStates = states;
    const starts = new Int32Array(this.nextStarts.length * 2);
    starts.set(this.nextStarts);
    this.nextStarts = starts;
  }

  /** Records every term ending at `state`. */
  private recordAll(state: number, start: number, end: number): void {
    const a = this.automaton;
    const last = a.row[(state << 2) + 3]!;
    for (let r = a.row[(state << 2) + 2]!; r < last; r++) {
      const dict = a.refDict[r]!;
      if (a.refException[r] === 1) this.exceptionSpans.push({ dict, start, end });
      else this.push(r, dict, start, end);
    }
  }

  /** Records a match as four integers: `ref` is a term's index in the automaton, or -1 - a pattern's. */
  private push(ref: number, dict: number, start: number, end: number): void {
    const at = this.count * 4;
    if (at === this.found.length) {
      const grown = new Int32Array(at * 2);
      grown.set(this.found);
      this.found = grown;
    }
    this.found[at] = ref;
    this.found[at + 1] = dict;
    this.found[at + 2] = start;
    this.found[at + 3] = end;
    this.count++;
  }

  private toMatch(i: number): Match {
    const f = this.found;
    const ref = f[i * 4]!;
    const d = f[i * 4 + 1]!;
    const term = ref >= 0 ? this.automaton.refList[ref]!.term : this.patterns[-1 - ref]!.term;
    return {
      dictionary: this.names[d]!,
      category: this.categories[d]!,
      term,
      start: f[i * 4 + 2]!,
      end: f[i * 4 + 3]!,
    };
  }

  private readonly onPattern = (p: CompiledPattern, start: number, end: number): void => {
    this.push(-1 - this.patternAt, p.dict, start, end);
  };

  private excepted(i: number): boolean {
    const f = this.found;
    const dict = f[i * 4 + 1]!;
    const start = f[i * 4 + 2]!;
    const end = f[i * 4 + 3]!;
    return this.exceptionSpans.some((x) => x.dict === dict && x.start < end && start < x.end);
  }
}

/** Matches are mostly recorded in order already: checking is cheaper than sorting. */
function sorted(list: readonly Match[]): boolean {
  for (let i = 1; i < list.length; i++) if (byPosition(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

function byPosition(a: Match, b: Match): number {
  return a.start - b.start || a.end - b.end;
}
