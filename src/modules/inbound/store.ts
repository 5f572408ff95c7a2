// Storing inbound items: each platform item once per account (unique account_id + platform_item_id, ON CONFLICT
// DO NOTHING), classified before the insert, in the caller's transaction. An item arriving twice (webhook
// redelivery, overlapping polls, the same delivery in one batch) is stored, classified and acted on once.
import type { InboundItem } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { storeClassified } from '../moderation/api.js';
import { type IngestAccount, toInboundRow } from './normalize.js';

/** Rows per INSERT: 31 columns each stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

export interface IngestTarget {
  account: IngestAccount;
  items: InboundItem[];
  receivedAt: number;
}

/** One row per (account, platform item) across the targets: the same item twice in one batch is one row. */
function rowsOf(targets: IngestTarget[]): InboundItemTable[] {
  const rows: InboundItemTable[] = [];
  const seen = new Set<string>();
  for (const { account, items, receivedAt } of targets)
    for (const item of items) {
      if (!item?.ref?.id) continue;
      const key = `${account.id}\u0001${item.ref.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(toInboundRow(account, item, receivedAt));
    }
  return rows;
}

/** Inserts the items of every target unclassified; returns only the rows that were new (storage alone, for the
 * bench's breakdown). Ingestion uses ingestItems. */
export async function insertInboundItems(trx: Db, targets: IngestTarget[]): Promise<InboundItemTable[]> {
  const rows = rowsOf(targets);
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

/** Stores the new items already classified, with their events and action jobs, all in `trx`. Returns the new
 * rows. Classification runs on the rows before they are inserted (moderation/classify.ts), so each item is
 * written once, complete. */
export async function ingestItems(
  app: AppContext,
  trx: Db,
  targets: IngestTarget[],
): Promise<InboundItemTable[]> {
  // Classification sees the transaction as the app's database: on SQLite (one connection) a query through
  // app.db from inside this transaction would wait for the transaction itself, for ever. rootDb keeps the
  // compiled-matcher cache shared across transactions.
  const inTrx = { ...app, db: trx as AppContext['db'], rootDb: app.db };
  return storeClassified(inTrx, trx, rowsOf(targets));
}
