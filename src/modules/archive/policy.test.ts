// Pure archive rules as a matrix: who reads what, legal-hold scope matching, retention per category.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal, Role } from '../identity/roles.js';
import { holdCovers } from './holds.js';
import { archivePolicy } from './policy.js';
import { inboundRetentionDays } from './retention.js';

const as = (...roles: Role[]) => ({ roles }) as unknown as Principal;

describe('archive policy', () => {
  it('admins and auditors read everything, comms posts only, others nothing', () => {
    assert.deepEqual(archivePolicy.readableKinds(as('admin')), ['post', 'inbound']);
    assert.deepEqual(archivePolicy.readableKinds(as('auditor')), ['post', 'inbound']);
    assert.deepEqual(archivePolicy.readableKinds(as('comms')), ['post']);
    assert.deepEqual(archivePolicy.readableKinds(as('moderator')), []);
    assert.deepEqual(archivePolicy.readableKinds(as('author')), []);
  });
  it('retention is an admin matter; holds and exports admin or auditor; transparency admin', () => {
    const matrix: Array<[Role, boolean, boolean, boolean, boolean]> = [
      ['admin', true, true, true, true],
      ['auditor', false, true, true, false],
      ['comms', false, false, false, false],
      ['moderator', false, false, false, false],
      ['author', false, false, false, false],
    ];
    for (const [role, retention, holds, exports, transparency] of matrix) {
      assert.equal(archivePolicy.manageRetention(as(role)), retention, role);
      assert.equal(archivePolicy.manageHolds(as(role)), holds, role);
      assert.equal(archivePolicy.exportEvidence(as(role)), exports, role);
      assert.equal(archivePolicy.manageTransparency(as(role)), transparency, role);
    }
  });
});

describe('legal hold scope', () => {
  const item = {
    kind: 'inbound' as const,
    accountId: 'a1',
    occurredAt: 1000,
    author: { type: 'public' as const, id: 'pid-1', handle: 'troll.example', name: null },
    text: 'Meet me at the Old Bridge',
    revisions: [],
  };
  it('requires every given criterion', () => {
    assert.equal(holdCovers({ accountIds: ['a1'] }, item), true);
    assert.equal(holdCovers({ accountIds: ['a2'] }, item), false);
    assert.equal(holdCovers({ authors: ['troll.example'] }, item), true);
    assert.equal(holdCovers({ authors: ['pid-1'] }, item), true);
    assert.equal(holdCovers({ from: 1000, to: 1001 }, item), true);
    assert.equal(holdCovers({ from: 1001 }, item), false);
    assert.equal(holdCovers({ to: 1000 }, item), false);
    assert.equal(holdCovers({ query: 'old BRIDGE' }, item), true);
    assert.equal(holdCovers({ query: 'old tunnel' }, item), false);
    assert.equal(holdCovers({ accountIds: ['a1'], query: 'tunnel' }, item), false);
  });
  it('matches words in earlier revisions of a post', () => {
    const post = {
      ...item,
      kind: 'post' as const,
      text: 'new',
      revisions: [{ revision: 1, text: 'old words', editedBy: 'u', createdAt: 1 }],
    };
    assert.equal(holdCovers({ query: 'words' }, post), true);
  });
});

describe('retention days', () => {
  const rules = [
    { kind: 'inbound' as const, category: 'spam', days: 90 },
    { kind: 'inbound' as const, category: 'abuse', days: 730 },
  ];
  it('keeps an item as long as its longest-kept category; no rule keeps it', () => {
    assert.equal(inboundRetentionDays(rules, ['spam']), 90);
    assert.equal(inboundRetentionDays(rules, ['spam', 'abuse']), 730);
    assert.equal(inboundRetentionDays(rules, ['spam', 'threat']), Number.POSITIVE_INFINITY);
    assert.equal(inboundRetentionDays(rules, []), Number.POSITIVE_INFINITY);
    assert.equal(
      inboundRetentionDays([...rules, { kind: 'inbound', category: '*', days: 365 }], ['threat']),
      365,
    );
    assert.equal(inboundRetentionDays([{ kind: 'inbound', category: 'uncategorised', days: 30 }], []), 30);
  });
});
