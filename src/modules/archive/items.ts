// One archived item with its whole history: revisions and approvals for posts, the moderation event log and
// the raw payload for inbound items. historyOf() loads a page of items in three queries (export uses it).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import type { ArchiveKind } from './policy.js';

export interface ItemHistory {
  kind: ArchiveKind;
  id: string;
  accountId: string;
  occurredAt: number;
  status: string;
  text: string;
  redactedAt: number | null;
  url: string | null;
  author: { type: 'officer' | 'public'; id: string; handle: string | null; name: string | null };
  categories: string[];
  /** Inbound only: the platform's payload as received (JSON text); null for posts or once redacted. */
  raw: string | null;
  platformItemId: string | null;
  revisions: Array<{ revision: number; text: string; editedBy: string; createdAt: number }>;
  approvals: Array<{
    revision: number;
    step: number;
    approverId: string;
    decision: string;
    comment: string | null;
    createdAt: number;
  }>;
  events: Array<{
    id: string;
    type: string;
    action: string | null;
    actor: { type: string; id: string | null; label: string };
    note: string | null;
    detail: unknown;
    createdAt: number;
  }>;
}

const n = (v: unknown): number => Number(v);
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function postHistories(db: Db, orgId: string, ids: string[]): Promise<ItemHistory[]> {
  if (ids.length === 0) return [];
  const [posts, revisions, approvals] = await Promise.all([
    db
      .selectFrom('post')
      .selectAll()
      .select(sql<number | null>`redacted_at`.as('redacted_at'))
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('post_revision')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('post_id', 'in', ids)
      .orderBy('revision')
      .execute(),
    db
      .selectFrom('post_approval')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('post_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  return posts.map((p) => ({
    kind: 'post',
    id: p.id,
    accountId: p.account_id,
    occurredAt: n(p.created_at),
    status: p.status,
    text: p.text,
    redactedAt: nn(p.redacted_at),
    url: p.url,
    author: { type: 'officer', id: p.author_id, handle: null, name: null },
    categories: [],
    raw: null,
    platformItemId: p.platform_post_id,
    revisions: revisions
      .filter((r) => r.post_id === p.id)
      .map((r) => ({
        revision: n(r.revision),
        text: r.text,
        editedBy: r.edited_by,
        createdAt: n(r.created_at),
      })),
    approvals: approvals
      .filter((a) => a.post_id === p.id)
      .map((a) => ({
        revision: n(a.revision),
        step: n(a.step),
        approverId: a.approver_id,
        decision: a.decision,
        comment: a.comment,
        createdAt: n(a.created_at),
      })),
    events: [],
  }));
}

export async function inboundHistories(db: Db, orgId: string, ids: string[]): Promise<ItemHistory[]> {
  if (ids.length === 0) return [];
  const [items, events] = await Promise.all([
    db
      .selectFrom('inbound_item')
      .selectAll()
      .select(sql<number | null>`redacted_at`.as('redacted_at'))
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('moderation_event')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('item_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return items.map((i) => ({
    kind: 'inbound',
    id: i.id,
    accountId: i.account_id,
    occurredAt: n(i.received_at),
    status: i.status,
    text: i.text,
    redactedAt: nn(i.redacted_at),
    url: i.url,
    author: { type: 'public', id: i.author_platform_id, handle: i.author_handle, name: i.author_name },
    categories: JSON.parse(i.categories) as string[],
    raw: i.redacted_at === null ? i.raw : null,
    platformItemId: i.platform_item_id,
    revisions: [],
    approvals: [],
    events: events
      .filter((e) => e.item_id === i.id)
      .map((e) => ({
        id: e.id,
        type: e.type,
        action: e.action,
        actor: { type: e.actor_type, id: e.actor_id, label: e.actor_label },
        note: e.note,
        detail: JSON.parse(e.detail) as unknown,
        createdAt: n(e.created_at),
      })),
  }));
}

export async function itemHistory(
  db: Db,
  orgId: string,
  kind: ArchiveKind,
  id: string,
): Promise<ItemHistory> {
  const [item] =
    kind === 'post' ? await postHistories(db, orgId, [id]) : await inboundHistories(db, orgId, [id]);
  if (!item) throw notFound('The archived item');
  return item;
}
