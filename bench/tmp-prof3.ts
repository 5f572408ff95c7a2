import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';
const messages = benchMessages(100_000, ABUSIVE).map((t) => t.replace(/[^A-Za-z ]/g, '').toLowerCase());
const full = compileDictionaries([benchDictionary(benchTerms(2000))]);
let n = 0;
for (let r = 0; r < 8; r++) for (const s of messages) n += full.match(s).length;
console.log(n);
