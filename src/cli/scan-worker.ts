/**
 * Worker side of the parallel `parapet scan` (see scan-parallel.ts): compiles the dictionaries once,
 * then turns each block of complete input lines into its output lines and problems, exactly as the
 * one-thread path does line by line (same scanLine).
 */
import { parentPort } from 'node:worker_threads';
import { compileDictionaries, type Matcher } from '../rules/index.js';
import { scanLine } from './scan.js';
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
  const result: BlockResult = {
    seq: job.seq,
    lines: lines.length,
    out: out.length === 0 ? '' : `${out.join('\n')}\n`,
    problems,
  };
  port.postMessage(result);
}
