// Storing inbound items: each platform item once per account (unique account_id + platform_item_id, ON CONFLICT
// DO NOTHING), then classification of the rows that are new, in the caller's transaction. An item arriving
// twice (webhook redelivery, overlapping polls, the same delivery in one batch) is stored and classified once.
import type { InboundItem } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { classifyNewItems } from '../moderation/api.js';
import { type IngestAccount, toInboundRow } from './normalize.js';

/** Rows per INSERT: 31 columns each stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

export interface IngestTarget {
  account: IngestAccount;
  items: InboundItem[];
  receivedAt: number;
}

/** Inserts the items of every target; returns only the rows that were new (not yet stored). */
export async function insertInboundItems(trx: Db, targets: IngestTarget[]): Promise<InboundItemTable[]> {
  const rows: InboundItemTable[] = [];
  const seen = new Set<string>();
  for (const { account, items, receivedAt } of targets)
    for (const item of items) {
      if (!item?.ref?.id) continue;
      const key = `${account.id}\u0001${item.ref.id}`;
      if (seen.has(key)) continue; // the same item twice in one batch: one INSERT row, not a conflict
      seen.add(key);
      rows.push(toInboundRow(account, item, receivedAt));
    }
  const inserted: InboundItemTable[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const stored = await trx
      .insertInto('inbound_item')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['account_id', 'platform_item_id']).doNothing())
      .returningAll()
      .execute();
    inserted.push(...(stored as InboundItemTable[]));
  }
  return inserted;
}

/** Stores the items and hands the new ones to classification, all in `trx`. Returns the new rows. */
export async function ingestItems(
  app: AppContext,
  trx: Db,
  targets: IngestTarget[],
): Promise<InboundItemTable[]> {
  const fresh = await insertInboundItems(trx, targets);
  // Classification sees the transaction as the app's database: on SQLite (one connection) a query through
  // app.db from inside this transaction would wait for the transaction itself, for ever. rootDb keeps the
  // compiled-matcher cache shared across transactions.
  if (fresh.length > 0) {
    const inTrx = { ...app, db: trx as AppContext['db'], rootDb: app.db };
    await classifyNewItems(inTrx, trx, fresh.map(numericRow));
  }
  return fresh;
}

// PostgreSQL's RETURNING gives bigint columns as numbers (type parser in database.ts) but keep it explicit for
// the integer columns the driver may hand back as strings.
function numericRow(row: InboundItemTable): InboundItemTable {
  return { ...row, safeguarding: Number(row.safeguarding), priority: Number(row.priority) };
}
