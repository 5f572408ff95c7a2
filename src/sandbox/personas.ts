// The simulator's cast and lines: members of the public replying to an official account. Abuse borrows its
// words from dictionaries/abuse.yaml so it exercises the real filters; the other kinds are written to look
// like what officers actually receive. All fictional.
import { readFileSync } from 'node:fs';
import { parseDictionaryYaml } from '../rules/dictionary-yaml.js';

export const REPLY_KINDS = [
  'thanks',
  'question',
  'crime_report',
  'abuse',
  'threat',
  'welfare',
  'spam',
] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** Share of each kind in the long run (spam counts every message of a flood). Sums to 100. */
export const MIX: Record<ReplyKind, number> = {
  thanks: 24,
  question: 20,
  crime_report: 12,
  abuse: 12,
  threat: 6,
  welfare: 8,
  spam: 18,
};

export interface Persona {
  handle: string;
  displayName: string;
}

export const PERSONAS: Persona[] = [
  ['jo_bloggs', 'Jo Bloggs'],
  ['sam_the_baker', 'Sam Patel'],
  ['riverside_resident', 'Riverside Resident'],
  ['mike_o', 'Mike O’Neill'],
  ['aisha_k', 'Aisha Khan'],
  ['northend_mum', 'Claire (North End)'],
  ['dave_on_the_bus', 'Dave'],
  ['priya_r', 'Priya Raman'],
  ['old_town_watch', 'Old Town Watch'],
  ['tom_h_1987', 'Tom H'],
  ['angry_of_eastfield', 'Angry of Eastfield'],
  ['gazza_99', 'Gaz'],
].map(([handle, displayName]) => ({ handle: handle!, displayName: displayName! }));

/** Accounts that only ever flood. */
export const SPAMMERS: Persona[] = [
  ['crypto_gains_4u', 'Crypto Gains'],
  ['free_giftcards_now', 'Free Gift Cards'],
].map(([handle, displayName]) => ({ handle: handle!, displayName: displayName! }));

const PLACES = [
  'the high street',
  'Mill Lane',
  'the retail park',
  'Station Road',
  'the park by the river',
  'Church Street',
];
const TIMES = ['last night', 'this morning', 'about an hour ago', 'on Saturday', 'around 2am'];

export const LINES: Record<Exclude<ReplyKind, 'spam' | 'abuse'>, string[]> = {
  thanks: [
    'Thank you for the update, really helpful.',
    'Great work by the officers at {place} {time}, thank you!',
    'Thanks for keeping us informed 👍',
    'Really appreciate the quick response, the team were brilliant.',
    'Good to see this being taken seriously. Thank you.',
  ],
  question: [
    'Is {place} open again now?',
    'How do I report something that happened {time} without calling 999?',
    'Will there be extra patrols on {place} this weekend?',
    'Who do I contact about getting my property back?',
    'Is there an update on the road closure at {place}?',
  ],
  crime_report: [
    'Just seen two lads trying car door handles on {place}, {time}.',
    'My bike was stolen from outside the shop on {place} {time}. Crime number?',
    'Someone is dealing openly outside the chip shop on {place} every evening.',
    'Shed broken into {time} near {place}, tools taken. Anyone else?',
    'There was a fight outside the pub on {place} {time}, someone looked badly hurt.',
  ],
  threat: [
    'Keep coming round {place} and see what happens to you.',
    'I know where that officer lives. Watch yourselves.',
    'Someone is going to get hurt at {place} and it will be one of you.',
    'You lot better watch your backs after what happened {time}.',
  ],
  welfare: [
    "I can't cope anymore, I don't see the point of carrying on.",
    'My elderly neighbour on {place} hasn’t been seen since {time}, curtains still shut. Worried.',
    "Nobody would even notice if I wasn't here tomorrow.",
    'My friend messaged saying goodbye {time} and now isn’t answering. What do I do?',
  ],
};

const ABUSE_LINES = [
  'You are all {word} useless.',
  'What a {word} joke this force is.',
  'Absolute {word}, the lot of you.',
  'Typical {word} police, never there when you need them.',
];

const SPAM_LINES = [
  'Turn £100 into £5000 in a week!! DM me now 💰💰 {n}',
  'FREE £500 gift card for the first 100 people, claim at bit.ly/fr33-g1ft {n}',
  'Earn from home, 100% guaranteed, message me for the link {n}',
];

/**
 * Plain whole-word terms of the abuse dictionary (no wildcards, phrases or accents), read once. Falls back to a
 * few fixed words if the file is missing, so a stripped-down install still simulates abuse.
 */
function loadAbuseWords(): string[] {
  try {
    const text = readFileSync(new URL('../../dictionaries/abuse.yaml', import.meta.url), 'utf8');
    // Only the profanity and insult sections: a training network has no need to print slurs or
    // sexualised abuse, and those sections start at the "disablist…" comment.
    const cut = text.search(/^\s*#\s*disablist/m);
    const allowed = cut > 0 ? text.slice(0, cut) : '';
    const words = parseDictionaryYaml(text, 'abuse.yaml').terms.filter(
      (w) => /^[a-z]{4,}$/.test(w) && allowed.includes(`"${w}"`),
    );
    if (words.length > 0) return words;
  } catch {
    // fall through
  }
  return ['bollocks', 'bastard', 'twat', 'shite'];
}

export const ABUSE_WORDS = loadAbuseWords();

export function fill(
  template: string,
  pick: <T>(xs: readonly T[]) => T,
  extra: Record<string, string> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key === 'place') return pick(PLACES);
    if (key === 'time') return pick(TIMES);
    return extra[key] ?? whole;
  });
}

export { ABUSE_LINES, SPAM_LINES };
