import leo from 'leo-profanity';
import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';
import { peerTerms } from './lib/peers.js';
const messages = benchMessages(100_000, ABUSIVE);
const terms = benchTerms(2000);
const a = compileDictionaries([benchDictionary(terms)]);
leo.clearList(); leo.add(peerTerms(terms));
const cpu = (fn: () => void) => { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const ratios: number[] = [];
const ours: number[] = [];
for (let r = 0; r < 6; r++) {
  const x = messages.length / cpu(() => { for (const s of messages) a.match(s); });
  const y = messages.length / cpu(() => { for (const s of messages) leo.check(s); });
  ours.push(x); ratios.push(x / y);
}
console.log('ours', ours.map(Math.round).sort((p, q) => p - q).join(' '), 'ratio', ratios.map((v) => v.toFixed(2)).sort().join(' '));
