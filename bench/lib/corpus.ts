/** Generated social-media replies and dictionaries for the keyword engine benchmark. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dictionary, parseDictionaryYaml } from '../../src/rules/index.js';
import { type Rng, rng } from './prng.js';

const ROOT = new URL('../..', import.meta.url).pathname;

export function loadStarter(name: string): Dictionary {
  return parseDictionaryYaml(
    readFileSync(join(ROOT, 'dictionaries', `${name}.yaml`), 'utf8'),
    `${name}.yaml`,
  );
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'tra',
  'ven',
  'dor',
  'pel',
  'sik',
  'um',
  'bra',
  'zo',
  'ne',
  'qua',
  'fli',
  'gorp',
  'xu',
  'jat',
  'wim',
];

function pseudoWord(r: Rng): string {
  let w = '';
  const n = 2 + r.int(3);
  for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
  return w;
}

/**
 * `count` terms: the starter abuse, threat, welfare and spam terms first (real words, phrases and
 * wildcards), then invented words (10% phrases, 5% wildcards) so that 2,000 or 10,000 terms exist.
 */
export function benchTerms(count: number, seed = 7): string[] {
  const real = ['abuse', 'threats', 'welfare', 'spam'].flatMap((n) => loadStarter(n).terms);
  const terms = new Set(real.slice(0, count));
  const r = rng(seed);
  while (terms.size < count) {
    const roll = r.next();
    terms.add(
      roll < 0.1 ? `${pseudoWord(r)} ${pseudoWord(r)}` : roll < 0.15 ? `${pseudoWord(r)}*` : pseudoWord(r),
    );
  }
  return [...terms];
}

/** A seeded random sample of n terms, so that dictionaries of different sizes have the same mix of kinds. */
export function sampleTerms(all: readonly string[], n: number, seed = 11): string[] {
  const r = rng(seed);
  const copy = [...all];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

export function benchDictionary(terms: string[]): Dictionary {
  return {
    name: 'bench',
    category: 'abuse',
    action: 'hide',
    severity: 'high',
    terms,
    exceptions: [],
    patterns: [],
    tests: { mustMatch: [], mustNotMatch: [] },
  };
}

const WORDS = (
  'the a to and of is in it you that for on was with he as this be at by i not are but have from or one had ' +
  'what all were we when your can said there use an each which she do how their if will up other about out ' +
  'many then them these so some her would make like him into time has look two more go see no way could ' +
  'people my than first been call who now find long down day did get come made may part police officer ' +
  'thanks road closed traffic station report please help today tonight update town centre car stolen ' +
  'well done team great job neighbourhood crime shame again why nobody answers phone waiting hours'
).split(' ');
const EMOJI = ['😀', '👏', '🙄', '😡', '👍', '🚓', '❤️', '😂'];
const TAGS = ['#police', '#StaySafe', '#Leeds', '#CommunityPolicing', '#roadclosure'];

/** n replies, about 5% containing a real abusive term (some obfuscated), deterministic for a seed. */
export function benchMessages(n: number, abusive: readonly string[], seed = 42): string[] {
  const r = rng(seed);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const len = 6 + r.int(18);
    const words: string[] = [];
    if (r.chance(0.3)) words.push(`@${pseudoWord(r)}`);
    for (let j = 0; j < len; j++) words.push(r.pick(WORDS));
    if (r.chance(0.05)) words.splice(r.int(words.length), 0, r.pick(abusive));
    if (r.chance(0.15)) words.push(r.pick(TAGS));
    if (r.chance(0.15)) words.push(r.pick(EMOJI));
    if (r.chance(0.05)) words.push('https://example.org/news/12345');
    let text = words.join(' ');
    text = text[0]!.toUpperCase() + text.slice(1) + r.pick(['.', '!', '?', '', '!!']);
    out[i] = text;
  }
  return out;
}
