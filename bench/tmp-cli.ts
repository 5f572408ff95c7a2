import { scanLine } from '../src/cli/scan.js';
import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms } from './lib/corpus.js';
import { ABUSIVE } from './lib/obfuscate.js';
const messages = benchMessages(200_000, ABUSIVE);
const lines = messages.map((text, i) => JSON.stringify({ id: `m${i}`, text }));
const m = compileDictionaries([benchDictionary(benchTerms(2000))]);
for (let r = 0; r < 3; r++) {
  let c0 = process.cpuUsage(); let t0 = performance.now(); let n = 0;
  for (let i = 0; i < lines.length; i++) n += scanLine(m, lines[i]!, i + 2).length;
  let cpu = process.cpuUsage(c0); console.log('scanLine', Math.round(lines.length / (performance.now() - t0) * 1000), 'wall', Math.round(lines.length / ((cpu.user + cpu.system) / 1e6)), 'cpu');
  c0 = process.cpuUsage(); t0 = performance.now();
  for (let i = 0; i < messages.length; i++) n += m.match(messages[i]!).length;
  cpu = process.cpuUsage(c0); console.log('match   ', Math.round(lines.length / (performance.now() - t0) * 1000), 'wall', Math.round(lines.length / ((cpu.user + cpu.system) / 1e6)), 'cpu');
}
