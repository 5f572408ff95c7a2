import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Capability } from '../../connectors/types.js';
import { decidePolicy, type PolicyDictionary } from './decide.js';
import { planItem } from './plan.js';
import { mergeSettings } from './settings.js';

const dicts = new Map<string, PolicyDictionary>([
  ['abuse', { category: 'abuse', action: 'hide', severity: 'high' }],
  ['slurs', { category: 'abuse', action: 'delete', severity: 'critical' }],
  ['welfare', { category: 'welfare', action: 'hide', severity: 'critical' }],
]);
const match = (dictionary: string) => ({
  dictionary,
  category: dicts.get(dictionary)!.category,
  term: 't',
  start: 0,
  end: 1,
});
const settings = mergeSettings(null);
const item = (platform: string, raw = '{"id":"1"}') => ({
  id: 'item1',
  org_id: 'org1',
  account_id: 'acc1',
  platform,
  kind: 'reply' as const,
  author_handle: 'someone',
  raw,
  received_at: 1_000,
});
const ALL: ReadonlySet<Capability> = new Set([
  'hide_reply',
  'unhide_reply',
  'delete_reply',
  'block_author',
  'mute_author',
  'report',
] as Capability[]);
const NOW = 5_000;
const plan = (dictionaries: string[], platform: string, caps = ALL, raw?: string) =>
  planItem(item(platform, raw), decidePolicy(dictionaries.map(match), dicts, settings), {}, caps, NOW);

describe('planItem: what automatic policy writes for one item (events, jobs, status), without reading back', () => {
  test('nothing matched: one classified event, clear, no job', () => {
    const p = plan([], 'x');
    assert.deepEqual(
      p.events.map((e) => e.type),
      ['classified'],
    );
    assert.equal(p.status, 'clear');
    assert.deepEqual(p.jobs, []);
    assert.equal(p.actionIssuedAt, null);
  });

  test('hide: action_requested after classified (strictly later), one job keyed by that event, pending', () => {
    const p = plan(['abuse'], 'x');
    assert.deepEqual(
      p.events.map((e) => [e.type, e.action, e.created_at]),
      [
        ['classified', null, NOW],
        ['action_requested', 'hide', NOW + 1],
      ],
    );
    assert.deepEqual(p.jobs, [{ eventId: p.events[1]!.id, action: 'hide' }]);
    assert.equal(p.status, 'action_pending');
    assert.equal(p.actionIssuedAt, NOW);
    assert.equal(p.queued, false);
  });

  test('a platform that cannot hide: fallback event, block/report instead, queued for a person', () => {
    const caps = new Set(['block_author', 'report'] as Capability[]);
    const p = plan(['abuse'], 'mastodon', caps);
    assert.deepEqual(
      p.events.map((e) => [e.type, e.action]),
      [
        ['classified', null],
        ['action_fallback', 'hide'],
        ['action_requested', 'block'],
        ['action_requested', 'report'],
        ['queued', null],
      ],
    );
    assert.deepEqual(
      p.jobs.map((j) => j.action),
      ['block', 'report'],
    );
    assert.equal(p.status, 'queued');
  });

  test('delete of an item whose payload was not archived: hidden instead and queued', () => {
    const p = plan(['slurs'], 'x', ALL, 'null');
    assert.deepEqual(
      p.jobs.map((j) => j.action),
      ['hide'],
    );
    assert.ok(p.events.some((e) => e.type === 'action_fallback' && e.action === 'delete'));
    assert.equal(p.queued, true);
  });

  test('safeguarding: queued with its SLA and an urgent alert, never hidden', () => {
    const p = plan(['welfare', 'abuse'], 'x');
    assert.deepEqual(p.jobs, []);
    assert.equal(p.status, 'queued');
    assert.equal(p.dueAt, 1_000 + settings.safeguardingSlaMinutes * 60_000);
    assert.deepEqual(
      p.alerts.map((a) => [a.kind, a.severity, a.dedupeKey]),
      [['safeguarding.item', 'urgent', 'safeguarding.item:item1']],
    );
  });
});
