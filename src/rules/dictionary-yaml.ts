/**
 * Dictionary YAML -> Dictionary, with errors that name the file and line: an admin editing a
 * dictionary must be able to fix it from the message alone.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { compilePattern } from './patterns.js';
import { parseTerm } from './term.js';
import { ACTIONS, type Dictionary, DictionaryError, type PatternRule, SEVERITIES } from './types.js';

const KEYS = [
  'name',
  'category',
  'action',
  'severity',
  'description',
  'terms',
  'exceptions',
  'patterns',
  'tests',
];

export function parseDictionaryYaml(text: string, fileName = 'dictionary'): Dictionary {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const fail = (node: Node | null | undefined, problem: string): never => {
    const offset = node?.range?.[0];
    throw new DictionaryError(
      fileName,
      offset === undefined ? undefined : lines.linePos(offset).line,
      problem,
    );
  };
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const line = lines.linePos(firstError.pos[0]).line;
    throw new DictionaryError(fileName, line, `invalid YAML: ${firstError.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root))
    return fail(root, 'a dictionary must be a YAML mapping with name, category, action, severity, terms');

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KEYS.includes(key))
      fail(pair.key as Node, `unknown field "${key}" (expected one of ${KEYS.join(', ')})`);
  }
  const str = (map: YAMLMap, key: string, required: boolean): string | undefined => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) {
      return required ? fail(map, `"${key}" is required`) : undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      return fail(node, `"${key}" must be a non-empty string`);
    }
    return node.value.trim();
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T => {
    const value = str(root, key, true)!;
    if (!(allowed as readonly string[]).includes(value)) {
      fail(root.get(key, true) as Node, `"${key}" must be one of ${allowed.join('|')}, not "${value}"`);
    }
    return value as T;
  };
  const list = (map: YAMLMap, key: string): { node: Node; value: string }[] => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) return fail(node, `"${key}" must be a list`);
    return node.items.map((item) => {
      const n = item as Node;
      if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number')) {
        return fail(n, `each entry of "${key}" must be a text`);
      }
      const value = String(n.value);
      if (value.trim() === '') fail(n, `"${key}" has an empty entry`);
      return { node: n, value };
    });
  };

  const name = str(root, 'name', true)!;
  const category = str(root, 'category', true)!;
  const action = oneOf('action', ACTIONS);
  const severity = oneOf('severity', SEVERITIES);
  const description = str(root, 'description', false);
  const checkTerms = (key: string) =>
    list(root, key).map(({ node, value }) => {
      const parsed = parseTerm(value);
      if (typeof parsed === 'string') fail(node, `${key}: ${parsed}`);
      return value.trim();
    });
  const terms = checkTerms('terms');
  const exceptions = checkTerms('exceptions');
  const patterns = parsePatterns(root, fail);
  if (terms.length === 0 && patterns.length === 0) fail(root, 'a dictionary needs "terms" or "patterns"');
  const tests = parseTests(root, list, fail);
  const dict: Dictionary = { name, category, action, severity, terms, exceptions, patterns, tests };
  if (description !== undefined) dict.description = description;
  return dict;
}

type Fail = (node: Node | null | undefined, problem: string) => never;

function parsePatterns(root: YAMLMap, fail: Fail): PatternRule[] {
  const node = root.get('patterns', true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return fail(node, '"patterns" must be a list');
  return node.items.map((item) => {
    const n = item as Node;
    let rule: PatternRule;
    if (isScalar(n) && typeof n.value === 'string') {
      rule = { name: n.value, regex: n.value, caseInsensitive: false };
    } else if (isMap(n)) {
      const regex = n.get('regex');
      const name = n.get('name') ?? regex;
      const ci = n.get('case_insensitive') ?? false;
      if (typeof regex !== 'string' || regex === '') return fail(n, 'a pattern needs a "regex" text');
      if (typeof name !== 'string') return fail(n, 'a pattern "name" must be a text');
      if (typeof ci !== 'boolean') return fail(n, '"case_insensitive" must be true or false');
      rule = { name, regex, caseInsensitive: ci };
    } else {
      return fail(n, 'each pattern must be a regex text or {name, regex, case_insensitive}');
    }
    const compiled = compilePattern(rule, 0);
    if (typeof compiled === 'string') fail(n, compiled);
    return rule;
  });
}

function parseTests(
  root: YAMLMap,
  list: (map: YAMLMap, key: string) => { value: string }[],
  fail: Fail,
): Dictionary['tests'] {
  const node = root.get('tests', true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null))
    return { mustMatch: [], mustNotMatch: [] };
  if (!isMap(node)) return fail(node, '"tests" must be a mapping with must_match and must_not_match');
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'must_match' && key !== 'must_not_match') {
      fail(pair.key as Node, `unknown field "tests.${key}" (expected must_match, must_not_match)`);
    }
  }
  return {
    mustMatch: list(node, 'must_match').map((t) => t.value),
    mustNotMatch: list(node, 'must_not_match').map((t) => t.value),
  };
}
