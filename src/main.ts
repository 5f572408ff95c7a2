import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config/config.js';
import { type AppContext, createAppContext } from './context.js';
import { seedPeriodicJobs } from './jobs/periodic.js';
import type { JobWorker } from './jobs/worker.js';
import { scheduleCredentialRefresh } from './modules/accounts/jobs.js';
import { systemContext } from './modules/audit/actor.js';
import { createFirstOrganisation, issueSetupLink, setupNeeded } from './modules/identity/setup-service.js';
import { createWorker } from './worker.js';

export interface RunningServer {
  ctx: AppContext;
  app: FastifyInstance | null;
  worker: JobWorker | null;
  url: string | null;
  stop(): Promise<void>;
}

/** Starts the roles named in PARAPET_ROLES (api, worker; default both) and returns a handle to stop them. */
export async function startParapet(
  config: Config,
  print: (line: string) => void = console.log,
): Promise<RunningServer> {
  const startedAt = performance.now();
  const ctx = await createAppContext(config);
  let app: FastifyInstance | null = null;
  let worker: JobWorker | null = null;
  let url: string | null = null;
  try {
    if (config.roles.includes('worker')) {
      worker = createWorker(ctx);
      worker.start();
      // Periodic jobs re-queue themselves; this seeds the first run (idempotent across workers).
      await scheduleCredentialRefresh(ctx);
      await seedPeriodicJobs(ctx);
    }
    if (config.roles.includes('api')) {
      app = await buildApp(ctx);
      url = await app.listen({ host: config.host, port: config.port });
      // PORT=0 picks a free port: links built from the public URL (setup, invites) must carry the real one.
      if (new URL(ctx.config.publicUrl).port === '0') ctx.config.publicUrl = url;
      await announceFirstRun(ctx, print);
    }
  } catch (err) {
    await worker?.stop();
    await app?.close();
    await ctx.close();
    throw err;
  }
  ctx.logger.info(
    { url, roles: config.roles, database: ctx.dbKind, startMs: Math.round(performance.now() - startedAt) },
    'Parapet ready',
  );
  return {
    ctx,
    app,
    worker,
    url,
    // Graceful: stop accepting requests, let in-flight requests and jobs finish, then close the database.
    async stop() {
      if (app) {
        // A request in flight when close() starts finishes, but its keep-alive socket would then sit idle for
        // keepAliveTimeout (72 s) before close() returns: close such sockets as soon as they go idle.
        const server = app.server;
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
        }
      }
      await worker?.stop();
      await ctx.close();
    },
  };
}

async function announceFirstRun(ctx: AppContext, print: (line: string) => void): Promise<void> {
  if (!(await setupNeeded(ctx))) return;
  const admin = ctx.config.admin;
  if (admin) {
    await createFirstOrganisation(
      ctx,
      systemContext('first-run'),
      {
        organisationName: admin.organisationName,
        name: 'Administrator',
        email: admin.email,
        password: admin.password,
      },
      null,
    );
    print(
      `Parapet: created organisation "${admin.organisationName}" and administrator ${admin.email} from PARAPET_ADMIN_EMAIL. Sign in at ${ctx.config.publicUrl}/sign-in`,
    );
    return;
  }
  const link = await issueSetupLink(ctx);
  print(
    `\nParapet has no users yet. Open this one-time link to create your organisation and administrator:\n\n  ${link}\n\n(valid for 24 hours; restart to get a new one)\n`,
  );
}
