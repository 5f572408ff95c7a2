// Per-platform limits on what a post may be, checked before submit so an author learns at once, not when
// the publish job fails. Pure functions: text and media in, problems out. Counting follows each platform:
// X weights characters (twitter-text v3), Bluesky counts graphemes and UTF-8 bytes, Mastodon graphemes with
// every link as 23. Media limits are what the platform allows AND what our connector can send today.
import type { Platform } from '../../connectors/types.js';
import { countGraphemes, mastodonLength, utf8Bytes, xWeightedLength } from './platform-limits-text.js';

export interface PostDraft {
  text: string;
  mediaUrls: readonly string[];
  kind: 'post' | 'reply';
}

export interface LimitProblem {
  platform: Platform;
  code:
    | 'text_too_long'
    | 'text_required'
    | 'media_required'
    | 'too_many_media'
    | 'media_unsupported'
    | 'too_many_tags';
  message: string;
}

export const PLATFORM_NAMES: Record<Platform, string> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  facebook: 'Facebook',
  instagram: 'Instagram',
  sandbox: 'Sandbox',
};

interface Limits {
  /** How the platform measures text, and its maximum in that measure. */
  measure: (text: string) => number;
  max: number;
  unit: string;
  extra?: (draft: PostDraft) => string | null;
  /** Images our connector can attach to a post / to a reply (0 = none yet). */
  media: { post: number; reply: number };
  mediaRequiredForPost?: boolean;
}

const codePoints = (s: string): number => [...s].length;
const count = (s: string, re: RegExp): number => s.match(re)?.length ?? 0;

export const LIMITS: Record<Platform, Limits> = {
  // X: 280 weighted (URLs 23, CJK and emoji 2). Platform allows 4 images; the connector sends none yet.
  x: { measure: xWeightedLength, max: 280, unit: 'weighted characters', media: { post: 0, reply: 0 } },
  bluesky: {
    measure: countGraphemes,
    max: 300,
    unit: 'characters (graphemes)',
    extra: (d) =>
      utf8Bytes(d.text) > 3000
        ? `the text is ${utf8Bytes(d.text)} bytes in UTF-8; Bluesky allows 3000`
        : null,
    media: { post: 0, reply: 0 },
  },
  mastodon: { measure: mastodonLength, max: 500, unit: 'characters', media: { post: 0, reply: 0 } },
  facebook: { measure: codePoints, max: 63_206, unit: 'characters', media: { post: 0, reply: 0 } },
  instagram: {
    measure: codePoints,
    max: 2_200,
    unit: 'characters',
    // Instagram's content-publishing reference: at most 30 hashtags and 20 @-tags per caption.
    extra: (d) => {
      const tags = count(d.text, /(^|[^\p{L}\p{N}_])#[\p{L}\p{N}_]+/gu);
      const mentions = count(d.text, /(^|[^\p{L}\p{N}_.])@[\w.]+/gu);
      if (tags > 30) return `the caption has ${tags} hashtags; Instagram allows 30`;
      if (mentions > 20) return `the caption has ${mentions} @-mentions; Instagram allows 20`;
      return null;
    },
    // The connector publishes one image per post (no carousels); comments carry no images.
    media: { post: 1, reply: 0 },
    mediaRequiredForPost: true,
  },
  // The built-in Sandbox: 1000 UTF-16 code units (src/sandbox/service.ts MAX_TEXT), text only.
  sandbox: { measure: (s) => s.length, max: 1000, unit: 'characters', media: { post: 0, reply: 0 } },
};

/** Every way `draft` breaks `platform`'s limits; empty when it may be published there. */
export function checkPlatformLimits(platform: Platform, draft: PostDraft): LimitProblem[] {
  const limits = LIMITS[platform];
  const name = PLATFORM_NAMES[platform];
  const problems: LimitProblem[] = [];
  const add = (code: LimitProblem['code'], message: string) =>
    problems.push({ platform, code, message: `${name}: ${message}.` });
  const media = draft.mediaUrls.length;
  if (draft.text.trim() === '' && !(platform === 'instagram' && draft.kind === 'post' && media > 0))
    add('text_required', 'the text is empty');
  const length = limits.measure(draft.text);
  if (length > limits.max)
    add('text_too_long', `the text is ${length} ${limits.unit} long; ${name} allows ${limits.max}`);
  const extra = limits.extra?.(draft);
  if (extra) add(extra.includes('bytes') ? 'text_too_long' : 'too_many_tags', extra);
  const allowed = limits.media[draft.kind];
  if (limits.mediaRequiredForPost && draft.kind === 'post' && media === 0)
    add('media_required', 'a post needs an image; add one image URL (mediaUrls)');
  else if (media > 0 && allowed === 0)
    add(
      'media_unsupported',
      draft.kind === 'reply' && limits.media.post > 0
        ? `a reply cannot carry images on ${name}`
        : `Parapet cannot attach images on ${name} yet; remove the ${media} image URL(s)`,
    );
  else if (media > allowed)
    add(
      'too_many_media',
      `${media} images attached; Parapet can publish ${allowed} per ${draft.kind} on ${name}`,
    );
  return problems;
}

/** Length figures for the live check (so the composer can show "123/280"). */
export function measureText(platform: Platform, text: string): { length: number; max: number; unit: string } {
  const l = LIMITS[platform];
  return { length: l.measure(text), max: l.max, unit: l.unit };
}
