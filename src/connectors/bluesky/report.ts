import type { PostRef } from '../types.js';

const DEFS = 'com.atproto.moderation.defs#';

// Parapet's free-text reason mapped to the closest atproto reason type; the text itself goes along as
// `reason`. An exact atproto reason type passed by the caller is used as is.
const KEYWORDS: Array<[RegExp, string]> = [
  [/spam|flood/i, 'reasonSpam'],
  [/sexual|nsfw|nudity/i, 'reasonSexual'],
  [/harass|abuse|rude|insult|hate/i, 'reasonRude'],
  [/threat|violen|illegal|crime|violation/i, 'reasonViolation'],
  [/mislead|misinfo|impersonat|scam/i, 'reasonMisleading'],
];

export function reportBody(item: PostRef, authorId: string, reason: string) {
  const exact = /^com\.atproto\.moderation\.defs#reason\w+$/.test(reason);
  const reasonType = exact ? reason : DEFS + (KEYWORDS.find(([re]) => re.test(reason))?.[1] ?? 'reasonOther');
  // A post is reported by strong ref; without a uri + cid, the author's whole account is reported.
  const subject =
    item.uri && item.cid
      ? { $type: 'com.atproto.repo.strongRef', uri: item.uri, cid: item.cid }
      : { $type: 'com.atproto.admin.defs#repoRef', did: authorId };
  return { reasonType, ...(exact ? {} : { reason: reason.slice(0, 2000) }), subject };
}
