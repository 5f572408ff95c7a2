// Webhook deliveries stored from a worker thread. better-sqlite3 runs every statement, and the commit's fsync
// (4–7 ms on this disk), synchronously: run on the main thread, each batch stops every HTTP request for its
// whole duration. A worker thread with its own database connection runs the group-commit transactions
// (storeDeliveries), so the main thread keeps reading and verifying deliveries while a batch commits; on
// PostgreSQL it moves classification's CPU to the second core. Deliveries are still acknowledged only after
// their batch committed (the worker answers after COMMIT returns).
// The thread starts on the first delivery (servers that never receive webhooks never pay for it); until it is
// ready, or after it failed, batches commit in-process as before.
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import type { Delivery, DeliveryResult } from './group-commit.js';

/** Messages from the worker (src/modules/inbound/ingest-worker.ts). */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; results: DeliveryResult[] }
  | { type: 'failed'; id: number; message: string };
export type ToWorker = { type: 'commit'; id: number; deliveries: Delivery[] } | { type: 'close' };

/** How long close() waits for the worker to finish its batch and close its database before terminating it. */
const CLOSE_GRACE_MS = 10_000;

// The worker has none of the parent's loader hooks: register tsx, then load the TypeScript entry.
const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((m) => { m.register(); return import(workerData.entry); });`;

export class IngestThread {
  /** Public for tests, which terminate it to show what a crash does. */
  readonly worker: Worker;
  /** Settles when the worker is ready (resolves) or failed before that (rejects). */
  readonly whenReady: Promise<void>;
  private markReady!: () => void;
  private markFailed!: (err: Error) => void;
  private readonly pending = new Map<
    number,
    { resolve: (r: DeliveryResult[]) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private state: 'starting' | 'ready' | 'failed' | 'closed' = 'starting';

  constructor(private readonly app: AppContext) {
    this.whenReady = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    this.whenReady.catch(() => {}); // failing is handled (in-process fallback); awaiting it is optional
    this.worker = new Worker(BOOT, {
      eval: true,
      execArgv: [],
      workerData: {
        tsxApi: import.meta.resolve('tsx/esm/api'),
        entry: new URL('./ingest-worker.ts', import.meta.url).href,
        config: app.config,
      },
    });
    this.worker.on('message', (m: FromWorker) => this.onMessage(m));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`ingestion thread exited (${code})`)));
  }

  /** True once the worker has its database open; before that callers commit in-process. */
  get ready(): boolean {
    return this.state === 'ready';
  }

  get usable(): boolean {
    return this.state === 'starting' || this.state === 'ready';
  }

  /** Stores the deliveries in one transaction in the worker; resolves after its commit. */
  commit(deliveries: Delivery[]): Promise<DeliveryResult[]> {
    if (this.state !== 'ready') return Promise.reject(new Error('ingestion thread not ready'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.keepAliveWhileNeeded();
      this.worker.postMessage({ type: 'commit', id, deliveries } satisfies ToWorker);
    });
  }

  /** Called once nothing is being submitted any more (the HTTP server has closed). */
  // Asked, not terminated: terminating a thread inside a native SQLite call aborts the whole process.
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const running = this.state !== 'failed';
    this.state = 'closed';
    if (running) {
      const exited = new Promise((resolve) => this.worker.once('exit', resolve));
      this.worker.postMessage({ type: 'close' } satisfies ToWorker);
      const timer = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    this.rejectAll(new Error('ingestion thread closed'));
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') {
      if (this.state === 'starting') this.state = 'ready';
      this.markReady();
      this.keepAliveWhileNeeded();
      return;
    }
    const waiter = this.pending.get(m.id);
    if (!waiter) return;
    this.pending.delete(m.id);
    this.keepAliveWhileNeeded();
    if (m.type === 'done') waiter.resolve(m.results);
    else waiter.reject(new Error(m.message));
  }

  // The thread keeps the process alive only while something waits on it (its start, a batch): an idle thread
  // must not hold open a process that has otherwise finished; the server's close() stops it explicitly.
  private keepAliveWhileNeeded(): void {
    if (this.state === 'starting' || this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private fail(err: Error): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'failed';
    this.markFailed(err);
    this.app.logger.error({ err }, 'ingestion thread stopped; webhook deliveries are stored in-process');
    this.rejectAll(err);
  }

  // A batch whose answer never came may or may not have committed: its deliveries are answered 503 and the
  // platform's retry is recognised by the replay digest or the unique item key, so nothing is stored twice.
  private rejectAll(err: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}
