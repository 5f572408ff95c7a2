import type { AppContext } from './context.js';
import { JobWorker } from './jobs/worker.js';
import { startSandboxSimulator } from './sandbox/simulator.js';

export function createWorker(ctx: AppContext): JobWorker {
  const worker = new JobWorker({
    db: ctx.db,
    kind: ctx.dbKind,
    logger: ctx.logger.child({ role: 'worker' }),
    handlers: ctx.jobHandlers,
    concurrency: ctx.config.worker.concurrency,
    pollMs: ctx.config.worker.pollMs,
    leaseMs: ctx.config.worker.leaseMs,
    onJobFinished: (type, outcome) => ctx.metrics.jobsFinished.inc({ type, outcome }),
  });
  ctx.jobSignal.subscribe(() => worker.wake());
  startSandboxSimulator(ctx);
  return worker;
}
