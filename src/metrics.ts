import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app context (no global state), exposed at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parapet_' });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'parapet_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: 'parapet_jobs_finished_total',
      help: 'Jobs finished by type and outcome (done, retry, dead)',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    ingestBatches: new Counter({
      name: 'parapet_ingest_batches_total',
      help: 'Webhook group-commit batches by where they ran (thread, in_process) and outcome (stored, failed)',
      labelNames: ['where', 'outcome'] as const,
      registers: [registry],
    }),
    signIns: new Counter({
      name: 'parapet_sign_ins_total',
      help: 'Sign-in attempts by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
