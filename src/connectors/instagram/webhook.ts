// Instagram webhooks: object `instagram`, field `comments` (platform-apis.md §4). The Facebook Login shape
// nests field/value in entry.changes[]; the Instagram Login examples put them directly on the entry: both accepted.
import { metaHandshake, parseMetaEnvelope, verifyMetaSignature } from '../meta/webhook.js';
import type { InboundItem, WebhookRequest, WebhookSupport } from '../types.js';
import { igCommentItem } from './read.js';

interface CommentValue {
  id?: string;
  text?: string;
  from?: { id: string; username?: string };
  media?: { id?: string; media_product_type?: string };
  parent_id?: string;
}

export function instagramWebhook(now: () => number): WebhookSupport {
  return {
    handshake: metaHandshake,
    verifySignature: verifyMetaSignature,
    parse(req: WebhookRequest): InboundItem[] {
      const items: InboundItem[] = [];
      for (const entry of parseMetaEnvelope(req, 'instagram', 'instagram')) {
        const igUserId = String(entry.id ?? '');
        const changes = Array.isArray(entry.changes)
          ? (entry.changes as Array<Record<string, unknown>>)
          : [entry];
        // The value carries no time of its own: the entry's `time` (epoch seconds) stands in for it.
        const time = typeof entry.time === 'number' ? entry.time : undefined;
        for (const change of changes) {
          const v = change.value as CommentValue | undefined;
          if (change.field !== 'comments' || !v?.id || !v.media?.id) continue;
          if (v.from?.id === igUserId) continue; // the account's own comment
          const item = igCommentItem(
            { id: v.id, text: v.text, from: v.from, username: v.from?.username, timestamp: time },
            v.media.id,
            v.parent_id ?? null,
            now(),
          );
          items.push({ ...item, raw: v });
        }
      }
      return items;
    },
  };
}
