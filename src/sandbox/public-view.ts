// "The Sandbox network's public view": what any member of the public would see at /sandbox — recent posts
// with their replies. Read-only and server-rendered; replies hidden by the account stay visible but greyed
// (as on X), deleted posts are gone. The only script (external: CSP script-src 'self') refreshes the page.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../context.js';
import { commonErrors } from '../http/schemas.js';
import { PublicTimelineQuery, PublicTimelineSchema } from './public-schemas.js';
import { postsByAuthor, publicTimeline, type SandboxPostRow, userByHandle } from './repo.js';

const SCRIPT = `// Reloads the Sandbox public view every 15 s while "Live" is ticked, so a demo shows replies arriving.
const live = document.getElementById('live');
live.checked = sessionStorage.getItem('sandbox-live') !== 'off';
live.addEventListener('change', () => sessionStorage.setItem('sandbox-live', live.checked ? 'on' : 'off'));
setInterval(() => { if (live.checked) location.reload(); }, 15000);
`;

const STYLE = `body{font:16px/1.45 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1c1e21}
header{background:#2d3e50;color:#fff;padding:.8rem 1.2rem;display:flex;justify-content:space-between;align-items:center}
main{max-width:44rem;margin:1rem auto;padding:0 1rem}
article{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.8rem 1rem;margin:0 0 1rem}
.reply{border-left:3px solid #dde1e6;margin:.6rem 0 0 .4rem;padding:.2rem .8rem}
.who{font-weight:600}.handle,.when{color:#65676b;font-size:.85rem}
.official .who::after{content:" ✓";color:#1d9bf0}
.hidden{color:#8a8d91}.hidden .text{font-style:italic}
.badge{font-size:.75rem;background:#e4e6eb;color:#65676b;border-radius:4px;padding:0 .35rem;margin-left:.3rem}
p.text{margin:.25rem 0;white-space:pre-wrap;overflow-wrap:anywhere}.empty{color:#65676b}`;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function postHtml(p: SandboxPostRow, official: boolean, reply: boolean): string {
  const hidden = reply && p.hidden === 1;
  const cls = [reply ? 'reply' : '', hidden ? 'hidden' : '', official ? 'official' : '']
    .filter(Boolean)
    .join(' ');
  const when = new Date(p.created_at).toISOString().replace('T', ' ').slice(0, 16);
  return `<div class="${cls}" id="post-${esc(p.id)}" data-id="${esc(p.id)}"${hidden ? ' data-hidden="true"' : ''}>
<span class="who">${esc(p.author_name)}</span> <span class="handle">@${esc(p.author_handle)}</span> · <span class="when">${when} UTC</span>${hidden ? '<span class="badge">hidden by the account</span>' : ''}
<p class="text">${esc(p.text)}</p></div>`;
}

export async function renderPublicView(ctx: AppContext): Promise<string> {
  const { roots, replies } = await publicTimeline(ctx.db);
  const officials = new Set(
    (await ctx.db.selectFrom('sandbox_user').select('id').where('kind', '=', 'official').execute()).map(
      (u) => u.id,
    ),
  );
  const byRoot = new Map<string, SandboxPostRow[]>();
  for (const r of replies) byRoot.set(r.root_id!, [...(byRoot.get(r.root_id!) ?? []), r]);
  const threads = roots
    .map(
      (root) =>
        `<article>${postHtml(root, officials.has(root.author_id), false)}${(byRoot.get(root.id) ?? [])
          .map((r) => postHtml(r, officials.has(r.author_id), true))
          .join('')}</article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox network · Parapet</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><header><span><strong>Sandbox</strong> — a practice social network for training and demos</span><label><input type="checkbox" id="live"> Live</label></header>
<main><h1>The Sandbox network's public view</h1>${threads || '<p class="empty">Nothing has been posted yet.</p>'}</main>
<script src="/sandbox/assets/sandbox.js"></script></body></html>`;
}

const postJson = (p: SandboxPostRow) => ({
  id: p.id,
  authorHandle: p.author_handle,
  authorName: p.author_name,
  text: p.text,
  createdAt: Number(p.created_at),
  hidden: p.reply_to_id !== null && Number(p.hidden) === 1,
});

/** One author's latest public posts with their replies, exactly as the public page shows them. */
export async function publicTimelineOf(
  ctx: AppContext,
  handle: string,
): Promise<Static<typeof PublicTimelineSchema>> {
  const user = await userByHandle(ctx.db, handle.toLowerCase());
  if (!user) return { author: null, threads: [] };
  const roots = (await postsByAuthor(ctx.db, user.id, null))
    .filter((p) => p.reply_to_id === null && p.deleted_at === null)
    .reverse() // newest first, as on the public page
    .slice(0, 20);
  if (roots.length === 0)
    return { author: { handle: user.handle, displayName: user.display_name }, threads: [] };
  const replies = await ctx.db
    .selectFrom('sandbox_post')
    .innerJoin('sandbox_user', 'sandbox_user.id', 'sandbox_post.author_id')
    .selectAll('sandbox_post')
    .select(['sandbox_user.handle as author_handle', 'sandbox_user.display_name as author_name'])
    .where(
      'sandbox_post.root_id',
      'in',
      roots.map((r) => r.id),
    )
    .where('sandbox_post.deleted_at', 'is', null)
    .orderBy('sandbox_post.id', 'asc')
    .limit(1000)
    .execute();
  return {
    author: { handle: user.handle, displayName: user.display_name },
    threads: roots.map((root) => ({
      post: postJson(root),
      replies: replies.filter((r) => r.root_id === root.id).map(postJson),
    })),
  };
}

export async function sandboxPublicRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const hidden = { hide: true } as Record<string, unknown>;
  app.get(
    '/sandbox/public/timeline',
    {
      config: { public: true },
      schema: {
        tags: ['sandbox'],
        summary: "One Sandbox account's public timeline as JSON, as anyone sees it (hidden replies marked)",
        querystring: PublicTimelineQuery,
        response: { 200: PublicTimelineSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await publicTimelineOf(ctx, request.query.author)),
  );
  app.get('/sandbox', { config: { public: true }, schema: hidden }, async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(await renderPublicView(ctx)),
  );
  app.get('/sandbox/assets/sandbox.js', { config: { public: true }, schema: hidden }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(SCRIPT),
  );
}
