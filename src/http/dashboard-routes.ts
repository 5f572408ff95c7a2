// Serves the React dashboard (web/, built into web/dist by `npm install`) under /app. The files hold no
// data, so they are public; every API call they make is authenticated. Unknown /app/* paths get index.html
// so that the dashboard's own router can show them (deep links, reloads).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export const DASHBOARD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parapet</title></head><body>
<h1>The dashboard has not been built</h1><p>Run <code>npm run build:web</code> (or <code>npm install</code>) in the Parapet folder, then reload.</p></body></html>`;

export async function dashboardRoutes(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  const hidden = { hide: true } as Record<string, unknown>;
  const indexFile = path.join(DASHBOARD_DIR, 'index.html');
  const built = existsSync(indexFile);
  const index = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT;
  const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply
      .status(built ? 200 : 503)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index);
  app.get('/app', { config: { public: true }, schema: hidden }, sendIndex);
  if (!built) {
    app.get('/app/*', { config: { public: true }, schema: hidden }, sendIndex);
    return;
  }
  // serve: false — one /app/* route of ours decides between a built file and the dashboard's index.html.
  await app.register(fastifyStatic, { root: DASHBOARD_DIR, serve: false });
  const files = new Set(listFiles(DASHBOARD_DIR));
  app.get<{ Params: { '*': string } }>(
    '/app/*',
    { config: { public: true }, schema: hidden },
    async (request, reply) => {
      const file = request.params['*'];
      if (!files.has(file) || file === 'index.html') return sendIndex(request, reply);
      // Hashed file names under assets/ never change; anything else is revalidated.
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { maxAge: immutable ? 31_536_000_000 : 0, immutable });
    },
  );
}

/** The built files, relative to dir with forward slashes (only these are ever served). */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}
