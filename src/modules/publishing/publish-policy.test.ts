import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal, Role } from '../identity/roles.js';
import { publishPolicy } from './publish-policy.js';

const who = (roles: Role[], userId = 'u1'): Principal => ({
  userId,
  orgId: 'o1',
  email: 'x@example.test',
  name: 'X',
  roles,
  via: 'session',
  sessionId: 's',
  stage: 'active',
  scopes: null,
});
const active = { status: 'active' };

test('only admin and comms work the publishing switch', () => {
  for (const [role, ok] of [
    ['admin', true],
    ['comms', true],
    ['moderator', false],
    ['author', false],
    ['auditor', false],
  ] as const)
    assert.equal(publishPolicy.controlPublishing(who([role])), ok, role);
  assert.equal(publishPolicy.viewPublishingStatus(who(['auditor'])), true);
  assert.equal(publishPolicy.viewPublishingStatus(who(['author'])), false);
});

test('deleting a post: admin/comms always; the author only while they may publish on the account', () => {
  const post = { author_id: 'u1' };
  assert.equal(publishPolicy.deletePost(who(['comms'], 'u9'), post, null, active), true);
  assert.equal(
    publishPolicy.deletePost(who(['author']), post, { permissions: ['publish_directly'] }, active),
    true,
  );
  assert.equal(
    publishPolicy.deletePost(
      who(['author']),
      post,
      { permissions: ['view', 'publish_with_approval'] },
      active,
    ),
    true,
  );
  assert.equal(
    publishPolicy.deletePost(who(['author']), post, { permissions: ['view', 'reply'] }, active),
    false,
  );
  assert.equal(publishPolicy.deletePost(who(['author']), post, null, active), false);
  assert.equal(
    publishPolicy.deletePost(who(['author'], 'u2'), post, { permissions: ['publish_directly'] }, active),
    false,
    'not their post',
  );
  assert.equal(
    publishPolicy.deletePost(
      who(['author']),
      post,
      { permissions: ['publish_directly'] },
      { status: 'suspended' },
    ),
    false,
    'suspended account',
  );
});
