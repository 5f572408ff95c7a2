import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';

const size = Number(process.argv[2] ?? 2000);
const messages = benchMessages(200_000, ABUSIVE);
const m = compileDictionaries([benchDictionary(benchTerms(size))]);
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  let h = 0;
  for (const s of messages) h += m.match(s).length;
  console.log(size, Math.round((messages.length / (performance.now() - t0)) * 1000), h);
}
