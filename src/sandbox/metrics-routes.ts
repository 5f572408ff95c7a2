// The Sandbox's engagement counts: GET /sandbox/api/v1/posts/metrics?ids=a,b (up to 50) answers each post's
// public reply count (visible, not deleted direct replies). The Sandbox has no likes or reposts: those are 0.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { createSandboxAuth } from './auth.js';

const IdsQuery = Type.Object(
  { ids: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,49}$' }) },
  { additionalProperties: false },
);

export async function sandboxMetricsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/sandbox/api/v1/posts/metrics',
    {
      config: { public: true },
      onRequest: createSandboxAuth(ctx),
      schema: { hide: true, querystring: IdsQuery } as Record<string, unknown>,
    },
    async (request) => {
      const ids = [...new Set((request.query as { ids: string }).ids.split(','))];
      const rows = await ctx.db
        .selectFrom('sandbox_post')
        .select(['reply_to_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('reply_to_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .where('hidden', '=', 0)
        .groupBy('reply_to_id')
        .execute();
      const replies = new Map(rows.map((r) => [r.reply_to_id, Number(r.n)]));
      return { posts: ids.map((id) => ({ id, likes: 0, replies: replies.get(id) ?? 0, reposts: 0 })) };
    },
  );
}
