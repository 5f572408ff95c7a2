import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROLES, type Role } from '../identity/roles.js';
import { channelsFor, kindMatches, mayReceive, normalisePrefix, ROUTING_RULES, ruleFor } from './routing.js';

const user = (roles: Role[], status: 'active' | 'suspended' = 'active') => ({ id: 'u1', roles, status });
const org = (kind: string) => ({ kind, recipient_user_id: null });

describe('alert routing', () => {
  test('no rule prefix is a prefix of another (the SQL visibility filter relies on it)', () => {
    for (const a of ROUTING_RULES)
      for (const b of ROUTING_RULES)
        if (a !== b) assert.ok(!kindMatches(b.prefix, a.prefix), `${a.prefix} / ${b.prefix}`);
  });

  test('prefixes match whole dotted segments', () => {
    assert.ok(kindMatches('review.sla_breach', 'review'));
    assert.ok(kindMatches('review.sla_breach', 'review.*'));
    assert.ok(kindMatches('review', 'review'));
    assert.ok(!kindMatches('reviewer.x', 'review'));
    assert.ok(!kindMatches('review.sla_breach', 'review.sla'));
    assert.ok(kindMatches('anything', '*'));
    assert.equal(normalisePrefix('safeguarding.*'), 'safeguarding');
  });

  test('role defaults: who receives each kind (matrix)', () => {
    const expected: Record<string, Role[]> = {
      'safeguarding.item': ['admin', 'comms', 'moderator'],
      'review.sla_breach': ['admin', 'comms', 'moderator'],
      'inbound.flood': ['admin', 'comms', 'moderator'],
      'publishing.hijack': ['admin', 'comms'],
      'publishing.failed': ['admin', 'comms'],
      'account.credentials_expired': ['admin', 'comms'],
      'licence.expired': ['admin', 'comms'],
      'something.new': ['admin'],
    };
    for (const [kind, roles] of Object.entries(expected))
      assert.deepEqual(ROLES.filter((r) => mayReceive(user([r]), org(kind))).sort(), [...roles].sort(), kind);
    assert.deepEqual(ruleFor('licence.expired').channels, ['in_app']);
  });

  test('personal alerts: only the recipient, whatever the role; suspended users nothing', () => {
    const personal = { kind: 'publishing.decision', recipient_user_id: 'u1' };
    assert.ok(mayReceive(user(['author']), personal));
    assert.ok(!mayReceive({ ...user(['admin']), id: 'u2' }, personal));
    assert.deepEqual(channelsFor(user(['author']), personal, []), ['in_app', 'email']);
    assert.deepEqual(channelsFor(user(['admin'], 'suspended'), org('safeguarding.item'), []), []);
  });

  test('subscriptions: the most specific prefix wins per channel, and never widen visibility', () => {
    const subs = [
      { kind_prefix: '*', channel: 'email' as const, enabled: false },
      { kind_prefix: 'safeguarding', channel: 'email' as const, enabled: true },
      { kind_prefix: 'review.sla_breach', channel: 'in_app' as const, enabled: 0 },
    ];
    const mod = user(['moderator']);
    assert.deepEqual(channelsFor(mod, org('safeguarding.item'), subs), ['in_app', 'email']);
    assert.deepEqual(channelsFor(mod, org('inbound.flood'), subs), ['in_app']);
    assert.deepEqual(channelsFor(mod, org('review.sla_breach'), subs), []);
    assert.deepEqual(channelsFor(mod, org('review.other'), subs), ['in_app']);
    const optIn = [{ kind_prefix: 'publishing', channel: 'email' as const, enabled: true }];
    assert.deepEqual(
      channelsFor(mod, org('publishing.hijack'), optIn),
      [],
      'a moderator cannot subscribe into hijack',
    );
  });
});
