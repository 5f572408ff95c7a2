import { benchTerms } from './lib/corpus.js';
const t = benchTerms(2000).filter((x) => x.endsWith('*'));
const heads = new Map<string, string[]>();
for (const x of t) { const h = x.slice(0, 2); heads.set(h, [...(heads.get(h) ?? []), x]); }
console.log(t.length, heads.size, [...heads.keys()].join(' '));
