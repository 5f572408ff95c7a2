/**
 * `parapet scan --dict FILE [--dict FILE ...]`: JSONL messages on stdin, one JSONL verdict per message
 * on stdout, in order. Streams with constant memory (one line at a time, output batched and paused
 * while stdout is full), so it can sit in a shell pipeline over any amount of data.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import {
  compileDictionaries,
  type Dictionary,
  DictionaryError,
  type Matcher,
  parseDictionaryYaml,
} from '../rules/index.js';
import { scanLine } from './scan-line.js';

export { readMessage, scanLine } from './scan-line.js';

export interface ScanIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const SCAN_USAGE = `Usage: parapet scan --dict FILE [--dict FILE ...]

Reads JSON Lines from stdin, one message per line: {"id": "...", "text": "..."}
Writes one JSON line per message to stdout, in the same order:
  {"id": "...", "matched": true, "matches": [{"dictionary", "category", "term", "start", "end"}]}
start/end are UTF-16 offsets into the original text (JavaScript string indices).

A malformed line (not JSON, not an object, "id" not a string or number, "text" not a string,
longer than 16 MiB) produces no output line: it is reported on stderr as "line N: <problem>",
scanning goes on, and the exit status is 1. Blank lines are skipped silently.

Options:
  --dict FILE   dictionary YAML file (repeatable, at least one)
  -h, --help    show this help

Exit status: 0 all lines scanned, 1 some lines malformed, 2 bad usage or dictionary file.
`;

/** Longest accepted line; past it the line is skipped so memory stays bounded. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** Output is written in batches of about this many characters. */
const BATCH_CHARS = 64 * 1024;

export async function runScan(args: string[], io: ScanIo): Promise<number> {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      io.stdout.write(SCAN_USAGE);
      return 0;
    }
    if (arg === '--dict' && i + 1 < args.length) files.push(args[++i]!);
    else if (arg.startsWith('--dict=') && arg.length > 7) files.push(arg.slice(7));
    else return usageError(io, arg === '--dict' ? '--dict needs a file name' : `unknown argument "${arg}"`);
  }
  if (files.length === 0) return usageError(io, 'at least one --dict FILE is required');
  const threads = scanThreads(io);
  if (threads === 0) {
    const loaded = await loadMatcher(files, io);
    return loaded === null ? 2 : scanStream(loaded.matcher, io);
  }
  // Workers load their code while this thread reads and checks the dictionaries.
  const parallel = await import('./scan-parallel.js');
  const pool = parallel.startScanWorkers(threads);
  try {
    const loaded = await loadMatcher(files, io);
    if (loaded === null) return 2;
    return await parallel.scanParallel(pool, loaded.dicts, MAX_LINE_CHARS, io);
  } finally {
    await parallel.stopScanWorkers(pool);
  }
}

/**
 * Worker threads for the process's own stdin/stdout on a multi-core machine (0 = scan on this
 * thread, as for in-process callers). PARAPET_SCAN_THREADS overrides the count; 0 forces one thread.
 */
function scanThreads(io: ScanIo): number {
  if (io.stdin !== process.stdin || io.stdout !== process.stdout) return 0;
  const wanted = process.env.PARAPET_SCAN_THREADS;
  if (wanted !== undefined && /^\d+$/.test(wanted)) return Math.min(Number(wanted), 16);
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, 4) : 0;
}

function usageError(io: ScanIo, problem: string): number {
  io.stderr.write(`parapet scan: ${problem}\n\n${SCAN_USAGE}`);
  return 2;
}

async function loadMatcher(
  files: string[],
  io: ScanIo,
): Promise<{ matcher: Matcher; dicts: Dictionary[] } | null> {
  const dicts: Dictionary[] = [];
  const owner = new Map<string, string>();
  try {
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new DictionaryError(
          file,
          undefined,
          code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`,
        );
      }
      const dict = parseDictionaryYaml(text, file);
      const other = owner.get(dict.name);
      if (other !== undefined)
        throw new DictionaryError(file, undefined, `dictionary name "${dict.name}" is also used by ${other}`);
      owner.set(dict.name, file);
      dicts.push(dict);
    }
    return { matcher: compileDictionaries(dicts), dicts };
  } catch (err) {
    if (!(err instanceof DictionaryError)) throw err;
    io.stderr.write(`parapet scan: ${err.message}\n`);
    return null;
  }
}

async function scanStream(matcher: Matcher, io: ScanIo): Promise<number> {
  const out = new BatchWriter(io.stdout);
  let lineNo = 0;
  let bad = 0;
  let pending = '';
  let skipping = false; // inside an over-long line: discard up to its newline
  const report = (problem: string) => {
    bad++;
    io.stderr.write(`line ${lineNo}: ${problem}\n`);
  };
  const handle = (line: string) => {
    lineNo++;
    const verdict = scanLine(matcher, line, lineNo);
    if (verdict.startsWith('!')) report(verdict.slice(1));
    else if (verdict !== '') out.push(verdict);
  };
  (io.stdin as NodeJS.ReadableStream & { setEncoding(e: string): void }).setEncoding('utf8');
  for await (const chunk of io.stdin as AsyncIterable<string>) {
    let data = chunk;
    let start = 0;
    if (skipping) {
      const nl = data.indexOf('\n');
      if (nl === -1) continue;
      start = nl + 1;
      skipping = false;
    }
    if (pending !== '') {
      data = pending + data.slice(start);
      start = 0;
      pending = '';
    }
    let nl = data.indexOf('\n', start);
    while (nl !== -1) {
      handle(data.slice(start, nl));
      start = nl + 1;
      nl = data.indexOf('\n', start);
    }
    pending = data.slice(start);
    if (pending.length > MAX_LINE_CHARS) {
      lineNo++;
      report(`longer than ${MAX_LINE_CHARS} characters, skipped`);
      pending = '';
      skipping = true;
    }
    if (out.size >= BATCH_CHARS && !(await out.flush())) return bad > 0 ? 1 : 0;
  }
  if (pending !== '') handle(pending);
  await out.end();
  return bad > 0 ? 1 : 0;
}

/** Joins output lines into large writes and waits for 'drain' when stdout pushes back. */
class BatchWriter {
  private lines: string[] = [];
  size = 0;
  private failed = false;
  private readonly stream: NodeJS.WritableStream;

  constructor(stream: NodeJS.WritableStream) {
    this.stream = stream;
    // A closed pipe (`parapet scan ... | head`) ends the run quietly instead of crashing it.
    stream.on('error', () => {
      this.failed = true;
    });
  }

  push(line: string): void {
    this.lines.push(line);
    this.size += line.length + 1;
  }

  /** False when stdout is gone and scanning should stop. */
  async flush(): Promise<boolean> {
    if (this.failed) return false;
    if (this.lines.length === 0) return true;
    const chunk = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await this.waitDrain();
    return !this.failed;
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.failed) return;
    // Resolve once everything handed to the stream has been taken by it.
    await new Promise<void>((resolve) => {
      this.stream.write('', () => resolve());
    });
  }

  private waitDrain(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }
}

// Runnable on its own until bin/parapet wires it in: node --import tsx src/cli/scan.ts --dict FILE
if (
  isMainThread &&
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  process.exitCode = await runScan(process.argv.slice(2), process);
}
