import type { Logger } from 'pino';
import {
  CredentialsExpiredError,
  NotFoundError,
  PermanentError,
  RateLimitedError,
  UnsupportedError,
} from '../connectors/errors.js';
import type { DatabaseKind, Db } from '../db/database.js';
import type { JobTable } from '../db/schema.js';
import { randomToken } from '../ids.js';
import { backoffDelayMs } from './backoff.js';
import { claimJobs } from './claim.js';
import { PermanentJobError, RetryLaterError } from './errors.js';

export interface JobContext {
  id: string;
  type: string;
  orgId: string | null;
  payload: Record<string, unknown>;
  attempt: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  kind: DatabaseKind;
  logger: Logger;
  handlers: ReadonlyMap<string, JobHandler>;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  onJobFinished?: (type: string, outcome: 'done' | 'retry' | 'dead') => void;
}

/**
 * Runs durable jobs. Cadence: claims whenever a slot is free and work is due, otherwise sleeps pollMs
 * (or until wake()). Cost: one UPDATE…RETURNING per claim batch and one UPDATE per finished job.
 * Locking: see claimJobs; a job whose worker dies is re-claimed once its lease expires.
 */
export class JobWorker {
  // Random, not a row id: a UUIDv7's first characters are its timestamp, the same for workers started together.
  readonly id = `worker-${randomToken(6)}`;
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  /** A wake() that arrived while not asleep (e.g. mid-claim): the next sleep is skipped so it is not lost. */
  private wakePending = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly opts: WorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the jobs in hand to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  wake(): void {
    if (!this.sleeper) {
      this.wakePending = true;
      return;
    }
    clearTimeout(this.sleeper.timer);
    this.sleeper.resolve();
    this.sleeper = null;
  }

  /** Claims and runs due jobs until none are left; for tests and the CLI. Returns how many ran. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claimJobs(
        this.opts.db,
        this.opts.kind,
        this.id,
        this.opts.concurrency,
        this.opts.leaseMs,
      );
      if (jobs.length === 0) return total;
      await Promise.all(jobs.map((job) => this.execute(job)));
      total += jobs.length;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.opts.concurrency - this.inFlight.size;
      let claimed: JobTable[] = [];
      this.wakePending = false;
      if (free > 0) {
        try {
          claimed = await claimJobs(this.opts.db, this.opts.kind, this.id, free, this.opts.leaseMs);
        } catch (err) {
          this.opts.logger.error({ err }, 'job claim failed; retrying after the poll interval');
        }
      }
      for (const job of claimed) {
        const p = this.execute(job).finally(() => {
          this.inFlight.delete(p);
          this.wake();
        });
        this.inFlight.add(p);
      }
      // Checked again: stop() may have been called while the claim was in progress.
      if (this.running && (claimed.length === 0 || this.inFlight.size >= this.opts.concurrency))
        await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    if (this.wakePending) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleeper = { timer: setTimeout(() => this.wake(), this.opts.pollMs), resolve };
    });
  }

  private async execute(job: JobTable): Promise<void> {
    const handler = this.opts.handlers.get(job.type);
    try {
      if (!handler) throw new PermanentJobError(`no handler is registered for job type "${job.type}"`);
      await handler({
        id: job.id,
        type: job.type,
        orgId: job.org_id,
        payload: JSON.parse(job.payload) as Record<string, unknown>,
        attempt: job.attempts,
      });
      await this.finish(job, { status: 'done', last_error: null });
      this.opts.onJobFinished?.(job.type, 'done');
    } catch (err) {
      // If even the outcome cannot be written (database gone), log it: the lease expires and another claim retries.
      await this.fail(job, err as Error).catch((writeErr: unknown) =>
        this.opts.logger.error(
          { err: writeErr, jobId: job.id, type: job.type },
          'could not record the job outcome',
        ),
      );
    }
  }

  private async fail(job: JobTable, err: Error): Promise<void> {
    const message = String(err?.message ?? err).slice(0, 2000);
    const dead = isPermanent(err) || job.attempts >= job.max_attempts;
    const runAfter = retryAtFor(err) ?? Date.now() + backoffDelayMs(job.attempts);
    this.opts.logger.warn(
      { jobId: job.id, type: job.type, attempt: job.attempts, dead, error: message },
      'job failed',
    );
    await this.finish(
      job,
      dead
        ? { status: 'dead', last_error: message }
        : { status: 'pending', last_error: message, run_after: runAfter },
    );
    this.opts.onJobFinished?.(job.type, dead ? 'dead' : 'retry');
  }

  private async finish(
    job: JobTable,
    change: { status: JobTable['status']; last_error: string | null; run_after?: number },
  ): Promise<void> {
    // Only the worker still holding the lease may record the outcome.
    await this.opts.db
      .updateTable('job')
      .set({ ...change, locked_by: null, locked_until: null, updated_at: Date.now() })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .execute();
  }
}

// Platform errors decide retries too: a rate limit waits for the platform's reset time; refused or
// expired credentials, unsupported actions and missing objects will not get better by retrying.
function isPermanent(err: unknown): boolean {
  return (
    err instanceof PermanentJobError ||
    err instanceof PermanentError ||
    err instanceof CredentialsExpiredError ||
    err instanceof UnsupportedError ||
    err instanceof NotFoundError
  );
}

function retryAtFor(err: unknown): number | null {
  if (err instanceof RetryLaterError) return err.retryAt;
  if (err instanceof RateLimitedError) return err.resetAt;
  return null;
}
