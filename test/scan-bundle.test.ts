import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { type BuiltBundle, workerBundle } from '../src/cli/scan-bundle.js';
import type { BlockResult } from '../src/cli/scan-parallel.js';
import { parseDictionaryYaml } from '../src/rules/index.js';

const ROOT = new URL('..', import.meta.url).pathname;

describe('scan worker bundle', () => {
  void test('built once, then read back until one of its sources changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-bundle-'));
    const cache = join(dir, 'cache', 'scan-worker.json');
    const source = join(dir, 'source.ts');
    writeFileSync(source, 'one');
    let builds = 0;
    const build = (): BuiltBundle => {
      builds++;
      const size = readFileSync(source).length;
      return {
        node: process.versions.node,
        inputs: [[source, size, statSync(source).mtimeMs]],
        code: `code ${builds}`,
      };
    };
    assert.equal(workerBundle(cache, build), 'code 1');
    assert.equal(workerBundle(cache, build), 'code 1', 'read from the cache');
    assert.equal(builds, 1);
    writeFileSync(source, 'changed');
    utimesSync(source, new Date(), new Date(Date.now() + 5_000));
    assert.equal(workerBundle(cache, build), 'code 2', 'a changed source rebuilds');
    assert.equal(builds, 2);
  });

  void test('no bundle (the caller falls back to tsx) when it cannot be built', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'parapet-bundle-')), 'scan-worker.json');
    assert.equal(
      workerBundle(cache, () => {
        throw new Error('no esbuild');
      }),
      null,
    );
    writeFileSync(cache, '{not json');
    assert.equal(
      workerBundle(cache, () => null),
      null,
      'a corrupt cache is ignored',
    );
  });

  void test('the real bundle runs in a worker without tsx and scans a block like scanLine', async () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'parapet-bundle-')), 'scan-worker.json');
    const code = workerBundle(cache);
    assert.ok(code !== null, 'esbuild (a dependency of tsx) builds the bundle');
    assert.doesNotMatch(code, /from ['"]yaml['"]|require\(["']yaml["']\)/, 'the YAML reader is left out');
    const abuse = parseDictionaryYaml(
      readFileSync(join(ROOT, 'dictionaries', 'abuse.yaml'), 'utf8'),
      'abuse',
    );
    // execArgv: [] drops the test runner's --import tsx: the worker has plain Node.js only.
    const w = new Worker(code, { eval: true, execArgv: [] });
    try {
      w.postMessage({ dicts: [abuse], maxLineChars: 1000 });
      const bytes = new TextEncoder().encode(
        '{"id":"a","text":"you scumbag"}\nnot json\n{"id":2,"text":"fine"}\n',
      );
      w.postMessage({ seq: 0, first: true, bytes });
      const result = await new Promise<BlockResult>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      assert.equal(result.lines, 3);
      assert.equal(
        Buffer.from(result.out).toString('utf8'),
        '{"id":"a","matched":true,"matches":[{"dictionary":"abuse","category":"abuse","term":"scumbag*","start":4,"end":11}]}\n' +
          '{"id":2,"matched":false,"matches":[]}\n',
      );
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]![0], 2);
      assert.match(result.problems[0]![1], /^not valid JSON/);
    } finally {
      await w.terminate();
    }
  });
});
