import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountPermission } from '../identity/policy.js';
import type { Principal, Role } from '../identity/roles.js';
import { verdictOf } from './outbound-checks.js';
import { publishingPolicy, sendMode } from './policy.js';

const who = (...roles: Role[]): Principal => ({
  userId: 'u1',
  orgId: 'o1',
  email: 'u@example.test',
  name: 'U',
  roles,
  via: 'session',
  sessionId: 's',
  stage: 'active',
  scopes: null,
});
const g = (...permissions: AccountPermission[]) => ({ permissions });
const active = { status: 'active' };

test('sendMode: how a post or reply may go out, by grant', () => {
  const cases: Array<[Principal, ReturnType<typeof g> | null, 'post' | 'reply', string | null]> = [
    [who('admin'), null, 'post', 'direct'],
    [who('comms'), null, 'reply', 'direct'],
    [who('author'), null, 'post', null],
    [who('author'), g('view'), 'post', null],
    [who('author'), g('publish_directly'), 'post', 'direct'],
    [who('author'), g('publish_with_approval'), 'post', 'approval'],
    [who('author'), g('reply'), 'post', null],
    [who('author'), g('reply'), 'reply', 'direct'],
    [who('author'), g('publish_with_approval'), 'reply', 'approval'],
    [who('moderator'), g('moderate'), 'reply', null],
  ];
  for (const [p, grant, kind, expected] of cases)
    assert.equal(sendMode(p, grant, active, kind), expected, `${p.roles} ${JSON.stringify(grant)} ${kind}`);
  assert.equal(
    sendMode(who('admin'), null, { status: 'suspended' }, 'post'),
    null,
    'a suspended account sends nothing',
  );
});

test('approvers, viewers and settings', () => {
  assert.deepEqual(
    (['admin', 'comms', 'moderator', 'author', 'auditor'] as Role[]).map((r) => [
      r,
      publishingPolicy.approve(who(r)),
      publishingPolicy.viewAllPosts(who(r)),
      publishingPolicy.manageSettings(who(r)),
    ]),
    [
      ['admin', true, true, true],
      ['comms', true, true, false],
      ['moderator', false, false, false],
      ['author', false, false, false],
      ['auditor', false, true, false],
    ],
  );
});

test('verdictOf: block > require_approval > warn > ok', () => {
  assert.equal(verdictOf([]), 'ok');
  assert.equal(verdictOf([{ action: 'warn' }]), 'warn');
  assert.equal(verdictOf([{ action: 'warn' }, { action: 'require_approval' }]), 'require_approval');
  assert.equal(verdictOf([{ action: 'block_publish' }, { action: 'warn' }]), 'block');
});
