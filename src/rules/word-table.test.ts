import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { insertPath, newNode, PhraseAutomaton } from './phrase-trie.js';
import { matcherFor, spans } from './test-helpers.js';
import { WordFilter } from './word-filter.js';
import { hashWord, WordTable } from './word-table.js';

describe('WordTable', () => {
  test('set, get and replace; absent words are -1', () => {
    const t = new WordTable();
    t.set('scumbag', 3);
    t.set('you', 0);
    assert.equal(t.get('scumbag'), 3);
    assert.equal(t.get('you'), 0);
    assert.equal(t.get('yo'), -1);
    assert.equal(t.get('your'), -1);
    assert.equal(t.get(''), -1);
    t.set('you', 9);
    assert.equal(t.get('you'), 9);
    assert.equal(t.size, 2);
  });

  test('words with the same hash are told apart by their characters', () => {
    // "Aa" and "BB" collide under h * 31 + c (65 * 31 + 97 === 66 * 31 + 66).
    assert.equal(hashWord('Aa'), hashWord('BB'));
    assert.equal(hashWord('AaAa'), hashWord('BBBB'));
    const t = new WordTable();
    t.set('Aa', 1);
    t.set('BB', 2);
    t.set('AaBB', 3);
    t.set('BBAa', 4);
    assert.equal(t.get('Aa'), 1);
    assert.equal(t.get('BB'), 2);
    assert.equal(t.get('AaBB'), 3);
    assert.equal(t.get('BBAa'), 4);
    assert.equal(t.get('AaAa'), -1, 'same hash as AaBB, different characters');
  });

  test('grows past its initial capacity and keeps every word', () => {
    const t = new WordTable(4);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    for (const [i, w] of words.entries()) t.set(w, i);
    assert.equal(t.size, words.length);
    for (const [i, w] of words.entries()) assert.equal(t.get(w), i, w);
    assert.equal(t.get('w0'), -1);
  });

  test('non-ASCII words are stored by UTF-16 code unit', () => {
    const t = new WordTable();
    t.set('пизда', 1);
    t.set('straße', 2);
    t.set('𝐬𝐜𝐮𝐦', 3);
    assert.equal(t.get('пизда'), 1);
    assert.equal(t.get('straße'), 2);
    assert.equal(t.get('𝐬𝐜𝐮𝐦'), 3);
    assert.equal(t.get('strasse'), -1);
  });

  test('getLetters reads a word in place, any case, by its lower-case hash', () => {
    const t = new WordTable();
    t.set('scumbag', 7);
    const text = 'you SCUMbag!';
    assert.equal(t.getLetters(text, 4, 11, hashWord('scumbag')), 7);
    assert.equal(t.getLetters(text, 4, 10, hashWord('scumba')), -1);
    assert.equal(t.getLetters(text, 0, 3, hashWord('you')), -1);
  });

  test('setLetters stores a word read in place, lower-cased, as set() would', () => {
    const t = new WordTable();
    const text = 'hi @KaLoMi!';
    t.setLetters(text, 4, 10, hashWord('kalomi'), 5);
    assert.equal(t.get('kalomi'), 5);
    assert.equal(t.get('KaLoMi'), -1, 'stored lower-cased');
    assert.equal(t.getLetters('KALOMI', 0, 6, hashWord('kalomi')), 5);
    t.setLetters('KALOMI', 0, 6, hashWord('kalomi'), 6);
    assert.equal(t.size, 1, 'the same word replaces its value');
    assert.equal(t.get('kalomi'), 6);
  });

  test('refuses values it cannot store', () => {
    const t = new WordTable();
    assert.throws(() => t.set('a', -1), RangeError);
    assert.throws(() => t.set('a', 1.5), RangeError);
  });
});

describe('PhraseAutomaton', () => {
  const ref = (term: string) => ({ dict: 0, term, exception: false });

  test('follows root and deeper transitions, reports terms and whether a state continues', () => {
    const root = newNode();
    insertPath(root, [0, 1, 2], ref('i know where'));
    insertPath(root, [0, 3], ref('i will'));
    insertPath(root, [4], ref('scumbag'));
    const a = new PhraseAutomaton(root, 5);
    const i = a.next(0, 0);
    assert.notEqual(i, -1);
    assert.equal(a.continues(i), true);
    assert.deepEqual(a.refsOf(i), []);
    const know = a.next(i, 1);
    const where = a.next(know, 2);
    assert.deepEqual(
      a.refsOf(where).map((r) => r.term),
      ['i know where'],
    );
    assert.equal(a.continues(where), false);
    assert.deepEqual(
      a.refsOf(a.next(i, 3)).map((r) => r.term),
      ['i will'],
    );
    assert.deepEqual(
      a.refsOf(a.next(0, 4)).map((r) => r.term),
      ['scumbag'],
    );
    assert.equal(a.next(0, 1), -1, '"know" starts no term');
    assert.equal(a.next(i, 4), -1, '"i scumbag" is no phrase');
    assert.equal(a.next(0, 99), -1, 'ids past the vocabulary');
  });

  test('many phrases sharing words (long child lists: binary search) all resolve', () => {
    const root = newNode();
    for (let x = 0; x < 60; x++) for (let y = 0; y < 60; y++) insertPath(root, [x, y], ref(`${x} ${y}`));
    const a = new PhraseAutomaton(root, 60);
    for (let x = 0; x < 60; x++) {
      const s = a.next(0, x);
      for (let y = 0; y < 60; y++) assert.equal(a.refsOf(a.next(s, y))[0]?.term, `${x} ${y}`);
      assert.equal(a.next(s, 60), -1);
    }
  });
});

