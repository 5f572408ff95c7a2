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

/** The output line for one input line, '' for a blank line, or '!' + the problem. */
export function scanLine(matcher: Matcher, rawLine: string, lineNo: number): string {
  let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  let id: unknown;
  let text: unknown;
  const fast = readMessage(line);
  if (fast !== null) {
    id = fast.id;
    text = fast.text;
  } else {
    if (isBlank(line)) return '';
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      return `!not valid JSON (${err instanceof Error ? err.message : String(err)})`;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return '!expected a JSON object';
    ({ id, text } = value as { id?: unknown; text?: unknown });
  }
  if (id === undefined) return '!"id" is missing';
  if (typeof id !== 'string' && typeof id !== 'number') return '!"id" must be a string or a number';
  if (typeof text !== 'string') return text === undefined ? '!"text" is missing' : '!"text" must be a string';
  const matches = matcher.match(text);
  const idJson = JSON.stringify(id);
  if (matches.length === 0) return `{"id":${idJson},"matched":false,"matches":[]}`;
  return `{"id":${idJson},"matched":true,"matches":${JSON.stringify(matches)}}`;
}

/** Same test as `line.trim() === ''` (JSON's and ECMAScript's white space), without building a string. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return line.trim() === '';
  }
  return true;
}

/**
 * Fast path for the usual line, an object whose members are strings and plain integers with both
 * "id" and "text" among them: reads them without JSON.parse building the whole object. Returns null
 * for anything else (other value types, escaped keys, duplicate keys, malformed JSON...), and the
 * caller then uses JSON.parse, so results and error messages are exactly JSON.parse's.
 */
export function readMessage(line: string): { id: string | number; text: string } | null {
  const len = line.length;
  // Without backslashes or control characters (the usual line) a string ends at the next quote:
  // one native scan of the line instead of a check of every character in JavaScript.
  const simple = !SPECIAL_CHARS.test(line);
  let i = skipSpace(line, 0);
  if (line.charCodeAt(i) !== 123) return null; // {
  i = skipSpace(line, i + 1);
  let id: string | number | undefined;
  let text: string | undefined;
  for (;;) {
    // Key: a string without escapes.
    if (line.charCodeAt(i) !== 34) return null;
    const keyEnd = simple ? line.indexOf('"', i + 1) : stringEnd(line, i + 1);
    if (keyEnd < 0 || (!simple && escapes(line, i + 1, keyEnd))) return null;
    const keyLen = keyEnd - i - 1;
    const key =
      keyLen === 2 && line.startsWith('id', i + 1)
        ? ID
        : keyLen === 4 && line.startsWith('text', i + 1)
          ? TEXT
          : 0;
    i = skipSpace(line, keyEnd + 1);
    if (line.charCodeAt(i) !== 58) return null; // :
    i = skipSpace(line, i + 1);
    let value: string | number;
    const c = line.charCodeAt(i);
    if (c === 34) {
      const end = simple ? line.indexOf('"', i + 1) : stringEnd(line, i + 1);
      if (end < 0) return null;
      value =
        !simple && escapes(line, i + 1, end)
          ? (JSON.parse(line.slice(i, end + 1)) as string)
          : line.slice(i + 1, end);
      i = end + 1;
    } else {
      const end = integerEnd(line, i);
      if (end < 0) return null;
      value = Number(line.slice(i, end));
      i = end;
    }
    if (key === ID) {
      if (id !== undefined) return null;
      id = value;
    } else if (key === TEXT) {
      if (text !== undefined) return null;
      if (typeof value !== 'string') return null;
      text = value;
    }
    i = skipSpace(line, i);
    const sep = line.charCodeAt(i);
    if (sep === 125) break; // }
    if (sep !== 44) return null; // ,
    i = skipSpace(line, i + 1);
  }
  if (skipSpace(line, i + 1) !== len || id === undefined || text === undefined) return null;
  return { id, text };
}

const ID = 1;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SPECIAL_CHARS = /[\u0000-\u001f\\]/;
const TEXT = 2;

function skipSpace(line: string, from: number): number {
  let i = from;
  for (;;) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i++;
  }
}

/**
 * Index of the closing quote of a JSON string whose content starts at `from`, or -1 when it is not
 * a valid string (unterminated, raw control character, escape JSON.parse would refuse).
 */
function stringEnd(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) return i;
    if (c < 32) return -1;
    if (c === 92) {
      const e = line.charCodeAt(++i);
      if (e === 117) {
        for (let k = 1; k <= 4; k++) if (!isHex(line.charCodeAt(i + k))) return -1;
        i += 4;
      } else if (
        e !== 34 &&
        e !== 92 &&
        e !== 47 &&
        e !== 98 &&
        e !== 102 &&
        e !== 110 &&
        e !== 114 &&
        e !== 116
      ) {
        return -1;
      }
    }
  }
  return -1;
}

function escapes(line: string, from: number, end: number): boolean {
  const b = line.indexOf('\\', from);
  return b !== -1 && b < end;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** End of a JSON integer of at most 15 digits (exactly representable) at `from`, or -1. */
function integerEnd(line: string, from: number): number {
  let i = from;
  if (line.charCodeAt(i) === 45) i++; // -
  const first = i;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  const digits = i - first;
  if (digits === 0 || digits > 15) return -1;
  if (digits > 1 && line.charCodeAt(first) === 48) return -1; // leading zero: invalid JSON
  const c = line.charCodeAt(i);
  if (c === 46 || c === 101 || c === 69) return -1; // fraction or exponent: JSON.parse decides
  return i;
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
