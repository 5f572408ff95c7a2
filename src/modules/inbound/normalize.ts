// An InboundItem from a connector → an inbound_item row for one of our accounts. The platform payload is kept
// unchanged as JSON text; the normalized columns are what queues, classification and analytics query.
import type { InboundItem } from '../../connectors/types.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { newId } from '../../ids.js';

/** How an item reached us (recorded for diagnostics; the moderation log's 'received' detail). */
export type IngestChannel = 'webhook' | 'poll';

export type IngestAccount = Pick<SocialAccountTable, 'id' | 'org_id' | 'platform'>;

// PostgreSQL refuses NUL in text columns; a NUL in a reply must not make a delivery fail for ever. The raw
// payload keeps it (JSON escapes it as \u0000), only the normalized copies lose it.
const clean = (s: string): string => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

export function toInboundRow(
  account: IngestAccount,
  item: InboundItem,
  receivedAt: number,
): InboundItemTable {
  const createdAt = Number.isFinite(item.createdAt) && item.createdAt > 0 ? item.createdAt : receivedAt;
  return {
    id: newId(),
    org_id: account.org_id,
    account_id: account.id,
    platform: account.platform,
    platform_item_id: clean(item.ref.id),
    kind: item.kind,
    text: clean(item.text ?? ''),
    author_platform_id: clean(item.author.id ?? ''),
    author_handle: clean(item.author.handle ?? ''),
    author_name: item.author.name ? clean(item.author.name) : null,
    ref: JSON.stringify(item.ref),
    in_reply_to_id: item.inReplyTo ? clean(item.inReplyTo.id) : null,
    root_id: item.ref.root?.id
      ? clean(item.ref.root.id)
      : item.inReplyTo?.root?.id
        ? clean(item.inReplyTo.root.id)
        : null,
    url: item.url,
    raw: JSON.stringify(item.raw ?? null),
    matches: '[]',
    categories: '[]',
    safeguarding: 0,
    priority: 0,
    status: 'received',
    assigned_to: null,
    due_at: null,
    platform_created_at: Math.round(createdAt),
    received_at: receivedAt,
    classified_at: null,
    action_issued_at: null,
    action_confirmed_at: null,
    decided_at: null,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
}
