// Helpers for driving JobWorker in tests: a worker factory, job reads, polling, and a Kysely plugin that can
// hold the worker's claim query or make its job updates fail (to test races and a database that goes away).
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { JobTable } from '../../src/db/schema.js';
import { type JobHandler, JobWorker, type WorkerOptions } from '../../src/jobs/worker.js';
import { createLogger } from '../../src/logger.js';
import type { TestApp } from './app.js';

export function makeWorker(
  t: TestApp,
  handlers: Record<string, JobHandler>,
  opts: Partial<WorkerOptions> = {},
): JobWorker {
  return new JobWorker({
    db: t.ctx.db,
    kind: t.ctx.dbKind,
    logger: createLogger('silent'),
    handlers: new Map(Object.entries(handlers)),
    concurrency: 4,
    pollMs: 50,
    leaseMs: 60_000,
    ...opts,
  });
}

export async function readJob(t: TestApp, id: string): Promise<JobTable> {
  const j = await t.ctx.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    ...j,
    attempts: Number(j.attempts),
    max_attempts: Number(j.max_attempts),
    run_after: Number(j.run_after),
    locked_until: j.locked_until === null ? null : Number(j.locked_until),
    updated_at: Number(j.updated_at),
  };
}

/** Lets an earlier job run again now, as if its backoff had elapsed. */
export const makeDue = (t: TestApp, id: string) =>
  t.ctx.db
    .updateTable('job')
    .set({ run_after: Date.now() - 1 })
    .where('id', '=', id)
    .execute();

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (v: T) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * holdNextClaim(): the next claim query runs, but its result is held until release() — the worker is then
 * "mid-claim". failJobUpdates: every UPDATE of the job table (the worker's outcome writes) throws.
 */
export class FaultPlugin implements KyselyPlugin {
  failJobUpdates = false;
  private hold: { entered: Deferred; release: Deferred } | null = null;
  private claims = new Set<string>();

  holdNextClaim() {
    this.hold = { entered: deferred(), release: deferred() };
    const release = this.hold.release;
    return { entered: this.hold.entered.promise, release: () => release.resolve() };
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'RawNode' && node.sqlFragments.join('').includes('update job set status'))
      this.claims.add(args.queryId.queryId);
    if (
      this.failJobUpdates &&
      node.kind === 'UpdateQueryNode' &&
      JSON.stringify(node.table).includes('"job"')
    ) {
      throw new Error('simulated database failure');
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.claims.delete(args.queryId.queryId) && this.hold) {
      const h = this.hold;
      this.hold = null;
      h.entered.resolve();
      await h.release.promise;
    }
    return args.result;
  }
}
