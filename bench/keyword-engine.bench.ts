/**
 * Keyword engine benchmark (issue 3). Run: node --import tsx bench/keyword-engine.bench.ts
 * Prints, in one run: our msg/s on 200,000 generated replies with 2,000 terms and the peers' on the same
 * messages and terms; throughput at 100 / 2,000 / 10,000 terms; recall and false positives per
 * obfuscation technique (ours and peers); `parapet scan` end to end. Deterministic (seeded); a few minutes.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileDictionaries } from '../src/rules/index.js';
import { benchDictionary, benchMessages, benchTerms, loadStarter, sampleTerms } from './lib/corpus.js';
import { ABUSIVE, obfuscatedSet, TECHNIQUES, trapSet } from './lib/obfuscate.js';
import { PEERS } from './lib/peers.js';

const N = 200_000;
/** Slow peers are timed on as many messages as fit in this budget (the rate is what is compared). */
const PEER_BUDGET_MS = 4_000;
const ROOT = new URL('..', import.meta.url).pathname;

/**
 * Messages per second of wall-clock time, and per second of this process's CPU time. On a shared
 * machine the second is the steadier figure: other processes stretch wall time, not our CPU time.
 */
function rate(
  fn: (text: string) => unknown,
  messages: readonly string[],
  budgetMs = Infinity,
): { perSec: number; perCpuSec: number; done: number } {
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  for (; done < messages.length; done++) {
    if (fn(messages[done]!)) sink++;
    if ((done & 255) === 0 && performance.now() - started > budgetMs) break;
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink); // keep the work observable
  return { perSec: (done / ms) * 1000, perCpuSec: done / ((cpu.user + cpu.system) / 1e6), done };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
/** Verdicts are taken on CPU-time figures where there are both (see rate()). */
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

const terms2000 = benchTerms(2_000);
const messages = benchMessages(N, ABUSIVE);
console.log(
  `Load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores\n` +
    `Keyword engine benchmark: ${fmt(N)} messages (avg ${Math.round(messages.reduce((a, m) => a + m.length, 0) / N)} chars), ${fmt(terms2000.length)} terms, node ${process.version}\n`,
);

// 1. Throughput with 2,000 terms, ours vs peers.
/**
 * One untimed full pass (warm-up: JIT, inline caches, the matcher's own caches), then the best of `n`
 * timed full passes (the least disturbed by other processes), wall and CPU figures. Every engine
 * configuration compared below gets exactly this treatment over the same messages.
 */
function best(fn: (text: string) => unknown, n: number): { perSec: number; perCpuSec: number } {
  rate(fn, messages); // warm-up
  const all = Array.from({ length: n }, () => rate(fn, messages));
  return {
    perSec: Math.max(...all.map((r) => r.perSec)),
    perCpuSec: Math.max(...all.map((r) => r.perCpuSec)),
  };
}
const line = (name: string, r: { perSec: number; perCpuSec: number }, note: string) =>
  console.log(
    `${name.padEnd(24)}${fmt(r.perSec).padStart(10)} msg/s wall ${fmt(r.perCpuSec).padStart(10)} msg/CPU-s  ${note}`,
  );

const ours = compileDictionaries([benchDictionary(terms2000)]);
const oursRate = best((t) => ours.match(t).length, 3);
console.log('## Throughput, 2,000 terms, one thread, in process (target >= 500,000 msg/s)');
line('parapet match()', oursRate, `(best of 3 passes over all ${fmt(N)})`);
console.log(
  `${verdict(oursRate.perCpuSec >= 500_000)}: ${fmt(oursRate.perCpuSec)} msg/CPU-s, target >= 500,000 msg/s on one core`,
);
for (const peer of PEERS) {
  const check = peer.build(terms2000);
  rate(check, messages.slice(0, 500), 500);
  const r = rate(check, messages, PEER_BUDGET_MS);
  line(
    peer.name,
    r,
    `(${fmt(r.done)} messages; parapet/peer = ${(oursRate.perCpuSec / r.perCpuSec).toFixed(2)} by CPU time)`,
  );
}

// 2. Dictionary size: 100 vs 2,000 vs 10,000 terms.
// Each size is a random sample of the same 10,000 terms, so the mix of real words, phrases and
// wildcards (and how often ordinary words like "you" appear in a term) is the same at every size.
// Every size gets the same treatment as the 2,000-term headline: one untimed full pass, then the best
// of 3 timed full passes over all the messages. The timed passes are interleaved (100, 2,000, 10,000,
// then again): on a shared machine a burst of other work then falls on every size alike instead of
// on whichever size happened to be running.
console.log('\n## Throughput by dictionary size (random samples of one 10,000-term list; target: within 2x)');
const terms10k = benchTerms(10_000);
const sizes = [100, 2_000, 10_000].map((size) => {
  const t0 = performance.now();
  const m = compileDictionaries([benchDictionary(sampleTerms(terms10k, size))]);
  const compileMs = performance.now() - t0;
  const fn = (t: string) => m.match(t).length;
  rate(fn, messages); // warm-up
  return { size, fn, compileMs, perSec: 0, perCpuSec: 0, found: messages.reduce((a, t) => a + fn(t), 0) };
});
for (let round = 0; round < 3; round++) {
  for (const s of sizes) {
    const r = rate(s.fn, messages);
    s.perSec = Math.max(s.perSec, r.perSec);
    s.perCpuSec = Math.max(s.perCpuSec, r.perCpuSec);
  }
}
const bySize = sizes.map((s) => s.perCpuSec);
for (const s of sizes)
  line(
    `${fmt(s.size)} terms`,
    s,
    `(compile ${s.compileMs.toFixed(0)} ms; ${fmt(s.found)} matches; best of 3 interleaved passes over all ${fmt(N)})`,
  );
const sizeRatio = bySize[2]! / bySize[0]!;
console.log(
  `${verdict(sizeRatio >= 0.5)}: 10,000 terms run at ${(sizeRatio * 100).toFixed(0)}% of the 100-term speed (by CPU time), target >= 50% (within 2x)`,
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
console.log(
  `${verdict(totals[0]!.hit / totals[0]!.all >= 0.97)}: parapet recall ${pct(totals[0]!.hit / totals[0]!.all)}, target >= 97%`,
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
console.log(
  `${verdict(fpTotals[0] === 0)}: parapet false positives ${fpTotals[0]}/${traps.length}, target 0`,
);
const fps = traps.filter((x) => engines[0]!.check(x.text));
if (fps.length > 0)
  console.log(`parapet false positives: ${fps.map((x) => JSON.stringify(x.text)).join(' ')}`);

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc (Linux; NaN elsewhere):
 * what a scan run cost the machine, whatever else was running (wall time is the verdict, as the target says).
 */
function childCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime, cstime in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}

// 4. `parapet scan` end to end: spawn the CLI with 1,000,000 JSONL lines (the 200,000 messages five
// times, distinct ids), output to /dev/null. A large input amortises process start-up, as in real use;
// the figure without start-up is printed too.
const E2E_LINES = 1_000_000;
console.log(`\n## parapet scan end to end, ${fmt(E2E_LINES)} lines`);
const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-'));
try {
  const dictFile = join(dir, 'bench.yaml');
  writeFileSync(
    dictFile,
    `name: bench\ncategory: abuse\naction: hide\nseverity: high\nterms:\n${terms2000.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`,
  );
  const input = join(dir, 'messages.jsonl');
  writeFileSync(input, '');
  for (let from = 0; from < E2E_LINES; from += N) {
    const chunk = messages.map((text, i) => JSON.stringify({ id: `m${from + i}`, text }));
    appendFileSync(input, `${chunk.join('\n')}\n`);
  }
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, '');
  const commands: [string, string[]][] = [
    ['src/cli/scan.ts run directly', ['--import', 'tsx', join(ROOT, 'src/cli/scan.ts')]],
  ];
  const bin = join(ROOT, 'bin/parapet');
  if (existsSync(bin)) commands.unshift(['bin/parapet scan', [bin, 'scan']]);
  for (const [label, command] of commands) {
    let cpuMs = Infinity;
    const time = (file: string) => {
      const t0 = performance.now();
      const c0 = childCpuMs();
      const res = spawnSync(process.execPath, [...command, '--dict', dictFile], {
        stdio: [openSync(file, 'r'), openSync('/dev/null', 'w'), 'pipe'],
      });
      if (res.status !== 0) throw new Error(`scan exited ${res.status}: ${res.stderr}`);
      if (file === input) cpuMs = Math.min(cpuMs, childCpuMs() - c0);
      return performance.now() - t0;
    };
    const startup = Math.min(time(empty), time(empty));
    const total = Math.min(time(input), time(input));
    const withStart = (E2E_LINES / total) * 1000;
    console.log(
      `${label.padEnd(30)} ${fmt(withStart).padStart(9)} msg/s with process start-up (${total.toFixed(0)} ms), ` +
        `${fmt((E2E_LINES / Math.max(1, total - startup)) * 1000)} msg/s without (start-up ${startup.toFixed(0)} ms)` +
        (Number.isNaN(cpuMs) ? '' : `; CPU ${(cpuMs / 1000).toFixed(2)} s (all threads)`),
    );
    // The target is for the product's command; the direct run (tsx, no worker bundle) is shown for comparison.
    if (label === commands[0]![0])
      console.log(
        `${verdict(withStart >= 250_000)}: ${fmt(withStart)} msg/s wall, start-up included, target >= 250,000`,
      );
    else console.log('(for comparison only: the scan module run through tsx, without bin/parapet)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
