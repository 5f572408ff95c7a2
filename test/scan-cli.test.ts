import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { readMessage, runScan, scanLine } from '../src/cli/scan.js';
import { compileDictionaries, parseDictionaryYaml, runDictionaryTests } from '../src/rules/index.js';

const ROOT = new URL('..', import.meta.url).pathname;
const DICTS = join(ROOT, 'dictionaries');
// bin/parapet once it routes `scan`; until then the command module runs on its own.
const COMMAND = existsSync(join(ROOT, 'bin/parapet'))
  ? [join(ROOT, 'bin/parapet'), 'scan']
  : ['--import', 'tsx', join(ROOT, 'src/cli/scan.ts')];

function runCli(
  args: string[],
  input: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'parapet-scan-'));
function dictFile(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('parapet scan (spawned)', () => {
  void test('one output line per input line, in order, offsets into the original text', async () => {
    const input = [
      { id: 'a', text: 'you absolute scumbag' },
      { id: 'b', text: 'Scunthorpe United won' },
      { id: 'c', text: '😀 I know where you live, f.u.c.k.i.n.g scumbag' },
      { id: 7, text: 'ring 07700 900123' },
    ];
    const { code, stdout, stderr } = await runCli(
      [
        '--dict',
        join(DICTS, 'abuse.yaml'),
        '--dict',
        join(DICTS, 'threats.yaml'),
        `--dict=${join(DICTS, 'personal-data.yaml')}`,
      ],
      `${input.map((x) => JSON.stringify(x)).join('\n')}\n`,
    );
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: unknown;
            matched: boolean;
            matches: { dictionary: string; term: string; start: number; end: number }[];
          },
      );
    assert.deepEqual(
      lines.map((l) => [l.id, l.matched]),
      [
        ['a', true],
        ['b', false],
        ['c', true],
        [7, true],
      ],
    );
    assert.deepEqual(lines[1]!.matches, []);
    const c = input[2]!.text;
    assert.deepEqual(
      lines[2]!.matches.map((x) => [x.dictionary, x.term, c.slice(x.start, x.end)]),
      [
        ['threats', 'i know where you live', 'I know where you live'],
        ['threats', 'know where you live', 'know where you live'],
        ['abuse', 'fuck*', 'f.u.c.k.i.n.g'],
        ['abuse', 'scumbag*', 'scumbag'],
      ],
    );
    assert.deepEqual(Object.keys(lines[0]!.matches[0]!), ['dictionary', 'category', 'term', 'start', 'end']);
    assert.equal(lines[3]!.matches[0]!.term, 'uk-mobile');
  });

  void test('malformed lines: stderr names each line, other lines still scanned, exit 1', async () => {
    const input = [
      '{"id":"1","text":"scumbag"}',
      'not json',
      '',
      '{"id":"3","text":42}',
      '[1,2]',
      '{"text":"no id"}',
      '{"id":"6","text":"fine"}\r',
    ].join('\n');
    const { code, stdout, stderr } = await runCli(['--dict', join(DICTS, 'abuse.yaml')], input);
    assert.equal(code, 1);
    assert.deepEqual(
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
      ['1', '6'],
    );
    const problems = stderr.trimEnd().split('\n');
    assert.equal(problems.length, 4);
    assert.match(problems[0]!, /^line 2: not valid JSON/);
    assert.equal(problems[1], 'line 4: "text" must be a string');
    assert.equal(problems[2], 'line 5: expected a JSON object');
    assert.equal(problems[3], 'line 6: "id" is missing');
  });

  // On a multi-core machine the CLI scans blocks of lines in worker threads (scan-parallel.ts);
  // PARAPET_SCAN_THREADS=0 forces the one-thread path. Both must give exactly the same result.
  void test('worker threads: same bytes, problems and status as one thread, over many blocks', async () => {
    const lines: string[] = [];
    const expectedProblems: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const n = i + 1;
      if (i % 4_999 === 17) {
        lines.push(`{"id":"${i}","text":`); // truncated JSON
        expectedProblems.push(`line ${n}: not valid JSON`);
      } else if (i % 7_001 === 3) {
        lines.push(`{"id":${i}}`);
        expectedProblems.push(`line ${n}: "text" is missing`);
      } else if (i % 1_000 === 999) lines.push(i % 2 === 0 ? '' : '   ');
      else {
        const text = [
          'you scumbag 😀',
          'Scunthorpe café',
          'f.u.c.k off',
          'ｓｃｕｍｂａｇ ok',
          'hello\nthere',
        ][i % 5];
        lines.push(`${JSON.stringify({ id: `m${i}`, text })}${i % 3 === 0 ? '\r' : ''}`);
      }
    }
    const input = `\ufeff${lines.join('\n')}`; // BOM on line 1, no newline after the last line
    assert.ok(input.length > 4 * 256 * 1024, 'input spans several blocks');
    const args = ['--dict', join(DICTS, 'abuse.yaml')];
    const one = await runCli(args, input, { PARAPET_SCAN_THREADS: '0' });
    assert.equal(one.code, 1);
    assert.deepEqual(
      one.stderr
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^(line \d+: not valid JSON).*/, '$1')),
      expectedProblems,
    );
    const outLines = one.stdout.trimEnd().split('\n');
    assert.equal(outLines.length, 30_000 - expectedProblems.length - 30);
    assert.equal((JSON.parse(outLines[0]!) as { id: string }).id, 'm0');
    for (const threads of ['2', '3']) {
      const many = await runCli(args, input, { PARAPET_SCAN_THREADS: threads });
      assert.equal(many.code, one.code);
      assert.equal(many.stderr, one.stderr);
      assert.ok(many.stdout === one.stdout, `output with ${threads} threads differs from one thread`);
    }
  });

  void test('a line longer than the limit is reported and skipped, on one thread and several', async () => {
    // 200,000 over the limit: some 64 KiB chunk ends past it, so the one-thread path reports it too.
    const long = `{"id":"x","text":"${'a'.repeat(16 * 1024 * 1024 + 200_000)}"}`;
    const input = `{"id":"1","text":"scumbag"}\n${long}\n{"id":"3","text":"scumbag"}\n`;
    for (const threads of ['0', '2']) {
      const { code, stdout, stderr } = await runCli(['--dict', join(DICTS, 'abuse.yaml')], input, {
        PARAPET_SCAN_THREADS: threads,
      });
      assert.equal(code, 1, `threads ${threads}`);
      assert.equal(stderr, 'line 2: longer than 16777216 characters, skipped\n', `threads ${threads}`);
      assert.deepEqual(
        stdout
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { id: string }).id),
        ['1', '3'],
      );
    }
  });

  void test('bad dictionary: file, line and problem, exit 2, no stack trace', async () => {
    const file = dictFile(
      'bad.yaml',
      'name: x\ncategory: abuse\naction: hide\nseverity: extreme\nterms: [a]\n',
    );
    const { code, stdout, stderr } = await runCli(['--dict', file], '{"id":"1","text":"a"}\n');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `parapet scan: ${file} line 4: "severity" must be one of low|medium|high|critical, not "extreme"\n`,
    );
  });

  void test('unsafe regex in a dictionary is refused', async () => {
    const file = dictFile(
      'regex.yaml',
      'name: x\ncategory: pd\naction: review\nseverity: low\npatterns:\n  - "(a)\\\\1"\n',
    );
    const { code, stderr } = await runCli(['--dict', file], '');
    assert.equal(code, 2);
    assert.match(stderr, /regex\.yaml line 6: pattern .* not a valid linear-time/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  void test('missing dictionary file, missing --dict, unknown option: exit 2', async () => {
    const missing = await runCli(['--dict', join(tmp, 'nope.yaml')], '');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: no such file/);
    const none = await runCli([], '');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /at least one --dict FILE is required/);
    const unknown = await runCli(['--dict', join(DICTS, 'abuse.yaml'), '--fast'], '');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown argument "--fast"/);
  });

  void test('--help prints usage and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'], '');
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: parapet scan --dict FILE/);
    assert.match(stdout, /produces no output line/);
  });
});

