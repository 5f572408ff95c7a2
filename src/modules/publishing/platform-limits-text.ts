// How each platform counts the length of a text. Pure; used by platform-limits.ts.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

export const countGraphemes = (text: string): number => {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
};

export const utf8Bytes = (text: string): number => encoder.encode(text).length;

/** Links every platform shortens or counts as 23: with a scheme, or starting "www.". */
const URL_WITH_SCHEME = /\bhttps?:\/\/[^\s<>"]+/giu;
// twitter-text also finds links without a scheme ("example.com/x"); common TLDs cover what officers post.
const URL_BARE =
  /(?<![\w@/.-])(?:www\.|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|gov|edu|uk|io|co|info|eu|police|nhs|ac|me|tv|ly)\b)[^\s<>"]*/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/u;

/** Replaces every link by a 23-character placeholder, as X and Mastodon count them. */
function shortenLinks(text: string, bare: boolean): string {
  const placeholder = 'x'.repeat(23);
  const replace = (match: string) => {
    const tail = match.match(TRAILING_PUNCTUATION)?.[0] ?? '';
    return placeholder + tail;
  };
  let out = text.replace(URL_WITH_SCHEME, replace);
  if (bare) out = out.replace(URL_BARE, replace);
  return out;
}

// twitter-text v3 configuration: these code point ranges weigh 1, everything else 2; an emoji sequence 2.
const LIGHT_RANGES: Array<[number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** X's weighted length (maximum 280): NFC text, links 23, CJK/most non-Latin 2, each emoji 2. */
export function xWeightedLength(text: string): number {
  const shortened = shortenLinks(text.normalize('NFC'), true);
  let weight = 0;
  for (const { segment } of segmenter.segment(shortened)) {
    if (EMOJI.test(segment)) {
      weight += 2;
      continue;
    }
    for (const ch of segment) {
      const cp = ch.codePointAt(0)!;
      weight += LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
    }
  }
  return weight;
}

/** Mastodon's length (maximum 500): graphemes, each http(s) link 23, "@user@domain" counts as "@user". */
export function mastodonLength(text: string): number {
  const local = shortenLinks(text, false).replace(
    /(^|[^\w/])(@\w+)@[a-z0-9.-]+\.[a-z]{2,}/giu,
    (_m, before: string, user: string) => before + user,
  );
  return countGraphemes(local);
}
