// The Sandbox network's own API (/sandbox/api/v1/…), called by the sandbox connector over HTTP exactly like a
// real platform. Marked public for Parapet's session auth; every route is gated by the sandbox token hook.
// Errors use Parapet's {"error":{"code","message"}} shape.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { createSandboxAuth, sandboxUserOf } from './auth.js';
import { createPostOnce, idempotencyKeyOf } from './idempotency.js';
import { authorsOf, ID_PATTERN, inboxOf, postsByAuthor, type SandboxPostRow } from './repo.js';
import { blockUser, createPost, deletePost, MAX_TEXT, reportPost, setHidden, toView } from './service.js';

const Id = Type.String({ pattern: ID_PATTERN });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const CursorQuery = Type.Object({ since: Type.Optional(Id) }, { additionalProperties: false });
const PostBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: MAX_TEXT }), reply_to_id: Type.Optional(Id) },
  { additionalProperties: false },
);
const BlockBody = Type.Object({ user_id: Id }, { additionalProperties: false });
const ReportBody = Type.Object(
  { post_id: Id, user_id: Id, reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

/** The next cursor: the last id of the page, or the one given when nothing new arrived. */
const nextCursor = (rows: SandboxPostRow[], since: string | undefined) => rows.at(-1)?.id ?? since ?? null;

export async function sandboxApiRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const onRequest = createSandboxAuth(ctx);
  const base = { config: { public: true }, onRequest } as const;
  const schema = (s: Record<string, unknown>) => ({ hide: true, ...s }) as Record<string, unknown>;

  app.get('/sandbox/api/v1/me', { ...base, schema: schema({}) }, async (request) => {
    const u = sandboxUserOf(request);
    return { id: u.id, handle: u.handle, display_name: u.display_name, kind: u.kind };
  });

  app.post(
    '/sandbox/api/v1/posts',
    { ...base, schema: schema({ body: PostBody }) },
    async (request, reply) => {
      const body = request.body as { text: string; reply_to_id?: string };
      const input = { text: body.text, replyToId: body.reply_to_id };
      const key = idempotencyKeyOf(request.headers['idempotency-key']);
      if (key) {
        const once = await createPostOnce(ctx.db, sandboxUserOf(request), input, key);
        return reply.status(once.replayed ? 200 : 201).send(toView(once.post));
      }
      const post = await createPost(ctx.db, sandboxUserOf(request), input);
      return reply.status(201).send(toView(post));
    },
  );

  app.delete(
    '/sandbox/api/v1/posts/:id',
    { ...base, schema: schema({ params: IdParams }) },
    async (request) => {
      await deletePost(ctx.db, sandboxUserOf(request), (request.params as { id: string }).id);
      return { deleted: true };
    },
  );

  for (const [action, hidden] of [
    ['hide', true],
    ['unhide', false],
  ] as const) {
    app.post(
      `/sandbox/api/v1/posts/:id/${action}`,
      { ...base, schema: schema({ params: IdParams }) },
      async (request) =>
        toView(
          await setHidden(ctx.db, sandboxUserOf(request), (request.params as { id: string }).id, hidden),
        ),
    );
  }

  app.get(
    '/sandbox/api/v1/me/posts',
    { ...base, schema: schema({ querystring: CursorQuery }) },
    async (request) => {
      const { since } = request.query as { since?: string };
      const rows = await postsByAuthor(ctx.db, sandboxUserOf(request).id, since ?? null);
      return { posts: rows.map(toView), cursor: nextCursor(rows, since) };
    },
  );

  // Replies to the account's posts and mentions of @handle, oldest first after the cursor.
  app.get(
    '/sandbox/api/v1/me/inbox',
    { ...base, schema: schema({ querystring: CursorQuery }) },
    async (request) => {
      const { since } = request.query as { since?: string };
      const me = sandboxUserOf(request);
      const rows = await inboxOf(ctx.db, me, since ?? null);
      const mine = await authorsOf(
        ctx.db,
        rows.flatMap((r) => r.reply_to_id ?? []),
      );
      // The query's LIKE also matches @handle2 for @handle; keep only whole-handle mentions (the cursor
      // still moves past what is dropped).
      const mention = new RegExp(`(^|[^a-z0-9_])@${me.handle}(?![a-z0-9_])`, 'i');
      const items = rows.flatMap((row) => {
        const reply = row.reply_to_id !== null && mine.get(row.reply_to_id) === me.id;
        if (!reply && !mention.test(row.text)) return [];
        return [{ ...toView(row), kind: reply ? 'reply' : 'mention' }];
      });
      return { items, cursor: nextCursor(rows, since) };
    },
  );

  app.post('/sandbox/api/v1/blocks', { ...base, schema: schema({ body: BlockBody }) }, async (request) => {
    await blockUser(ctx.db, sandboxUserOf(request), (request.body as { user_id: string }).user_id);
    return { blocked: true };
  });

  app.post(
    '/sandbox/api/v1/reports',
    { ...base, schema: schema({ body: ReportBody }) },
    async (request, reply) => {
      const body = request.body as { post_id: string; user_id: string; reason: string };
      const id = await reportPost(ctx.db, sandboxUserOf(request), {
        postId: body.post_id,
        userId: body.user_id,
        reason: body.reason,
      });
      return reply.status(201).send({ id });
    },
  );
}
