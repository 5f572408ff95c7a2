/**
 * The peer libraries, each given the same terms as our engine and reduced to "is this text flagged?".
 * Their own built-in word lists are switched off so that only the terms differ in nothing.
 */
import { Profanity, profaneWords } from '@2toad/profanity';
import { Filter as BadWords } from 'bad-words';
import { Filter as GlinFilter } from 'glin-profanity';
import leo from 'leo-profanity';
import { DataSet, englishRecommendedTransformers, parseRawPattern, RegExpMatcher } from 'obscenity';

export interface Peer {
  name: string;
  build(terms: readonly string[]): (text: string) => boolean;
}

/** Peers take plain words and phrases: our trailing '*' becomes the bare word, other symbols dropped. */
export function peerTerms(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of terms) {
    const plain = t
      .replace(/\*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, '')
      .trim();
    if (plain.length > 0) out.add(plain);
  }
  return [...out];
}

export const PEERS: Peer[] = [
  {
    name: 'obscenity 0.4.6',
    build(terms) {
      const ds = new DataSet<{ word: string }>();
      // '|' anchors a pattern to word boundaries, as our terms are.
      for (const t of peerTerms(terms))
        ds.addPhrase((p) => p.setMetadata({ word: t }).addPattern(parseRawPattern(`|${t}|`)));
      const m = new RegExpMatcher({ ...ds.build(), ...englishRecommendedTransformers });
      return (text) => m.hasMatch(text);
    },
  },
  {
    name: 'bad-words 4.1.5',
    build(terms) {
      const f = new BadWords({ emptyList: true });
      f.addWords(...peerTerms(terms));
      return (text) => f.isProfane(text);
    },
  },
  {
    name: 'leo-profanity 1.9.0',
    build(terms) {
      leo.clearList();
      leo.add(peerTerms(terms));
      return (text) => leo.check(text);
    },
  },
  {
    name: '@2toad/profanity 3.3.0',
    build(terms) {
      const p = new Profanity({ wholeWord: true, languages: ['en'] });
      p.removeWords([...(profaneWords.get('en') ?? [])]);
      p.addWords(peerTerms(terms));
      return (text) => p.exists(text);
    },
  },
  {
    name: 'glin-profanity 3.3.0',
    build(terms) {
      // Its strongest settings: leet and Unicode normalization on; no built-in language lists.
      const f = new GlinFilter({
        languages: [] as never,
        customWords: peerTerms(terms),
        detectLeetspeak: true,
        leetspeakLevel: 'aggressive',
        normalizeUnicode: true,
      });
      return (text) => f.isProfane(text);
    },
  },
];
