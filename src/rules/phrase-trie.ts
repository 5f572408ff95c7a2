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
