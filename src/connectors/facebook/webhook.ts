// Facebook Page webhooks: `feed` changes with item=comment, verb=add become inbound comments (platform-apis.md §3.3).

import { metaHandshake, parseMetaEnvelope, verifyMetaSignature } from '../meta/webhook.js';
import type { InboundItem, WebhookRequest, WebhookSupport } from '../types.js';
import { commentItem, type GraphComment } from './read.js';

interface FeedChange {
  item?: string;
  verb?: string;
  post_id?: string;
  comment_id?: string;
  parent_id?: string;
  from?: { id: string; name?: string };
  message?: string;
  created_time?: number | string;
}

export function facebookWebhook(now: () => number): WebhookSupport {
  return {
    handshake: metaHandshake,
    verifySignature: verifyMetaSignature,
    parse(req: WebhookRequest): InboundItem[] {
      const items: InboundItem[] = [];
      for (const entry of parseMetaEnvelope(req, 'facebook', 'page')) {
        const pageId = String(entry.id ?? '');
        const changes = Array.isArray(entry.changes) ? (entry.changes as Array<Record<string, unknown>>) : [];
        for (const change of changes) {
          const v = change.value as FeedChange | undefined;
          if (change.field !== 'feed' || !v || v.item !== 'comment' || v.verb !== 'add') continue;
          if (!v.comment_id || !v.post_id || v.from?.id === pageId) continue;
          const comment: GraphComment = {
            id: v.comment_id,
            message: v.message,
            from: v.from,
            created_time: v.created_time,
            parent: v.parent_id ? { id: v.parent_id } : undefined,
          };
          items.push({ ...commentItem(comment, v.post_id, now()), raw: v });
        }
      }
      return items;
    },
  };
}
