import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';
const messages = benchMessages(200_000, ABUSIVE);
const m = compileDictionaries([benchDictionary(benchTerms(2000))]);
const groups: Record<string, string[]> = {
  all: messages,
  ascii: messages.filter((t) => !/[^\x00-\x7f]/.test(t)),
  nonascii: messages.filter((t) => /[^\x00-\x7f]/.test(t)),
  mention: messages.filter((t) => t.startsWith('@')),
  plainOnly: messages.filter((t) => /^[A-Za-z .!?]+$/.test(t)),
  stripped: messages.map((t) => t.replace(/[^A-Za-z ]/g, '').toLowerCase()),
};
const m0 = compileDictionaries([benchDictionary(['zzzqqq'])]);
for (let r = 0; r < 2; r++) for (const [k, g] of Object.entries(groups)) {
  for (const [mn, mm] of [['2000', m], ['1term', m0]] as const) {
    const t0 = performance.now(); let h = 0; for (const s of g) h += mm.match(s).length;
    console.log(k.padEnd(10), mn.padEnd(6), g.length, Math.round(g.length / (performance.now() - t0) * 1000));
  }
}
