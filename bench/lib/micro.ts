/**
 * Focused micro-bench for iterating on the engine (not a target check: keyword-engine.bench.ts is):
 * in-process msg per CPU-second, best of [passes], at 2,000 terms, then 100 and 10,000.
 * Run: node --import tsx bench/lib/micro.ts [passes]   ONLY=2k|100|10k for one size (e.g. to profile
 * with node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/lib/micro.ts).
 */
import { compileDictionaries } from '../../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms, sampleTerms } from './corpus.js';
import { ABUSIVE } from './obfuscate.js';

const messages = benchMessages(200_000, ABUSIVE);
const passes = Number(process.argv[2] ?? 3);
function cpuRate(fn: (t: string) => number): number {
  let best = 0;
  for (let p = 0; p < passes; p++) {
    let sink = 0;
    const c0 = process.cpuUsage();
    for (const m of messages) sink += fn(m);
    const c = process.cpuUsage(c0);
    if (sink < 0) console.log(sink);
    best = Math.max(best, messages.length / ((c.user + c.system) / 1e6));
  }
  return best;
}
const only = process.env.ONLY;
if (only === '10k' || only === '100') {
  const m = compileDictionaries([
    benchDictionary(sampleTerms(benchTerms(10_000), Number(only === '100' ? 100 : 10_000))),
  ]);
  cpuRate((t) => m.match(t).length);
  console.log(
    `${only} terms: ${Math.round(cpuRate((t) => m.match(t).length)).toLocaleString('en-GB')} msg/CPU-s`,
  );
  process.exit(0);
}
const t2k = benchTerms(2_000);
const m2k = compileDictionaries([benchDictionary(t2k)]);
cpuRate((t) => m2k.match(t).length);
console.log(
  `2000 terms: ${Math.round(cpuRate((t) => m2k.match(t).length)).toLocaleString('en-GB')} msg/CPU-s`,
);
if (only !== '2k') {
  const t10k = benchTerms(10_000);
  const r: number[] = [];
  for (const n of [100, 10_000]) {
    const m = compileDictionaries([benchDictionary(sampleTerms(t10k, n))]);
    cpuRate((t) => m.match(t).length);
    r.push(cpuRate((t) => m.match(t).length));
    console.log(`${n} terms: ${Math.round(r[r.length - 1]!).toLocaleString('en-GB')} msg/CPU-s`);
  }
  console.log(`ratio 10k/100: ${((r[1]! / r[0]!) * 100).toFixed(0)}%`);
}
