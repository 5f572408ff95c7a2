// Group commit for webhook deliveries. Each delivery waits in a queue; one transaction takes everything queued
// (up to MAX_BATCH) and stores it, and every delivery in it is acknowledged only after that commit. At low load
// a batch holds one delivery (no added wait); under load, deliveries arriving during a commit share the next.
// SQLite has one writer, so one batch at a time; PostgreSQL runs a few in parallel. Batches run in the
// ingestion thread (ingest-thread.ts) once it is up, in-process before that or if it is switched off.
// If a batch fails, its deliveries are retried one per transaction so that one bad delivery fails alone.
import type { InboundItem, Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { recordDeliveries } from './deliveries.js';
import { IngestThread } from './ingest-thread.js';
import type { IngestAccount } from './normalize.js';
import { type IngestTarget, ingestItems } from './store.js';

/** Deliveries per transaction in-process. SQLite runs statements synchronously, so there a batch holds the
 * event loop for its whole duration: smaller, to bound that pause. The ingestion thread blocks nobody. */
const MAX_BATCH = { sqlite: 64, postgres: 256 } as const;
const MAX_BATCH_IN_THREAD = 512;
/** Deliveries waiting beyond this are refused with 503 at once (the platform retries later) rather than
 * queued without bound while the database falls behind. */
const MAX_QUEUED = 5_000;

export class IngestOverloadedError extends Error {}

export interface Delivery {
  platform: Platform;
  digest: string;
  receivedAt: number;
  /** What the delivery holds for each platform account it names (X for_user_id, Meta entry id). */
  targets: Array<{ platformAccountId: string; items: InboundItem[] }>;
}

export interface DeliveryResult {
  /** The same bytes were processed inside the replay window: acknowledged, nothing done. */
  replay: boolean;
  /** Items stored for the first time (one per account the item belongs to). */
  stored: number;
}

interface Pending {
  delivery: Delivery;
  resolve: (r: DeliveryResult) => void;
  reject: (e: unknown) => void;
}

export class IngestBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** The ingestion thread, once started (public for tests and diagnostics). */
  thread: IngestThread | null = null;

  constructor(
    private readonly app: AppContext,
    private readonly parallel = app.dbKind === 'sqlite' ? 1 : 4,
  ) {}

  /** Resolves once the delivery's items are committed (or it was recognised as a replay). */
  submit(delivery: Delivery): Promise<DeliveryResult> {
    this.startThread();
    if (this.queue.length >= MAX_QUEUED)
      return Promise.reject(new IngestOverloadedError('too many deliveries waiting to be stored'));
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      this.schedule();
    });
  }

  // The batch is taken after the current I/O phase (setImmediate), so requests that arrived together share
  // one transaction; at low load this adds no measurable wait.
  private scheduled = false;
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    // In the thread, SQLite still commits one batch at a time, but the next one waits there, ready, instead of
    // on this side: the thread never idles between batches while this thread reads the next deliveries.
    const parallel = this.inThread() ? Math.max(this.parallel, 2) : this.parallel;
    while (this.inFlight < parallel && this.queue.length > 0) {
      const size = this.inThread() ? MAX_BATCH_IN_THREAD : MAX_BATCH[this.app.dbKind];
      const batch = this.queue.splice(0, size);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((p) => p.delivery));
      for (const [i, p] of batch.entries()) p.resolve(results[i]!);
      return;
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
    }
    for (const p of batch) {
      try {
        p.resolve((await this.commit([p.delivery]))[0]!);
      } catch (err) {
        p.reject(err);
      }
    }
  }

  /** Starts the ingestion thread unless it is switched off or already started (idempotent). */
  startThread(): void {
    if (!this.thread && this.app.config.inbound.ingestThread) this.thread = new IngestThread(this.app);
  }

  /** Whether the next batch goes to the ingestion thread (read per batch: tests switch it off at run time). */
  private inThread(): boolean {
    return this.app.config.inbound.ingestThread && this.thread?.ready === true;
  }

  /** Stops the ingestion thread; call once no delivery can be submitted any more. */
  async close(): Promise<void> {
    await this.thread?.close();
  }

  private async commit(deliveries: Delivery[]): Promise<DeliveryResult[]> {
    const where = this.inThread() ? 'thread' : 'in_process';
    let results: DeliveryResult[];
    try {
      results =
        where === 'thread'
          ? await this.thread!.commit(deliveries)
          : await this.app.db.transaction().execute((trx) => storeDeliveries(this.app, trx, deliveries));
    } catch (err) {
      this.app.metrics.ingestBatches.inc({ where, outcome: 'failed' });
      throw err;
    }
    this.app.metrics.ingestBatches.inc({ where, outcome: 'stored' });
    if (results.some((r) => r.stored > 0)) this.app.jobSignal.notify();
    return results;
  }
}

/** One transaction's work: replay check, account lookup, insert, classify. */
export async function storeDeliveries(
  app: AppContext,
  trx: Db,
  deliveries: Delivery[],
): Promise<DeliveryResult[]> {
  const now = Date.now();
  const fresh = await recordDeliveries(trx, deliveries, now, app.config.inbound.deliveryReplayWindowMs);
  const process = deliveries.map((d) => fresh.delete(d.digest)); // first of equal digests only
  const accounts = await accountsFor(
    trx,
    deliveries.filter((_, i) => process[i]),
  );
  const targets: IngestTarget[] = [];
  const owner = new Map<string, number>();
  deliveries.forEach((d, i) => {
    if (!process[i]) return;
    for (const t of d.targets)
      for (const account of accounts.get(`${d.platform}\u0001${t.platformAccountId}`) ?? []) {
        targets.push({ account, items: t.items, receivedAt: d.receivedAt });
        for (const item of t.items) {
          const key = `${account.id}\u0001${item?.ref?.id}`;
          if (item?.ref?.id && !owner.has(key)) owner.set(key, i);
        }
      }
  });
  const stored = new Array<number>(deliveries.length).fill(0);
  for (const row of await ingestItems(app, trx, targets)) {
    const i = owner.get(`${row.account_id}\u0001${row.platform_item_id}`);
    if (i !== undefined) stored[i]!++;
  }
  return deliveries.map((_, i) => ({ replay: !process[i], stored: stored[i]! }));
}

/** Every connected account (in any organisation) with the platform ids the deliveries name. */
async function accountsFor(trx: Db, deliveries: Delivery[]): Promise<Map<string, IngestAccount[]>> {
  const byPlatform = new Map<string, Set<string>>();
  for (const d of deliveries)
    for (const t of d.targets) {
      const ids = byPlatform.get(d.platform) ?? new Set<string>();
      ids.add(t.platformAccountId);
      byPlatform.set(d.platform, ids);
    }
  const out = new Map<string, IngestAccount[]>();
  for (const [platform, ids] of byPlatform) {
    const rows = await trx
      .selectFrom('social_account')
      .select(['id', 'org_id', 'platform', 'platform_account_id'])
      .where('platform', '=', platform)
      .where('platform_account_id', 'in', [...ids])
      .execute();
    for (const r of rows) {
      const key = `${r.platform}\u0001${r.platform_account_id}`;
      out.set(key, [...(out.get(key) ?? []), { id: r.id, org_id: r.org_id, platform: r.platform }]);
    }
  }
  return out;
}

const batchers = new WeakMap<AppContext, IngestBatcher>();

/** The process's batcher for this context (one queue per database). */
export function batcherFor(app: AppContext): IngestBatcher {
  let b = batchers.get(app);
  if (!b) {
    b = new IngestBatcher(app);
    batchers.set(app, b);
  }
  return b;
}
