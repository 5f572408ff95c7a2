// The moderation permission matrix, by hand: changing who may do what must change this table too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLES, type Role } from '../identity/roles.js';
import { grantSeesItems, moderationPolicy } from './policy.js';

const Y = true;
const N = false;
// role → [viewAllItems, viewRaw, actOnItems, viewSettings, manageSettings]
const EXPECTED: Record<Role, boolean[]> = {
  admin: [Y, Y, Y, Y, Y],
  comms: [Y, N, Y, Y, N],
  moderator: [Y, N, Y, Y, N],
  author: [N, N, N, N, N],
  auditor: [Y, Y, N, Y, N],
};

test('moderation policy matrix', () => {
  for (const role of ROLES) {
    const p = { roles: [role] };
    const got = [
      moderationPolicy.viewAllItems(p),
      moderationPolicy.viewRaw(p),
      moderationPolicy.actOnItems(p),
      moderationPolicy.viewSettings(p),
      moderationPolicy.manageSettings(p),
    ];
    assert.deepEqual(got, EXPECTED[role], role);
  }
  assert.equal(grantSeesItems(['view', 'moderate']), true);
  assert.equal(grantSeesItems(['view', 'reply']), false);
});
