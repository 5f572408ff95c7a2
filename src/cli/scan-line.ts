/**
 * One input line of `parapet scan` to its output line: the JSONL contract of PRODUCT.md. Shared by the
 * one-thread path (scan.ts) and the worker threads (scan-worker.ts); it imports only the matcher's
 * type, so the workers' bundle (scan-bundle.ts) holds nothing more than they run.
 */
import type { Matcher } from '../rules/types.js';

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
