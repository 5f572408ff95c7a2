import leo from 'leo-profanity';
import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';
import { peerTerms } from './lib/peers.js';
const messages = benchMessages(100_000, ABUSIVE);
const terms = benchTerms(2000);
const a = compileDictionaries([benchDictionary(terms)]);
const b = compileDictionaries([benchDictionary(terms)]);
// biome-ignore lint: bench hack
(b as any).scanner.index.filter.mayMatch = () => true;
leo.clearList(); leo.add(peerTerms(terms));
const cpu = (fn: () => void) => { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const res: Record<string, number[]> = { filter: [], nofilter: [], leo: [] };
for (let r = 0; r < 5; r++) {
  res.filter!.push(messages.length / cpu(() => { for (const s of messages) a.match(s); }));
  res.nofilter!.push(messages.length / cpu(() => { for (const s of messages) b.match(s); }));
  res.leo!.push(messages.length / cpu(() => { for (const s of messages) leo.check(s); }));
}
for (const [k, v] of Object.entries(res)) console.log(k, v.map(Math.round).sort((x, y) => x - y).join(' '));