describe('scanner fast paths agree with the general path', () => {
  const m = matcherFor(['scumbag', 'arse*', 'nob', 'i know where you live', 'you will die']);

  test('@handles: leet "@" for "a", the name after "@", and names that match nothing', () => {
    assert.deepEqual(spans(m, 'hi @rsehole'), ['@rsehole']);
    assert.deepEqual(spans(m, 'hi @scumbag'), ['scumbag']);
    assert.deepEqual(spans(m, 'hi @nob'), ['nob']);
    assert.deepEqual(spans(m, 'hi @kalomi and @nobody'), []);
  });

  test('words that only continue a phrase are skipped outside one but still complete it', () => {
    assert.deepEqual(spans(m, 'live where you know'), []);
    assert.deepEqual(spans(m, 'I know where you live'), ['I know where you live']);
    assert.deepEqual(spans(m, 'you will die'), ['you will die']);
    assert.deepEqual(spans(m, 'you will not die'), []);
  });

  test('text that turns non-ASCII part way keeps offsets into the original', () => {
    const text = 'you will die 😡 you ѕсumbаg';
    assert.deepEqual(spans(m, text), ['you will die', 'ѕсumbаg']);
    assert.deepEqual(spans(m, 'scumbag😡'), ['scumbag']);
    assert.deepEqual(spans(m, 'ѕсumbаg scumbag'), ['ѕсumbаg', 'scumbag']);
  });

  test('emoji passed over as separators, then folding later on: offsets and spelled letters hold', () => {
    // Two-unit emoji fold to one space: what follows the switch to folded text must not shift.
    assert.deepEqual(spans(m, '😡😡 you will die 😀 ѕсumbаg'), ['you will die', 'ѕсumbаg']);
    assert.deepEqual(spans(m, '😡 n 😀 o b ѕсumbаg'), ['n 😀 o b', 'ѕсumbаg']);
    assert.deepEqual(spans(m, 'n 😀😀 o b'), [], 'too far apart to be one spelled word');
    assert.deepEqual(spans(m, 'scumbag—nob…ѕсumbаg'), ['scumbag', 'nob', 'ѕсumbаg']);
  });
});

describe('PhraseAutomaton child lists', () => {
  test('absent ids between, before and after present ones (linear and binary search)', () => {
    const root = newNode();
    const evens = Array.from({ length: 40 }, (_, k) => 2 * k + 2);
    for (const y of evens) insertPath(root, [0, y], { dict: 0, term: `0 ${y}`, exception: false });
    insertPath(root, [1, 5], { dict: 0, term: '1 5', exception: false });
    const a = new PhraseAutomaton(root, 100);
    const zero = a.next(0, 0);
    for (const y of evens) assert.equal(a.refsOf(a.next(zero, y))[0]?.term, `0 ${y}`);
    for (const y of [0, 1, 3, 41, 79, 81, 99]) assert.equal(a.next(zero, y), -1, `id ${y}`);
    const one = a.next(0, 1);
    assert.equal(a.next(one, 4), -1);
    assert.notEqual(a.next(one, 5), -1);
    assert.equal(a.next(one, 6), -1);
  });
});

describe('WordFilter sized to its vocabulary', () => {
  test('no false negatives as its bit sets grow', () => {
    const f = new WordFilter();
    const words = Array.from({ length: 20_000 }, (_, k) => `w${k.toString(36)}x`);
    for (const w of words) f.addExact(w);
    for (const w of words) assert.equal(f.exactMay(hashWord(w)), true, w);
    let passed = 0;
    for (let k = 0; k < 10_000; k++) if (f.exactMay(hashWord(`absent${k}`))) passed++;
    assert.ok(passed < 1_000, `${passed} of 10,000 absent words passed`);
  });
});
