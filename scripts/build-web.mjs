// Builds the dashboard (web/ → web/dist) with Vite. Run by `npm install` (postinstall) and `npm run build:web`.
// Skips the build when web/dist is newer than every source file, so repeated installs stay fast.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist', 'index.html');
const force = process.argv.includes('--force');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

if (!force && existsSync(dist) && statSync(dist).mtimeMs >= newestSource(web)) {
  console.log('dashboard: web/dist is up to date');
} else {
  const { build } = await import('vite');
  const started = performance.now();
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`dashboard: built web/dist in ${Math.round(performance.now() - started)} ms`);
}