describe('runScan (in process)', () => {
  void test('respects stdout backpressure and keeps order over many lines', async () => {
    const stdin = new PassThrough();
    const received: string[] = [];
    let writes = 0;
    let maxBuffered = 0;
    // A slow consumer with a tiny buffer: the scanner must wait for 'drain' rather than pile up output.
    const stdout: Writable = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        writes++;
        maxBuffered = Math.max(maxBuffered, stdout.writableLength);
        received.push(chunk.toString());
        setImmediate(done);
      },
    });
    const stderr = new PassThrough();
    const running = runScan(['--dict', join(DICTS, 'abuse.yaml')], { stdin, stdout, stderr });
    const n = 30_000;
    for (let i = 0; i < n; i++) {
      const line = `${JSON.stringify({ id: String(i), text: i % 3 === 0 ? `you scumbag ${i % 7}` : `hello there ${i % 7}` })}\n`;
      if (!stdin.write(line)) await new Promise((r) => stdin.once('drain', r));
    }
    stdin.end();
    assert.equal(await running, 0);
    const lines = received.join('').trimEnd().split('\n');
    assert.equal(lines.length, n);
    lines.forEach((l, i) => {
      const v = JSON.parse(l) as { id: string; matched: boolean };
      assert.equal(v.id, String(i));
      assert.equal(v.matched, i % 3 === 0);
    });
    assert.ok(writes > 1, 'output is written in batches, not all at once');
    // About 1 MB of output in total; waiting for 'drain' keeps at most about one batch queued.
    assert.ok(maxBuffered < 200_000, `queued ${maxBuffered} bytes in stdout`);
  });

  void test('a line split across chunks and a last line without newline', async () => {
    const stdin = new PassThrough();
    let out = '';
    const stdout = new Writable({
      write(c: Buffer, _e, done) {
        out += c.toString();
        done();
      },
    });
    const running = runScan(['--dict', join(DICTS, 'abuse.yaml')], {
      stdin,
      stdout,
      stderr: new PassThrough(),
    });
    stdin.write('{"id":"x","text":"scum');
    stdin.write('bag 😀"}\n{"id":"y","te');
    // A multi-byte character split between chunks must not be corrupted.
    const tail = Buffer.from('xt":"ok 😀"}');
    stdin.write(tail.subarray(0, tail.length - 3));
    stdin.end(tail.subarray(tail.length - 3));
    assert.equal(await running, 0);
    assert.deepEqual(
      out
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { matched: boolean }).matched),
      [true, false],
    );
    assert.match(out, /ok 😀|"y"/);
  });
});

