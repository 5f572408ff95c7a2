// Role matrix for the licence and hijack policies (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal, Role } from '../identity/roles.js';
import { licencePolicy } from '../licence/policy.js';
import { hijackPolicy } from './policy.js';

const who = (role: Role): Principal => ({
  userId: 'u',
  orgId: 'o',
  email: 'e@x',
  name: 'n',
  roles: [role],
  via: 'session',
  sessionId: 's',
  stage: 'active',
  scopes: null,
});

test('licence and hijack policies by role', () => {
  const expected: Record<Role, [boolean, boolean, boolean, boolean, boolean]> = {
    // manageLicence, viewLicenceOfUsers, setHijackPolicy, unlockAccount, viewDetections
    admin: [true, true, true, true, true],
    comms: [true, true, true, true, true],
    auditor: [false, true, false, false, true],
    moderator: [false, false, false, false, false],
    author: [false, false, false, false, false],
  };
  for (const [role, want] of Object.entries(expected) as Array<[Role, boolean[]]>) {
    const p = who(role);
    assert.deepEqual(
      [
        licencePolicy.manageLicence(p),
        licencePolicy.viewLicenceOfUsers(p),
        hijackPolicy.setHijackPolicy(p),
        hijackPolicy.unlockAccount(p),
        hijackPolicy.viewDetections(p),
      ],
      want,
      role,
    );
    assert.equal(licencePolicy.readAgreements(p), true);
  }
});
