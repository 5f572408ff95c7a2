// Mastodon entities → Parapet shapes. Status content is HTML; officers read plain text.
import type { InboundItem, OwnPost } from '../types.js';

export interface MastodonAccount {
  id: string;
  acct: string;
  display_name?: string;
}
export interface MastodonStatus {
  id: string;
  uri?: string;
  url?: string | null;
  created_at?: string;
  content?: string;
  in_reply_to_id?: string | null;
  in_reply_to_account_id?: string | null;
  account?: MastodonAccount;
  mentions?: { id: string; acct: string }[];
}
export interface MastodonNotification {
  id: string;
  type: string;
  created_at?: string;
  account?: MastodonAccount;
  status?: MastodonStatus;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[e.toLowerCase()] ?? whole;
    })
    .trim();
}

export function statusToInbound(
  status: MastodonStatus,
  ownAccountId: string,
  raw: unknown,
  fallbackAuthor?: MastodonAccount,
): InboundItem {
  const author = status.account ?? fallbackAuthor;
  return {
    ref: { id: status.id, ...(status.uri ? { uri: status.uri } : {}) },
    // Replies arrive as mentions (they auto-mention the author); a reply answers one of our statuses.
    kind: status.in_reply_to_account_id === ownAccountId ? 'reply' : 'mention',
    text: htmlToText(status.content ?? ''),
    author: {
      id: author?.id ?? '',
      handle: author?.acct ?? '',
      ...(author?.display_name ? { name: author.display_name } : {}),
    },
    inReplyTo: status.in_reply_to_id ? { id: status.in_reply_to_id } : null,
    createdAt: status.created_at ? Date.parse(status.created_at) : 0,
    url: status.url ?? null,
    raw,
  };
}

export function notificationToInbound(n: MastodonNotification, ownAccountId: string): InboundItem | null {
  if (n.type !== 'mention' || !n.status) return null;
  return statusToInbound(n.status, ownAccountId, n, n.account);
}

export function statusToOwnPost(status: MastodonStatus): OwnPost {
  return {
    ref: { id: status.id, ...(status.uri ? { uri: status.uri } : {}) },
    text: htmlToText(status.content ?? ''),
    createdAt: status.created_at ? Date.parse(status.created_at) : 0,
    url: status.url ?? null,
  };
}
