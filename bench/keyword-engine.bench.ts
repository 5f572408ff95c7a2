/**
 * Keyword engine benchmark (issue 3). Run: node --import tsx bench/keyword-engine.bench.ts
 * Prints, in one run: our msg/s on 200,000 generated replies with 2,000 terms and the peers' on the same
 * messages and terms; throughput at 100 / 2,000 / 10,000 terms; recall and false positives per
 * obfuscation technique (ours and peers); `parapet scan` end to end. Deterministic (seeded); a few minutes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms, loadStarter } from './lib/corpus.js';
import { ABUSIVE, obfuscatedSet, TECHNIQUES, trapSet } from './lib/obfuscate.js';
import { PEERS } from './lib/peers.js';

const N = 200_000;
/** Slow peers are timed on as many messages as fit in this budget (the rate is what is compared). */
const PEER_BUDGET_MS = 4_000;
const ROOT = new URL('..', import.meta.url).pathname;

function rate(
  fn: (text: string) => unknown,
  messages: readonly string[],
  budgetMs = Infinity,
): { perSec: number; done: number } {
  let sink = 0;
  const started = performance.now();
  let done = 0;
  for (; done < messages.length; done++) {
    if (fn(messages[done]!)) sink++;
    if ((done & 255) === 0 && performance.now() - started > budgetMs) break;
  }
  const ms = performance.now() - started;
  if (sink < 0) console.log(sink); // keep the work observable
  return { perSec: (done / ms) * 1000, done };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

const terms2000 = benchTerms(2_000);
const messages = benchMessages(N, ABUSIVE);
console.log(
  `Keyword engine benchmark: ${fmt(N)} messages (avg ${Math.round(messages.reduce((a, m) => a + m.length, 0) / N)} chars), ${fmt(terms2000.length)} terms, node ${process.version}\n`,
);

// 1. Throughput with 2,000 terms, ours vs peers.
const ours = compileDictionaries([benchDictionary(terms2000)]);
rate((t) => ours.match(t).length, messages.slice(0, 20_000)); // warm-up
const runs = [0, 1, 2].map(() => rate((t) => ours.match(t).length, messages).perSec).sort((a, b) => a - b);
const oursRate = runs[1]!;
console.log('## Throughput, 2,000 terms, one core, in process');
console.log(
  `parapet match()      ${fmt(oursRate).padStart(10)} msg/s  (median of 3 runs over all ${fmt(N)}; min ${fmt(runs[0]!)}, max ${fmt(runs[2]!)})`,
);
for (const peer of PEERS) {
  const check = peer.build(terms2000);
  rate(check, messages.slice(0, 500), 500);
  const r = rate(check, messages, PEER_BUDGET_MS);
  console.log(
    `${peer.name.padEnd(21)}${fmt(r.perSec).padStart(10)} msg/s  (${fmt(r.done)} messages; parapet is ${(oursRate / r.perSec).toFixed(1)}x)`,
  );
}

// 2. Dictionary size: 100 vs 2,000 vs 10,000 terms.
console.log('\n## Throughput by dictionary size (same messages)');
const bySize: number[] = [];
for (const size of [100, 2_000, 10_000]) {
  const t0 = performance.now();
  const m = compileDictionaries([benchDictionary(benchTerms(size))]);
  const compileMs = performance.now() - t0;
  rate((t) => m.match(t).length, messages.slice(0, 20_000));
  const r = [0, 1, 2].map(() => rate((t) => m.match(t).length, messages).perSec).sort((a, b) => a - b)[1]!;
  bySize.push(r);
  console.log(
    `${String(size).padStart(6)} terms: ${fmt(r).padStart(10)} msg/s  (compile ${compileMs.toFixed(0)} ms)`,
  );
}
console.log(
  `10,000 terms run at ${((bySize[2]! / bySize[0]!) * 100).toFixed(0)}% of the 100-term speed (target: within 2x, i.e. >= 50%)`,
);

// 3. Recall and false positives per technique, starter abuse dictionary given to every engine.
console.log(
  '\n## Recall on obfuscated abuse, per technique (starter abuse dictionary; peers get the same terms)',
);
const abuse = loadStarter('abuse');
const engines: { name: string; check: (t: string) => boolean }[] = [
  {
    name: 'parapet',
    check: (
      (m) => (t: string) =>
        m.test(t)
    )(compileDictionaries([abuse])),
  },
  ...PEERS.map((p) => ({ name: p.name.split(' ')[0]!, check: p.build(abuse.terms) })),
];
const header = `${'technique'.padEnd(28)}${engines.map((e) => e.name.padStart(17)).join('')}`;
console.log(header);
const labelled = obfuscatedSet();
const totals = engines.map(() => ({ hit: 0, all: 0 }));
for (const technique of Object.keys(TECHNIQUES)) {
  const set = labelled.filter((x) => x.technique === technique);
  const cells = engines.map((e, i) => {
    const hit = set.filter((x) => e.check(x.text)).length;
    if (technique !== 'plain') {
      totals[i]!.hit += hit;
      totals[i]!.all += set.length;
    }
    return pct(hit / set.length).padStart(17);
  });
  console.log(`${technique.padEnd(28)}${cells.join('')}`);
}
console.log(
  `${'ALL obfuscated'.padEnd(28)}${totals.map((t) => pct(t.hit / t.all).padStart(17)).join('')}   (target >= 97%)`,
);
const missed = labelled.filter((x) => x.technique !== 'plain' && !engines[0]!.check(x.text));
if (missed.length > 0)
  console.log(
    `parapet missed (${missed.length}): ${missed
      .slice(0, 12)
      .map((x) => JSON.stringify(x.text))
      .join(' ')}`,
  );

console.log(
  '\n## False positives on Scunthorpe-style traps (innocent place names and words, 6 spellings each)',
);
const traps = trapSet();
console.log(`${'trap spelling'.padEnd(28)}${engines.map((e) => e.name.padStart(17)).join('')}`);
const fpTotals = engines.map(() => 0);
for (const form of [...new Set(traps.map((t) => t.technique))]) {
  const set = traps.filter((x) => x.technique === form);
  console.log(
    `${form.padEnd(28)}${engines
      .map((e, i) => {
        const fp = set.filter((x) => e.check(x.text)).length;
        fpTotals[i]! += fp;
        return `${fp}/${set.length}`.padStart(17);
      })
      .join('')}`,
  );
}
console.log(
  `${'ALL traps (false positives)'.padEnd(28)}${fpTotals.map((n) => `${n}/${traps.length}`.padStart(17)).join('')}   (target 0)`,
);
const fps = traps.filter((x) => engines[0]!.check(x.text));
if (fps.length > 0)
  console.log(`parapet false positives: ${fps.map((x) => JSON.stringify(x.text)).join(' ')}`);

// 4. `parapet scan` end to end: spawn the CLI with 200,000 JSONL lines, output to /dev/null.
console.log('\n## parapet scan end to end');
const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-'));
try {
  const dictFile = join(dir, 'bench.yaml');
  writeFileSync(
    dictFile,
    `name: bench\ncategory: abuse\naction: hide\nseverity: high\nterms:\n${terms2000.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`,
  );
  const input = join(dir, 'messages.jsonl');
  writeFileSync(input, `${messages.map((text, i) => JSON.stringify({ id: `m${i}`, text })).join('\n')}\n`);
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, '');
  const commands: [string, string[]][] = [
    ['src/cli/scan.ts run directly', ['--import', 'tsx', join(ROOT, 'src/cli/scan.ts')]],
  ];
  const bin = join(ROOT, 'bin/parapet');
  if (existsSync(bin)) commands.unshift(['bin/parapet scan', [bin, 'scan']]);
  for (const [label, command] of commands) {
    const time = (file: string) => {
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [...command, '--dict', dictFile], {
        stdio: [openSync(file, 'r'), openSync('/dev/null', 'w'), 'pipe'],
      });
      if (res.status !== 0) throw new Error(`scan exited ${res.status}: ${res.stderr}`);
      return performance.now() - t0;
    };
    const startup = Math.min(time(empty), time(empty));
    const total = Math.min(time(input), time(input));
    console.log(
      `${label.padEnd(30)} ${fmt((N / total) * 1000).padStart(9)} msg/s with process start-up (${total.toFixed(0)} ms), ` +
        `${fmt((N / Math.max(1, total - startup)) * 1000)} msg/s without (start-up ${startup.toFixed(0)} ms)   (target >= 250,000)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
