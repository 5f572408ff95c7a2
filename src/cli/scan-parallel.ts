/**
 * `parapet scan` on several threads, for the real CLI on a machine with two or more cores. Matching is
 * about half the work and reading, JSON parsing and output the other half, so one thread is capped
 * well below what the machine can do. Here the main thread only cuts stdin into blocks of complete
 * lines (at a newline byte, so no UTF-8 character is split) and writes results; workers scan the
 * blocks with the same scanLine as the one-thread path. Output stays in input order (results are
 * written strictly by block number) and memory stays bounded: at most MAX_IN_FLIGHT blocks are out
 * at once, and reading pauses while stdout pushes back.
 */
import { Worker } from 'node:worker_threads';
import type { Dictionary } from '../rules/index.js';
import { workerBundle } from './scan-bundle.js';

export interface BlockJob {
  seq: number;
  /** True for the block holding line 1 (a byte-order mark is dropped there only). */
  first: boolean;
  bytes: Uint8Array;
}
export interface BlockResult {
  seq: number;
  lines: number;
  /** The block's output lines as UTF-8, encoded by the worker and moved (not copied) to the main thread. */
  out: Uint8Array;
  /** [line number within the block, 1-based; problem]. */
  problems: [number, string][];
}

/** Bytes per block: big enough that messaging costs little, small enough to spread the work evenly. */
const BLOCK_BYTES = 256 * 1024;
const MAX_IN_FLIGHT = 8;

// Without a bundle (see scan-bundle.ts) workers start without the parent's loader hooks, so they
// register tsx before loading the .ts body.
const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((m) => { m.register(); return import(workerData.entry); });`;

/** Workers started early (they load while the main thread reads the dictionaries); see scanParallel. */
export interface ScanWorkers {
  workers: Worker[];
  failure: Error | null;
  onFailure: () => void;
}
export interface WorkerSetup {
  dicts: Dictionary[];
  maxLineChars: number;
}

export function startScanWorkers(threads: number, code: string | null = workerBundle()): ScanWorkers {
  const workerData = {
    tsxApi: import.meta.resolve('tsx/esm/api'),
    entry: new URL('./scan-worker.ts', import.meta.url).href,
  };
  const pool: ScanWorkers = { workers: [], failure: null, onFailure: () => {} };
  for (let i = 0; i < threads; i++) {
    // The plain JavaScript bundle when there is one; else the sources through tsx (slower to start).
    const w = new Worker(code ?? BOOT, { eval: true, workerData, execArgv: [] });
    w.on('error', (err) => {
      pool.failure ??= err;
      pool.onFailure();
    });
    pool.workers.push(w);
  }
  return pool;
}

export async function stopScanWorkers(pool: ScanWorkers): Promise<void> {
  await Promise.all(pool.workers.map((w) => w.terminate()));
}

export async function scanParallel(
  pool: ScanWorkers,
  dicts: Dictionary[],
  maxLineChars: number,
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const { workers } = pool;
  const threads = workers.length;
  const setup: WorkerSetup = { dicts, maxLineChars };
  for (const w of workers) w.postMessage(setup);
  let outputGone = false;
  const results = new Map<number, BlockResult>();
  let sent = 0;
  let written = 0;
  let lineBase = 0;
  let bad = 0;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let draining = false;

  /** Writes every result that is next in order; stops while stdout is full. */
  const pump = () => {
    while (!draining && !outputGone) {
      const r = results.get(written);
      if (r === undefined) break;
      results.delete(written);
      written++;
      if (r.problems.length > 0) {
        let text = '';
        for (const [rel, problem] of r.problems) text += `line ${lineBase + rel}: ${problem}\n`;
        io.stderr.write(text);
        bad += r.problems.length;
      }
      lineBase += r.lines;
      if (r.out.length > 0 && !io.stdout.write(r.out)) {
        draining = true;
        io.stdout.once('drain', () => {
          draining = false;
          pump();
        });
      }
    }
    poke();
  };
  // A closed pipe (`parapet scan ... | head`) ends the run quietly, as on the one-thread path.
  io.stdout.on('error', () => {
    outputGone = true;
    poke();
  });
  for (const w of workers) {
    w.on('message', (r: BlockResult) => {
      results.set(r.seq, r);
      pump();
    });
  }
  pool.onFailure = poke;
  const stopped = () => pool.failure !== null || outputGone;
  /** Waits until another block may be sent (or the run has to stop). */
  const room = async () => {
    while (!stopped() && (sent - written >= MAX_IN_FLIGHT || draining)) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const send = (bytes: Uint8Array) => {
    const job: BlockJob = { seq: sent, first: sent === 0, bytes };
    workers[sent % threads]!.postMessage(job, [bytes.buffer as ArrayBuffer]);
    sent++;
  };
  /** A line already known to be too long: an in-order result of its own, with no output. */
  const sendLong = () => {
    results.set(sent, {
      seq: sent,
      lines: 1,
      out: new Uint8Array(0),
      problems: [[1, `longer than ${maxLineChars} characters, skipped`]],
    });
    sent++;
    pump();
  };

  try {
    // Bytes of a line cannot be fewer than its UTF-16 units / 1 nor more than 3 per unit: past
    // 3 bytes per allowed character, the unfinished line is certainly too long and is dropped.
    const maxLineBytes = 3 * maxLineChars;
    let parts: Buffer[] = [];
    let size = 0;
    let skipping = false;
    let anyNewline = false;
    for await (const raw of io.stdin as AsyncIterable<Buffer>) {
      if (stopped()) break;
      let chunk = raw;
      if (skipping) {
        const nl = chunk.indexOf(10);
        if (nl === -1) continue;
        chunk = chunk.subarray(nl + 1);
        skipping = false;
      }
      parts.push(chunk);
      size += chunk.length;
      // Joined only once there is a block's worth with a line end in it (a long line is not re-copied
      // for every chunk), or once the unfinished line is certainly too long.
      anyNewline ||= chunk.indexOf(10) !== -1;
      if (!(anyNewline && size >= BLOCK_BYTES) && size <= maxLineBytes) continue;
      const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      const nl = all.lastIndexOf(10);
      if (nl !== -1) {
        await room();
        if (stopped()) break;
        send(new Uint8Array(all.subarray(0, nl + 1))); // a copy: its own buffer, moved to the worker
      }
      const rest = Buffer.from(all.subarray(nl + 1));
      anyNewline = false;
      if (rest.length > maxLineBytes) {
        await room();
        sendLong();
        parts = [];
        size = 0;
        skipping = true;
      } else {
        parts = rest.length > 0 ? [rest] : [];
        size = rest.length;
      }
    }
    if (!stopped() && size > 0) {
      await room();
      send(new Uint8Array(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)));
    }
    while (!stopped() && written < sent) await new Promise<void>((resolve) => (wake = resolve));
    if (pool.failure !== null) throw pool.failure;
    if (!outputGone) {
      await new Promise<void>((resolve) => {
        io.stdout.write('', () => resolve());
      });
    }
    return bad > 0 ? 1 : 0;
  } finally {
    await stopScanWorkers(pool);
  }
}
