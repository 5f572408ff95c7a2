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
 * The trie frozen into typed arrays for matching: states are integers (0 = root), a transition is
 * found by direct indexing from the root and by an open-addressing hash on (state, word id) below it,
 * so stepping a phrase in progress costs no Map lookup and allocates nothing.
 */
export class PhraseAutomaton {
  /** Child of the root for each word id, or -1. */
  private readonly rootNext: Int32Array;
  /** Three integers per slot, side by side (one cache line per probe): state (-1 = empty), word id, target. */
  private readonly edges: Int32Array;
  private readonly mask: number;
  /** Terms ending at each state (null for none). */
  readonly refs: (TermRef[] | null)[] = [];
  /** 1 when a state has transitions (a phrase can continue from it). */
  readonly continues: Uint8Array;

  constructor(root: TrieNode, wordCount: number) {
    const nodes: TrieNode[] = [root];
    const edges: [number, number, number][] = [];
    for (let s = 0; s < nodes.length; s++) {
      const node = nodes[s]!;
      this.refs.push(node.refs);
      if (node.next === null) continue;
      for (const [id, child] of node.next) {
        edges.push([s, id, nodes.length]);
        nodes.push(child);
      }
    }
    this.continues = new Uint8Array(nodes.length);
    this.rootNext = new Int32Array(Math.max(1, wordCount)).fill(-1);
    let size = 8;
    while (size < edges.length * 2) size *= 2;
    this.mask = size - 1;
    this.edges = new Int32Array(size * 4).fill(-1);
    for (const [s, id, t] of edges) {
      this.continues[s] = 1;
      if (s === 0) {
        this.rootNext[id] = t;
        continue;
      }
      let slot = edgeSlot(s, id) & this.mask;
      while (this.edges[slot << 2] !== -1) slot = (slot + 1) & this.mask;
      this.edges[slot << 2] = s;
      this.edges[(slot << 2) + 1] = id;
      this.edges[(slot << 2) + 2] = t;
    }
  }

  /** The state reached from `state` by word `id`, or -1. */
  next(state: number, id: number): number {
    if (state === 0) return id < this.rootNext.length ? this.rootNext[id]! : -1;
    const edges = this.edges;
    const mask = this.mask;
    let slot = edgeSlot(state, id) & mask;
    for (;;) {
      const at = slot << 2;
      const k = edges[at]!;
      if (k === -1) return -1;
      if (k === state && edges[at + 1] === id) return edges[at + 2]!;
      slot = (slot + 1) & mask;
    }
  }
}

function edgeSlot(state: number, id: number): number {
  const h = Math.imul(state, 0x9e3779b1) ^ Math.imul(id + 1, 0x85ebca77);
  return h ^ (h >>> 16);
}
