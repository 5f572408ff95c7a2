import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runDictionaryTests } from './dictionary-tests.js';
import { parseDictionaryYaml } from './dictionary-yaml.js';
import { DictionaryError } from './types.js';

const GOOD = `name: abuse              # unique per organisation
category: abuse
action: hide
severity: high
terms:
  - "scumbag"
  - "fuck*"
  - "i know where you live"
exceptions:
  - "Scunthorpe"
tests:
  must_match: ["you absolute scumbag"]
  must_not_match: ["Scunthorpe United won"]
`;

/** The error thrown for a text, checked to be a DictionaryError. */
function errorOf(text: string): DictionaryError {
  try {
    parseDictionaryYaml(text, 'abuse.yaml');
  } catch (err) {
    assert.ok(err instanceof DictionaryError, `expected DictionaryError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the dictionary to be refused');
}

describe('parseDictionaryYaml', () => {
  void test('reads the PRODUCT.md example', () => {
    const d = parseDictionaryYaml(GOOD, 'abuse.yaml');
    assert.deepEqual(d, {
      name: 'abuse',
      category: 'abuse',
      action: 'hide',
      severity: 'high',
      terms: ['scumbag', 'fuck*', 'i know where you live'],
      exceptions: ['Scunthorpe'],
      patterns: [],
      tests: { mustMatch: ['you absolute scumbag'], mustNotMatch: ['Scunthorpe United won'] },
    });
    assert.deepEqual(runDictionaryTests(d), []);
  });

  void test('bad severity names the file, line and allowed values', () => {
    const err = errorOf(GOOD.replace('severity: high', 'severity: extreme'));
    assert.equal(err.file, 'abuse.yaml');
    assert.equal(err.line, 4);
    assert.equal(
      err.message,
      'abuse.yaml line 4: "severity" must be one of low|medium|high|critical, not "extreme"',
    );
  });

  void test('bad action', () => {
    const err = errorOf(GOOD.replace('action: hide', 'action: nuke'));
    assert.equal(err.line, 3);
    assert.match(err.message, /"action" must be one of hide\|delete\|block\|review\|escalate/);
  });

  void test('invalid YAML syntax reports its line', () => {
    const err = errorOf('name: abuse\ncategory: abuse\nterms: [unclosed\naction: hide\n');
    assert.match(err.message, /^abuse\.yaml line \d+: invalid YAML/);
    assert.ok(err.line !== undefined && err.line >= 3);
  });

  void test('unknown field (typo) is refused with its line', () => {
    const err = errorOf(GOOD.replace('exceptions:', 'exeptions:'));
    assert.equal(err.line, 9);
    assert.match(err.message, /unknown field "exeptions"/);
  });

  void test('missing required field', () => {
    const err = errorOf(GOOD.replace('name: abuse              # unique per organisation\n', ''));
    assert.match(err.message, /"name" is required/);
  });

  void test('a bad term names its own line', () => {
    const err = errorOf(GOOD.replace('  - "fuck*"', '  - "f*ck"'));
    assert.equal(err.line, 7);
    assert.match(err.message, /'\*' is only allowed at the end/);
  });

  void test('terms must be a list of texts', () => {
    assert.match(
      errorOf(GOOD.replace('terms:\n', 'terms: scumbag\nx:\n')).message,
      /"terms" must be a list|unknown field/,
    );
    assert.match(
      errorOf(GOOD.replace('  - "scumbag"', '  - {a: 1}')).message,
      /each entry of "terms" must be a text/,
    );
  });

  void test('a document that is not a mapping', () => {
    assert.match(errorOf('- just\n- a list\n').message, /must be a YAML mapping/);
  });

  void test('tests must be a mapping with known keys', () => {
    assert.match(
      errorOf(GOOD.replace('  must_match:', '  must_matches:')).message,
      /unknown field "tests.must_matches"/,
    );
  });

  void test('patterns: RE2 syntax accepted, backtracking-only syntax refused with the line', () => {
    const base = 'name: pd\ncategory: personal-data\naction: require_approval\nseverity: high\npatterns:\n';
    const ok = parseDictionaryYaml(
      `${base}  - name: email\n    regex: '[a-z]+@[a-z]+\\.com'\n    case_insensitive: true\n`,
      'pd.yaml',
    );
    assert.deepEqual(ok.patterns, [{ name: 'email', regex: '[a-z]+@[a-z]+\\.com', caseInsensitive: true }]);
    const err = errorOf(`${base}  - '\\d+'\n  - '(?=lookahead)x'\n`);
    assert.equal(err.line, 7);
    assert.match(err.message, /not a valid linear-time \(RE2\) regular expression/);
    assert.match(errorOf(`${base}  - 'a*'\n`).message, /matches the empty string/);
  });

  void test('a dictionary with neither terms nor patterns is refused', () => {
    assert.match(
      errorOf('name: x\ncategory: x\naction: hide\nseverity: low\n').message,
      /needs "terms" or "patterns"/,
    );
  });
});

describe('runDictionaryTests', () => {
  void test('reports must_match misses and must_not_match hits', () => {
    const d = parseDictionaryYaml(
      GOOD.replace('["you absolute scumbag"]', '["you absolute scumbag", "you absolute muppet"]').replace(
        '["Scunthorpe United won"]',
        '["Scunthorpe United won", "fucking Scunthorpe"]',
      ),
      'abuse.yaml',
    );
    const failures = runDictionaryTests(d);
    assert.deepEqual(
      failures.map((f) => [f.kind, f.text]),
      [
        ['must_match', 'you absolute muppet'],
        ['must_not_match', 'fucking Scunthorpe'],
      ],
    );
    assert.match(failures[1]!.message, /"fuck\*" at 0-7/);
  });
});
