// Response time to public questions: an inbound item whose text contains "?" that one of our published replies
// answers (the reply's reply_to is that item, on the same account). The time is from Parapet receiving the
// question to our reply being published. Read from our replies (few) towards the items (unique index on
// account_id + platform_item_id), never by scanning the inbound table.
import type { Db } from '../../db/database.js';
import { percentile } from '../moderation/time-to-act.js';
import type { Scope } from './scope.js';

// Chunks of 1,000 pairs, queried concurrently (PostgreSQL spreads them over the pool; SQLite runs them in turn):
// at 10 M items a 30-day period has ~4,000 replies, and 20 sequential round trips were most of the overview.
const CHUNK = 1000;
const MAX_REPLIES = 20_000;

export interface ResponseTimes {
  answered: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export async function responseTimes(db: Db, s: Scope): Promise<ResponseTimes> {
  let q = db
    .selectFrom('post')
    .select(['account_id', 'reply_to', 'published_at'])
    .where('org_id', '=', s.orgId)
    .where('kind', '=', 'reply')
    .where('published_at', '>=', s.from)
    .where('published_at', '<', s.to)
    .where('reply_to', 'is not', null);
  if (s.accountIds) q = q.where('account_id', 'in', s.accountIds);
  if (s.authorId) q = q.where('author_id', '=', s.authorId);
  const replies = await q.orderBy('published_at').limit(MAX_REPLIES).execute();
  // First reply per (account, item): a second reply to the same question does not make it faster or slower.
  const first = new Map<string, { accountId: string; itemId: string; at: number }>();
  for (const r of replies) {
    const itemId = (JSON.parse(r.reply_to as string) as { id?: string }).id;
    const key = `${r.account_id}\u0000${itemId}`;
    if (itemId && !first.has(key))
      first.set(key, { accountId: r.account_id, itemId, at: Number(r.published_at) });
  }
  const durations: number[] = [];
  const wanted = [...first.values()];
  const chunks: Array<typeof wanted> = [];
  for (let i = 0; i < wanted.length; i += CHUNK) chunks.push(wanted.slice(i, i + CHUNK));
  const found = await Promise.all(
    chunks.map((chunk) =>
      db
        .selectFrom('inbound_item')
        // org_id is checked on the rows, not in SQL: as a condition, SQLite's planner preferred an org-leading
        // index and scanned every item of the organisation instead of using the unique index below.
        .select(['org_id', 'account_id', 'platform_item_id', 'received_at'])
        .where('text', 'like', '%?%')
        // Two IN lists use the (account_id, platform_item_id) unique index on both databases; an OR of pairs
        // made SQLite scan the table. Pairs that only cross-match are dropped below.
        .where('account_id', 'in', [...new Set(chunk.map((c) => c.accountId))])
        .where(
          'platform_item_id',
          'in',
          chunk.map((c) => c.itemId),
        )
        .execute(),
    ),
  );
  for (const item of found.flat()) {
    if (item.org_id !== s.orgId) continue;
    const reply = first.get(`${item.account_id}\u0000${item.platform_item_id}`);
    const ms = reply ? reply.at - Number(item.received_at) : -1;
    if (ms >= 0) durations.push(ms);
  }
  durations.sort((a, b) => a - b);
  return { answered: durations.length, p50Ms: percentile(durations, 50), p95Ms: percentile(durations, 95) };
}
