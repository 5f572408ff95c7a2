/**
 * A labelled set for recall and false positives: abusive words disguised one technique at a time,
 * inside otherwise clean replies, and Scunthorpe-style traps that must never match.
 */
import { type Rng, rng } from './prng.js';

/** Single abusive words from the starter abuse dictionary (each matches a term or wildcard there). */
export const ABUSIVE = [
  'scumbag',
  'wanker',
  'tosser',
  'bastard',
  'bollocks',
  'dickhead',
  'twat',
  'cunt',
  'shit',
  'fuck',
  'fucking',
  'bitch',
  'slut',
  'whore',
  'arsehole',
  'knobhead',
  'bellend',
  'prick',
  'pillock',
  'nonce',
  'retard',
  'faggot',
  'paki',
  'asshole',
  'motherfucker',
  'cocksucker',
  'shithead',
  'douchebag',
  'wankstain',
  'skank',
  'dipshit',
  'twats',
  'spastic',
  'numpty',
  'minger',
  'jizz',
  'slag',
  'tosspot',
  'paedo',
  'lowlife',
];

const CYRILLIC: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  c: 'с',
  p: 'р',
  x: 'х',
  y: 'у',
  i: 'і',
  s: 'ѕ',
  k: 'к',
};
const GREEK: Record<string, string> = { o: 'ο', i: 'ι', k: 'κ', t: 'τ', n: 'η', u: 'υ' };
const ACCENT: Record<string, string> = { a: 'á', e: 'é', i: 'ï', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', s: 'ś' };
const LEET: Record<string, string[]> = {
  a: ['4', '@'],
  e: ['3'],
  i: ['1', '!'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7', '+'],
  l: ['1'],
  b: ['8'],
  g: ['9'],
};
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff'];

/** Replace some letters (at least one) that have a substitute. */
function substitute(r: Rng, word: string, table: Record<string, string | string[]>, p: number): string {
  const chars = [...word];
  const idx = chars.map((c, i) => (table[c] !== undefined ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return word;
  const forced = r.pick(idx);
  return chars
    .map((c, i) => {
      const sub = table[c];
      if (sub === undefined || (i !== forced && !r.chance(p))) return c;
      return Array.isArray(sub) ? r.pick(sub) : sub;
    })
    .join('');
}

export const TECHNIQUES: Record<string, (r: Rng, w: string) => string> = {
  plain: (_r, w) => w,
  'upper/mixed case': (r, w) => [...w].map((c) => (r.chance(0.6) ? c.toUpperCase() : c)).join(''),
  'full-width': (_r, w) => [...w].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join(''),
  accents: (r, w) => substitute(r, w, ACCENT, 0.5),
  'Cyrillic look-alikes': (r, w) => substitute(r, w, CYRILLIC, 0.6),
  'Greek look-alikes': (r, w) => substitute(r, w, GREEK, 0.6),
  leet: (r, w) => substitute(r, w, LEET, 0.5),
  'repeated letters': (r, w) => {
    const i = r.int(w.length);
    return w.slice(0, i) + w[i]!.repeat(3 + r.int(4)) + w.slice(i + 1);
  },
  separators: (r, w) => [...w].join(r.pick(['.', '-', ' ', '_', '. '])),
  'zero-width chars': (r, w) =>
    [...w].map((c, i) => (i > 0 && r.chance(0.5) ? r.pick(INVISIBLE) + c : c)).join(''),
  'masked letter': (r, w) => {
    const inner = [...w]
      .map((c, i) => ('aeiou'.includes(c) && i > 0 && i < w.length - 1 ? i : -1))
      .filter((i) => i >= 0);
    const i = inner.length > 0 ? r.pick(inner) : 1;
    return w.slice(0, i) + r.pick(['*', '#']) + w.slice(i + 1);
  },
  'hashtag CamelCase': (r, w) =>
    `#${w[0]!.toUpperCase()}${w.slice(1)}${r.pick(['Cops', 'Police', 'Everywhere', 'Alert'])}`,
  'combined (case+leet+repeat)': (r, w) => {
    const leet = substitute(r, w, LEET, 0.3);
    const i = r.int(leet.length);
    return (leet.slice(0, i) + leet[i]!.repeat(3) + leet.slice(i + 1)).toUpperCase();
  },
};

/** Innocent words containing (or spelled like) profanity: must never match an abuse dictionary. */
export const TRAPS = [
  'Scunthorpe',
  'Penistone',
  'Cockermouth',
  'Clitheroe',
  'Essex',
  'Sussex',
  'Middlesex',
  'assessment',
  'classic',
  'therapist',
  'cocktail',
  'peacock',
  'Dickens',
  'shiitake',
  'analysis',
  'Hancock',
  'Shitterton',
  'grape',
  'butterfly',
  'passage',
  'bassist',
  'Lightwater',
  'Arsenal',
  'arsenic',
  'scrapbook',
  'Sextant',
  'Matsushita',
  'cockpit',
  'Dickson',
  'titanic',
  'Titchfield',
  'Twatt',
  'Wankie',
  'Scuntbury',
  'hotwater',
  'Cumbria',
  'circumstance',
  'document',
  'hello',
  'shell',
  'bassoon',
  'embarrass',
  'assassin',
  'pussycat',
  'Pakistan',
  'Saxon',
  'Kumquat',
  'Sheffield',
  'therapists',
  'Bumpstead',
  'Horsham',
  'Hitchin',
  'Prickwillow',
  'knobbly',
  'Cockburn',
  'Dickinson',
  'Fanny Adams',
  'spotted dick',
  'Cressida Dick',
  'Shitlington',
  'Slaggyford',
  'Nobottle',
  'Bitchfield',
  'Cocking',
  'Bell End',
  'Blue tits',
];

export const TRAP_FORMS: Record<string, (r: Rng, w: string) => string> = {
  'as written': (_r, w) => w,
  'UPPER CASE': (_r, w) => w.toUpperCase(),
  'spaced letters': (_r, w) => [...w.replace(/ /g, '')].join(' '),
  hashtag: (_r, w) => `#${w.replace(/ /g, '')}`,
  'CamelCase tag': (_r, w) => `#Visit${w[0]!.toUpperCase()}${w.slice(1).replace(/ /g, '')}`,
  'full-width': (_r, w) =>
    [...w].map((c) => (c === ' ' ? c : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join(''),
};

const CARRIERS = [
  (w: string) => `you are a ${w} mate`,
  (w: string) => `what a ${w}, honestly`,
  (w: string) => `${w} the lot of you`,
  (w: string) => `Officer ${w}!!`,
];
const TRAP_CARRIERS = [
  (w: string) => `Road closed near ${w} this morning`,
  (w: string) => `Thanks to everyone in ${w} for the help`,
  (w: string) => `${w} update: all clear`,
];

export interface Labelled {
  technique: string;
  text: string;
}

export function obfuscatedSet(perWord = 3, seed = 99): Labelled[] {
  const r = rng(seed);
  const out: Labelled[] = [];
  for (const [technique, fn] of Object.entries(TECHNIQUES)) {
    for (const word of ABUSIVE) {
      for (let k = 0; k < perWord; k++) out.push({ technique, text: r.pick(CARRIERS)(fn(r, word)) });
    }
  }
  return out;
}

export function trapSet(seed = 5): Labelled[] {
  const r = rng(seed);
  const out: Labelled[] = [];
  for (const [technique, fn] of Object.entries(TRAP_FORMS)) {
    for (const word of TRAPS) out.push({ technique, text: r.pick(TRAP_CARRIERS)(fn(r, word)) });
  }
  return out;
}
