// The review permissions matrix, written out by hand: changing who may do what must change this table too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROLES, type Role } from '../identity/roles.js';
import { mayModerate, maySignOff, reviewPolicy } from './policy.js';

const Y = true;
const N = false;
// role → [reviewsAllAccounts, manageSettings, manageTemplates, reassign, moderate w/o grant, moderate with 'moderate' grant, moderate with ['view','reply']]
const EXPECTED: Record<Role, boolean[]> = {
  admin: [Y, Y, Y, Y, Y, Y, Y],
  comms: [Y, N, Y, Y, Y, Y, Y],
  moderator: [Y, N, N, N, Y, Y, Y],
  author: [N, N, N, N, N, Y, N],
  auditor: [N, N, N, N, N, Y, N],
};

describe('review policy', () => {
  test('matrix per role', () => {
    for (const role of ROLES) {
      const p = { roles: [role] };
      const got = [
        reviewPolicy.reviewsAllAccounts(p),
        reviewPolicy.manageSettings(p),
        reviewPolicy.manageTemplates(p),
        reviewPolicy.reassign(p),
        mayModerate([role], null),
        mayModerate([role], { permissions: ['view', 'moderate'] }),
        mayModerate([role], { permissions: ['view', 'reply'] }),
      ];
      assert.deepEqual(got, EXPECTED[role], role);
    }
  });

  test('no roles and no grant: nothing', () => {
    assert.equal(mayModerate([], null), false);
    assert.equal(mayModerate([], { permissions: [] }), false);
  });

  test('a decider never signs off their own decision', () => {
    assert.equal(maySignOff('u1', 'u1'), false);
    assert.equal(maySignOff('u2', 'u1'), true);
    assert.equal(maySignOff('u2', null), false);
  });
});
