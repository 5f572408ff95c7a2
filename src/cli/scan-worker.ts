/**
 * Worker side of the parallel `parapet scan` (see scan-parallel.ts): compiles the dictionaries once,
 * then turns each block of complete input lines into its output lines and problems, exactly as the
 * one-thread path does line by line (same scanLine).
 */
import { parentPort } from 'node:worker_threads';
// The matcher module itself, not the rules index: the workers need neither the YAML reader nor
// anything else the index exports (see scan-bundle.ts, which bundles what this file imports).
import { compileDictionaries } from '../rules/matcher.js';
import type { Matcher } from '../rules/types.js';
import { scanLine } from './scan-line.js';
import type { BlockJob, BlockResult, WorkerSetup } from './scan-parallel.js';

const port = parentPort!;
let matcher: Matcher | null = null;
let maxLineChars = 0;

// The first message is the setup (the dictionaries, already checked by the main thread), then blocks.
port.on('message', (msg: WorkerSetup | BlockJob) => {
  if ('dicts' in msg) {
    matcher = compileDictionaries(msg.dicts);
    maxLineChars = msg.maxLineChars;
    return;
  }
  scanBlock(matcher!, msg);
});

function scanBlock(matcher: Matcher, job: BlockJob): void {
  const text = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the block's last newline ends a line, starts none
  const out: string[] = [];
  const problems: [number, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Line numbers are relative to the block; the main thread adds the lines before it.
    const verdict =
      line.length > maxLineChars
        ? `!longer than ${maxLineChars} characters, skipped`
        : scanLine(matcher, line, job.first && i === 0 ? 1 : 2);
    if (verdict.startsWith('!')) problems.push([i + 1, verdict.slice(1)]);
    else if (verdict !== '') out.push(verdict);
  }
  // Encoded here, in parallel, and transferred: the main thread only writes the bytes.
  const bytes = out.length === 0 ? new Uint8Array(0) : Buffer.from(`${out.join('\n')}\n`, 'utf8');
  const result: BlockResult = { seq: job.seq, lines: lines.length, out: bytes, problems };
  // A Buffer may share a pooled ArrayBuffer with others: only a buffer of its own is moved.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  port.postMessage(result, own ? [bytes.buffer as ArrayBuffer] : []);
}
