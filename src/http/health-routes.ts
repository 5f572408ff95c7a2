import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { migrationsComplete } from '../db/migrate.js';

export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const hide = { hide: true } as Record<string, unknown>;
  app.get('/healthz', { config: { public: true }, schema: hide }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: hide }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      if (!(await migrationsComplete(ctx.db as unknown as Kysely<unknown>))) {
        return reply
          .status(503)
          .send({ status: 'not_ready', reason: 'database migrations are pending: run parapet migrate' });
      }
      return { status: 'ready', database: ctx.dbKind };
    } catch {
      return reply.status(503).send({ status: 'not_ready', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', { config: { public: true }, schema: hide }, async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
