/**
 * Terms as paths of word ids: "i know where you live" is five steps, "scumbag" one. Walking the
 * trie word by word finds every term in one pass, whatever the number of terms.
 */

export interface TermRef {
  /** Index of the dictionary in the compiled list. */
  dict: number;
  /** The term as written in the dictionary, reported in matches. */
  term: string;
  /** An exception: its span suppresses the dictionary's overlapping matches. */
  exception: boolean;
}

export interface TrieNode {
  next: Map<number, TrieNode> | null;
  refs: TermRef[] | null;
}

export function newNode(): TrieNode {
  return { next: null, refs: null };
}

export function insertPath(root: TrieNode, ids: readonly number[], ref: TermRef): void {
  let node = root;
  for (const id of ids) {
    node.next ??= new Map();
    let child = node.next.get(id);
    if (child === undefined) {
      child = newNode();
      node.next.set(id, child);
    }
    node = child;
  }
  node.refs ??= [];
  if (!node.refs.some((r) => r.dict === ref.dict && r.term === ref.term && r.exception === ref.exception)) {
    node.refs.push(ref);
  }
}

/**
 * The trie frozen into typed arrays for matching: states are integers (0 = root). A state's data is
 * one row of four integers (its children's range, its terms' range), its children sit side by side
 * sorted by word id, and its terms are flat arrays: stepping a phrase in progress touches one or two
 * cache lines that stay warm for common words, costs no Map lookup and allocates nothing. Words from
 * the root are found by direct indexing.
 */
export class PhraseAutomaton {
  /** Child of the root for each word id, or -1. */
  private readonly rootNext: Int32Array;
  /**
   * Four integers per state: first and end index (in `kids`) of its children, first and end index of
   * its terms (in the ref arrays).
   */
  readonly row: Int32Array;
  /** Children of every state as (word id, target state) pairs, each state's run sorted by id. */
  private readonly kids: Int32Array;
  /** Every term ending at a state, state by state: the ref, and its dictionary and exception flag. */
  readonly refList: TermRef[] = [];
  readonly refDict: Int32Array;
  readonly refException: Uint8Array;

  constructor(root: TrieNode, wordCount: number) {
    const nodes: TrieNode[] = [root];
    for (let s = 0; s < nodes.length; s++) {
      const next = nodes[s]!.next;
      if (next !== null)
        for (const child of [...next.keys()].sort((a, b) => a - b)) nodes.push(next.get(child)!);
    }
    const index = new Map<TrieNode, number>(nodes.map((n, i) => [n, i]));
    this.row = new Int32Array(nodes.length * 4);
    this.rootNext = new Int32Array(Math.max(1, wordCount)).fill(-1);
    const kids: number[] = [];
    nodes.forEach((node, s) => {
      const at = s * 4;
      this.row[at] = kids.length;
      if (node.next !== null) {
        for (const id of [...node.next.keys()].sort((a, b) => a - b)) {
          const target = index.get(node.next.get(id)!)!;
          if (s === 0) this.rootNext[id] = target;
          kids.push(id, target);
        }
      }
      this.row[at + 1] = kids.length;
      this.row[at + 2] = this.refList.length;
      for (const ref of node.refs ?? []) this.refList.push(ref);
      this.row[at + 3] = this.refList.length;
    });
    this.kids = Int32Array.from(kids);
    this.refDict = Int32Array.from(this.refList, (r) => r.dict);
    this.refException = Uint8Array.from(this.refList, (r) => (r.exception ? 1 : 0));
  }

  /** The state reached from `state` by word `id`, or -1. */
  next(state: number, id: number): number {
    if (state === 0) return id < this.rootNext.length ? this.rootNext[id]! : -1;
    const kids = this.kids;
    let lo = this.row[state << 2]!;
    let hi = this.row[(state << 2) + 1]!;
    // Most states have a few children: a linear scan of one cache line; a binary search past that.
    while (hi - lo > 16) {
      const mid = lo + (((hi - lo) >>> 2) << 1);
      if (kids[mid]! <= id) lo = mid;
      else hi = mid;
    }
    for (let k = lo; k < hi; k += 2) {
      const kid = kids[k]!;
      if (kid === id) return kids[k + 1]!;
      if (kid > id) return -1;
    }
    return -1;
  }

  /** True when a phrase can continue from `state`. */
  continues(state: number): boolean {
    return this.row[(state << 2) + 1]! > this.row[state << 2]!;
  }

  /** The terms ending at `state` (a copy; for tests and rare paths). */
  refsOf(state: number): TermRef[] {
    return this.refList.slice(this.row[(state << 2) + 2]!, this.row[(state << 2) + 3]!);
  }
}
