import leo from 'leo-profanity';
import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';
const messages = benchMessages(100_000, ABUSIVE).map((t) => t.replace(/[^A-Za-z ]/g, '').toLowerCase());
const one = compileDictionaries([benchDictionary(['zzzqqq'])]);
const full = compileDictionaries([benchDictionary(benchTerms(2000))]);
leo.clearList(); leo.add(['zzzqqq']);
const cpu = (fn: () => void) => { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const res: Record<string, number[]> = { one: [], full: [], leo: [], loop: [] };
let x = 0;
for (let r = 0; r < 5; r++) {
  res.one!.push(messages.length / cpu(() => { for (const s of messages) one.match(s); }));
  res.full!.push(messages.length / cpu(() => { for (const s of messages) full.match(s); }));
  res.leo!.push(messages.length / cpu(() => { for (const s of messages) leo.check(s); }));
  res.loop!.push(messages.length / cpu(() => { for (const s of messages) for (let i = 0; i < s.length; i++) x += s.charCodeAt(i); }));
}
for (const [k, v] of Object.entries(res)) console.log(k, v.map(Math.round).sort((a, b) => a - b).join(' '));
console.log(x > 0);
