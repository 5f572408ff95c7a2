import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import type { ConnectorDeps } from './connectors/types.js';
import { type DatabaseKind, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { Database } from './db/schema.js';
import { JobSignal } from './jobs/signal.js';
import type { JobHandler } from './jobs/worker.js';
import { createLogger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { registerAccountJobs } from './modules/accounts/jobs.js';
import { registerAlertJobs } from './modules/alerts/jobs.js';
import { registerAnalyticsJobs } from './modules/analytics/metrics-job.js';
import { registerArchiveJobs } from './modules/archive/jobs.js';
import { registerHijackJobs } from './modules/hijack/jobs.js';
import { registerInboundJobs } from './modules/inbound/jobs.js';
import { registerLicenceJobs } from './modules/licence/expiry-job.js';
import { registerModerationJobs } from './modules/moderation/action-job.js';
import { registerPublishJobs } from './modules/publishing/publish-register.js';
import { registerReportJobs } from './modules/reports/jobs.js';
import { registerReviewJobs } from './modules/review/sla-job.js';
import { loadMasterKey } from './modules/vault/master-key.js';
import { Vault } from './modules/vault/vault.js';
import { registerSandboxJobs } from './sandbox/simulator.js';

/** The one composition root: everything a route, service or job needs, created once per process. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  logger: Logger;
  metrics: Metrics;
  vault: Vault;
  jobHandlers: Map<string, JobHandler>;
  /** Periodic job types and their intervals (src/jobs/periodic.ts); workers seed them at start. */
  periodicJobs: Map<string, number>;
  /** Notify after a commit that enqueued jobs, so an in-process worker starts at once. */
  jobSignal: JobSignal;
  /** Network access for platform connectors; tests replace it with recorded fixtures. */
  connectorDeps: ConnectorDeps;
  close(): Promise<void>;
}

export interface ContextOverrides {
  logger?: Logger;
  migrate?: boolean;
}

export async function createAppContext(
  config: Config,
  overrides: ContextOverrides = {},
): Promise<AppContext> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const handle = openDatabase(config.database);
  try {
    if (overrides.migrate ?? true) await migrateToLatest(handle.db as Kysely<unknown>);
    const master = loadMasterKey(config.dataDir, config.masterKey, config.masterKeyPrevious);
    const vault = new Vault(master);
    await vault.checkMasterKey(handle.db, master.source);
    const ctx: AppContext = {
      config,
      db: handle.db,
      dbKind: handle.kind,
      logger,
      metrics: createMetrics(),
      vault,
      jobHandlers: new Map(),
      periodicJobs: new Map(),
      jobSignal: new JobSignal(),
      connectorDeps: { fetch: (...args) => fetch(...args), now: () => Date.now() },
      close: () => handle.destroy(),
    };
    registerAccountJobs(ctx);
    registerSandboxJobs(ctx);
    registerArchiveJobs(ctx);
    registerAnalyticsJobs(ctx);
    registerReportJobs(ctx);
    registerLicenceJobs(ctx);
    registerHijackJobs(ctx);
    registerReviewJobs(ctx);
    registerPublishJobs(ctx);
    registerAlertJobs(ctx);
    registerInboundJobs(ctx);
    registerModerationJobs(ctx);
    return ctx;
  } catch (err) {
    await handle.destroy();
    throw err;
  }
}