describe('scanLine fast path', () => {
  const abuse = parseDictionaryYaml(readFileSync(join(DICTS, 'abuse.yaml'), 'utf8'), 'abuse.yaml');
  const matcher = compileDictionaries([abuse]);
  /** The contract computed the plain way: JSON.parse, then JSON.stringify of the verdict. */
  function reference(line: string): string {
    if (line.trim() === '') return '';
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      return `!not valid JSON (${(err as Error).message})`;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return '!expected a JSON object';
    const { id, text } = value as { id?: unknown; text?: unknown };
    if (id === undefined) return '!"id" is missing';
    if (typeof id !== 'string' && typeof id !== 'number') return '!"id" must be a string or a number';
    if (typeof text !== 'string')
      return text === undefined ? '!"text" is missing' : '!"text" must be a string';
    const matches = matcher.match(text);
    return JSON.stringify({ id, matched: matches.length > 0, matches });
  }
  // String.raw: the backslashes are JSON escapes, as they would be in the input file.
  const lines = [
    String.raw`{"id":"a","text":"you absolute scumbag"}`,
    String.raw`{"id":7,"text":"fine"}`,
    String.raw`{"text":"scumbag first","id":"x"}`,
    String.raw` { "id" : "sp" , "text" : "spaces\tand scumbag" } `,
    String.raw`{"id":"q\"uote\\","text":"esc \"scumbag\" \u0073cumbag \/ \n"}`,
    String.raw`{"id":"\ud800lone","text":"\ud83d\ude00 scumbag \udc00"}`,
    String.raw`{"id":"é😀","text":"ｓｃｕｍｂａｇ"}`,
    String.raw`{"id":"extra","lang":"en","n":12,"text":"scumbag"}`,
    String.raw`{"id":1.0,"text":"a"}`,
    String.raw`{"id":1e3,"text":"a"}`,
    String.raw`{"id":-0,"text":"a"}`,
    String.raw`{"id":-12,"text":"a"}`,
    String.raw`{"id":123456789012345678901,"text":"a"}`,
    String.raw`{"id":1e400,"text":"a"}`,
    String.raw`{"id":0123,"text":"a"}`,
    String.raw`{"id":-,"text":"a"}`,
    String.raw`{"id":"a","text":"b","id":"c"}`,
    String.raw`{"id":"a","text":"first","text":"scumbag"}`,
    String.raw`{"\u0069d":"esc key","text":"scumbag"}`,
    String.raw`{"id":"n","text":"x","meta":{"nested":[1,2]}}`,
    String.raw`{"id":"t","text":"x","flag":true}`,
    String.raw`{"id":true,"text":"x"}`,
    String.raw`{"id":null,"text":"x"}`,
    String.raw`{"id":"x","text":5}`,
    String.raw`{"id":"x"}`,
    String.raw`{"text":"x"}`,
    '{}',
    '[]',
    '"str"',
    String.raw`{"id":"x","text":"ctrl\u0001 ok"}`,
    `{"id":"x","text":"raw${String.fromCharCode(1)}control"}`,
    // Raw tabs: white space between tokens is valid JSON, inside a string it is not.
    '{"id":"tab",\t"text":\t"scumbag"}',
    '{"id":"tab","text":"a\tscumbag"}',
    String.raw`{"id":"bs","text":"back\slash scumbag"}`,
    String.raw`{"id":"x","text":"bad \x escape"}`,
    String.raw`{"id":"x","text":"bad \u12 escape"}`,
    String.raw`{"id":"x","text":"unterminated}`,
    String.raw`{"id":"x","text":"a"} trailing`,
    String.raw`{"id":"x","text":"a"}}`,
    String.raw`{"id":"x","text":"a",}`,
    String.raw`{"id":"x" "text":"a"}`,
    String.raw`{"id":"x","text":"a"`,
    '   ',
    '',
  ];
  void test('byte-identical to JSON.parse + JSON.stringify on valid lines, same problems on malformed ones', () => {
    for (const line of lines) assert.equal(scanLine(matcher, line, 2), reference(line), line);
  });
  void test('the fast path takes the usual lines and leaves unusual ones to JSON.parse', () => {
    assert.deepEqual(readMessage('{"id":"a","text":"b"}'), { id: 'a', text: 'b' });
    assert.deepEqual(readMessage(String.raw` {"text":"b\"", "id":-3} `), { id: -3, text: 'b"' });
    for (const line of [
      '{"id":1.5,"text":"b"}',
      '{"id":"a","text":"b","id":"c"}',
      '{"id":"a","text":"b","x":null}',
      '{"id":"a"}',
      '{"id":"a","text":"b"} x',
    ]) {
      assert.equal(readMessage(line), null, line);
    }
  });
  void test('a byte order mark on the first line and a CRLF line ending', () => {
    assert.equal(
      scanLine(matcher, '\ufeff{"id":"a","text":"scumbag"}\r', 1),
      reference('{"id":"a","text":"scumbag"}'),
    );
  });
});

describe('starter dictionaries', () => {
  for (const file of readdirSync(DICTS).filter((f) => f.endsWith('.yaml'))) {
    void test(`${file} parses and passes its own tests`, () => {
      const d = parseDictionaryYaml(readFileSync(join(DICTS, file), 'utf8'), file);
      assert.ok(d.tests.mustMatch.length > 0 && d.tests.mustNotMatch.length > 0, 'has tests');
      assert.deepEqual(
        runDictionaryTests(d).map((f) => f.message),
        [],
      );
    });
  }
});
