/**
 * The worker threads of `parapet scan` as one plain JavaScript file, so that a worker starts without
 * tsx: registering tsx cost each worker about a quarter of a second of CPU (its own loader thread,
 * compiling its hooks), a tenth of a one-million-line run on two cores. The file is built from the
 * sources with esbuild — the copy tsx itself uses, so nothing is installed or downloaded — and kept in
 * node_modules/.cache/parapet with the size and mtime of every source it holds: it is rebuilt when
 * any of them changes, and otherwise read back in a few milliseconds. When it cannot be built
 * (no esbuild, read-only tree) the caller falls back to workers that register tsx.
 */

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./scan-worker.ts', import.meta.url));
const CACHE_FILE = fileURLToPath(
  new URL('../../node_modules/.cache/parapet/scan-worker.json', import.meta.url),
);

export interface BuiltBundle {
  /** The Node.js version it was built for (its syntax target). */
  node: string;
  /** [absolute path, size, mtimeMs] of every source in the bundle. */
  inputs: [string, number, number][];
  code: string;
}

/**
 * The worker's code as a CommonJS script for `new Worker(code, { eval: true })`, or null.
 * `cacheFile` and `build` are for tests.
 */
export function workerBundle(
  cacheFile = CACHE_FILE,
  build: () => BuiltBundle | null = buildBundle,
): string | null {
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as BuiltBundle;
    if (cached.node === process.versions.node && cached.inputs.length > 0 && cached.inputs.every(unchanged))
      return cached.code;
  } catch {
    // No cache yet, or an unreadable one: build.
  }
  let built: BuiltBundle | null;
  try {
    built = build();
  } catch {
    return null;
  }
  if (built === null) return null;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Written aside and renamed: a concurrent run reads the old file or the new one, never half of one.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(built));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only tree: use the bundle this time, build again next time.
  }
  return built.code;
}

function unchanged([path, size, mtime]: [string, number, number]): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return st !== undefined && st.size === size && st.mtimeMs === mtime;
}

interface EsbuildLike {
  buildSync(options: Record<string, unknown>): {
    outputFiles: { text: string }[];
    metafile: { inputs: Record<string, unknown> };
  };
}

function buildBundle(): BuiltBundle | null {
  // esbuild as tsx resolves it: tsx is a dependency, esbuild one of its own.
  const fromTsx = createRequire(import.meta.resolve('tsx/esm/api'));
  const esbuild = fromTsx('esbuild') as EsbuildLike;
  const cwd = fileURLToPath(new URL('../../', import.meta.url));
  const result = esbuild.buildSync({
    entryPoints: [ENTRY],
    absWorkingDir: cwd,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) return null;
  const inputs = Object.keys(result.metafile.inputs).map((rel): [string, number, number] => {
    const path = `${cwd}${rel}`;
    const st = statSync(path);
    return [path, st.size, st.mtimeMs];
  });
  return { node: process.versions.node, inputs, code };
}
