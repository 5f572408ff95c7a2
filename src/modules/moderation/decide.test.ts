import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Capability } from '../../connectors/types.js';
import { decidePolicy, type PolicyDictionary } from './decide.js';
import { planAction } from './fallback.js';
import { countLinks, normalizeForFingerprint } from './flood.js';
import { mergeSettings } from './settings.js';

const dicts = new Map<string, PolicyDictionary>([
  ['abuse', { category: 'abuse', action: 'hide', severity: 'high' }],
  ['slurs', { category: 'abuse', action: 'delete', severity: 'critical' }],
  ['profanity', { category: 'profanity', action: 'record', severity: 'low' }],
  ['welfare', { category: 'welfare', action: 'hide', severity: 'critical' }],
  ['threats', { category: 'threat', action: 'block', severity: 'high' }],
  ['trolls', { category: 'trolling', action: 'block', severity: 'medium' }],
  ['complaints', { category: 'complaint', action: 'review', severity: 'medium' }],
  ['corruption', { category: 'corruption', action: 'escalate', severity: 'high' }],
  ['election', { category: 'politics', action: 'block_publish', severity: 'high' }],
]);
const m = (dictionary: string) => ({
  dictionary,
  category: dicts.get(dictionary)?.category ?? '?',
  term: 't',
  start: 0,
  end: 1,
});
const settings = mergeSettings(null);

describe('inbound policy', () => {
  test('nothing matched: nothing to do', () => {
    const d = decidePolicy([], dicts, settings);
    assert.deepEqual(
      [d.categories, d.platformActions, d.queue, d.priority, d.slaMs],
      [[], [], false, 0, null],
    );
  });

  test('hide category: hidden, not queued', () => {
    const d = decidePolicy([m('abuse')], dicts, settings);
    assert.deepEqual(d.platformActions, ['hide']);
    assert.equal(d.queue, false);
    assert.equal(d.priority, 30);
  });

  test('the stronger action of one category wins; severity orders priority', () => {
    const d = decidePolicy([m('abuse'), m('slurs')], dicts, settings);
    assert.deepEqual(d.platformActions, ['delete']);
    assert.equal(d.priority, 40);
  });

  test('block and hide together: hide then block', () => {
    assert.deepEqual(decidePolicy([m('abuse'), m('trolls')], dicts, settings).platformActions, [
      'hide',
      'block',
    ]);
  });

  test('record and outbound-only actions do nothing on a reply', () => {
    const d = decidePolicy([m('profanity'), m('election')], dicts, settings);
    assert.deepEqual(d.platformActions, []);
    assert.equal(d.queue, false);
    assert.deepEqual(d.categories, ['politics', 'profanity']);
  });

  test('review queues with the review SLA; escalate queues high with the escalation SLA', () => {
    const r = decidePolicy([m('complaints')], dicts, settings);
    assert.deepEqual([r.queue, r.escalate, r.slaMs], [true, false, 240 * 60_000]);
    const e = decidePolicy([m('corruption')], dicts, settings);
    assert.deepEqual([e.queue, e.escalate, e.slaMs, e.priority], [true, true, 60 * 60_000, 90]);
  });

  test('safeguarding is never hidden or blocked, even when its dictionary says so, and goes first', () => {
    const w = decidePolicy([m('welfare'), m('abuse')], dicts, settings);
    assert.deepEqual(w.platformActions, []);
    assert.deepEqual(w.withheld, ['hide']);
    assert.equal(w.safeguarding, true);
    assert.equal(w.queue, true);
    assert.equal(w.slaMs, 15 * 60_000);
    assert.ok(w.priority > decidePolicy([m('corruption'), m('slurs')], dicts, settings).priority);
    const t = decidePolicy([m('threats')], dicts, settings);
    assert.deepEqual([t.safeguarding, t.platformActions, t.withheld], [true, [], ['block']]);
  });

  test('organisation overrides replace the dictionary action, but not the safeguarding lane', () => {
    const s = mergeSettings({
      categoryActions: { abuse: 'review', welfare: 'delete' },
      safeguardingSlaMinutes: 5,
    });
    const a = decidePolicy([m('abuse')], dicts, s);
    assert.deepEqual([a.platformActions, a.queue, a.perCategory[0]?.source], [[], true, 'override']);
    const w = decidePolicy([m('welfare')], dicts, s);
    assert.deepEqual([w.platformActions, w.queue, w.slaMs], [[], true, 5 * 60_000]);
    assert.deepEqual(mergeSettings({ safeguardingCategories: [] }).safeguardingCategories, [
      'welfare',
      'threat',
    ]);
  });

  test('spam signals take the flood action', () => {
    const s = mergeSettings({ flood: { ...settings.flood, action: 'hide' } });
    const d = decidePolicy([], dicts, s, [{ category: 'flood', severity: 'medium' }]);
    assert.deepEqual([d.categories, d.platformActions], [['flood'], ['hide']]);
  });
});

const caps = (...c: Capability[]) => new Set<Capability>(c);

describe('capability fallback', () => {
  test('a platform that can do it: no fallback', () => {
    assert.deepEqual(planAction('hide', caps('hide_reply'), 'sandbox'), {
      ops: ['hide'],
      fallback: null,
      queue: false,
    });
  });

  test('Mastodon hide: block + report, queued for a person, and says why', () => {
    const p = planAction('hide', caps('block_author', 'mute_author', 'report'), 'mastodon');
    assert.deepEqual(p.ops, ['block', 'report']);
    assert.equal(p.queue, true);
    assert.match(p.fallback?.reason ?? '', /mastodon cannot hide a reply/);
  });

  test('delete where only hide exists (X, Bluesky): hide, the reversible alternative', () => {
    const p = planAction('delete', caps('hide_reply', 'block_author'), 'bluesky');
    assert.deepEqual([p.ops, p.queue], [['hide'], false]);
  });

  test('block where the platform cannot (Instagram): hide instead; mute where it can', () => {
    assert.deepEqual(planAction('block', caps('hide_reply'), 'instagram').ops, ['hide']);
    assert.deepEqual(planAction('block', caps('mute_author'), 'x').ops, ['mute']);
  });

  test('nothing possible: no ops, queued', () => {
    const p = planAction('unhide', caps('block_author'), 'mastodon');
    assert.deepEqual([p.ops, p.queue], [[], true]);
    assert.match(p.fallback?.reason ?? '', /queued for a person/);
  });
});

describe('spam helpers', () => {
  test('fingerprint ignores case, accents, mentions and punctuation', () => {
    assert.equal(
      normalizeForFingerprint('@bob  RÉSIGN now!!! '),
      normalizeForFingerprint('@alice resign, NOW'),
    );
  });

  test('links are counted', () => {
    assert.equal(countLinks('see https://a.example/x and http://b.example www.c.example'), 3);
    assert.equal(countLinks('no links here'), 0);
  });
});
