// The authorization matrix, written out by hand: changing who may do what must change this table too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCOUNT_PERMISSIONS, canOnAccount, policy } from './policy.js';
import { type Principal, ROLES, type Role } from './roles.js';

const SELF = 'user-self';
const OTHER = 'user-other';

const principal = (roles: Role[], via: Principal['via'] = 'session'): Principal => ({
  userId: SELF,
  orgId: 'org-1',
  email: 'someone@example.test',
  name: 'Someone',
  roles,
  via,
  sessionId: via === 'session' ? 'sess' : null,
  stage: 'active',
  scopes: via === 'token' ? ['read', 'write'] : null,
});

/** Every check, each applied to a concrete target where the function takes one. */
const checks: Record<string, (p: Principal) => boolean> = {
  viewUsers: (p) => policy.viewUsers(p),
  manageUsers: (p) => policy.manageUsers(p),
  suspendUsers: (p) => policy.suspendUsers(p),
  'revokeSessionsOf(self)': (p) => policy.revokeSessionsOf(p, SELF),
  'revokeSessionsOf(other)': (p) => policy.revokeSessionsOf(p, OTHER),
  viewTeams: (p) => policy.viewTeams(p),
  manageTeams: (p) => policy.manageTeams(p),
  viewOrganisation: (p) => policy.viewOrganisation(p),
  manageOrganisation: (p) => policy.manageOrganisation(p),
  readAudit: (p) => policy.readAudit(p),
  manageJobs: (p) => policy.manageJobs(p),
  'manageTokensOf(self)': (p) => policy.manageTokensOf(p, SELF),
  'manageTokensOf(other)': (p) => policy.manageTokensOf(p, OTHER),
  'assignRoles(author)': (p) => policy.assignRoles(p, ['author']),
  'assignRoles(admin)': (p) => policy.assignRoles(p, ['admin']),
  manageDictionaries: (p) => policy.manageDictionaries(p),
  viewDictionaries: (p) => policy.viewDictionaries(p),
  manageAccounts: (p) => policy.manageAccounts(p),
  viewAllAccounts: (p) => policy.viewAllAccounts(p),
  manageGrants: (p) => policy.manageGrants(p),
  'viewGrantsOf(self)': (p) => policy.viewGrantsOf(p, SELF),
  'viewGrantsOf(other)': (p) => policy.viewGrantsOf(p, OTHER),
};

type Row = Record<keyof typeof checks, boolean>;
const Y = true;
const N = false;

// biome-ignore format: the matrix is aligned by hand to read as a table
const EXPECTED: Record<Role | 'none', Row> = {
  //          viewUsers manageUsers suspendUsers revokeSelf revokeOther viewTeams manageTeams viewOrg manageOrg readAudit manageJobs tokSelf tokOther assignAuthor assignAdmin manageDict viewDict manageAcc viewAllAcc manageGrants grantsSelf grantsOther
  admin:     row(Y,       Y,          Y,           Y,         Y,          Y,        Y,          Y,      Y,        Y,        Y,         Y,      Y,       Y,           Y,           Y,          Y,       Y,        Y,         Y,           Y,         Y),
  comms:     row(Y,       N,          Y,           Y,         N,          Y,        N,          Y,      N,        N,        N,         Y,      N,       N,           N,           Y,          Y,       Y,        Y,         Y,           Y,         Y),
  moderator: row(N,       N,          N,           Y,         N,          Y,        N,          Y,      N,        N,        N,         Y,      N,       N,           N,           N,          Y,       N,        N,         N,           Y,         N),
  author:    row(N,       N,          N,           Y,         N,          Y,        N,          Y,      N,        N,        N,         Y,      N,       N,           N,           N,          N,       N,        N,         N,           Y,         N),
  auditor:   row(Y,       N,          N,           Y,         N,          Y,        N,          Y,      N,        Y,        N,         Y,      N,       N,           N,           N,          Y,       N,        Y,         N,           Y,         Y),
  none:      row(N,       N,          N,           Y,         N,          Y,        N,          Y,      N,        N,        N,         Y,      N,       N,           N,           N,          N,       N,        N,         N,           Y,         N),
};

function row(...values: boolean[]): Row {
  const names = Object.keys(checks);
  assert.equal(values.length, names.length, 'each expected row must have one value per check');
  return Object.fromEntries(names.map((n, i) => [n, values[i]!])) as Row;
}

describe('authorization policy matrix', () => {
  test('the matrix covers every policy function and every role', () => {
    const covered = new Set(Object.keys(checks).map((k) => k.replace(/\(.*\)$/, '')));
    assert.deepEqual(
      [...covered].sort(),
      Object.keys(policy).sort(),
      'a new policy function needs a column here',
    );
    assert.deepEqual(
      Object.keys(EXPECTED)
        .filter((r) => r !== 'none')
        .sort(),
      [...ROLES].sort(),
      'a new role needs a row here',
    );
  });

  for (const role of [...ROLES, 'none'] as const) {
    for (const [name, check] of Object.entries(checks)) {
      test(`${role} → ${name} = ${EXPECTED[role][name]}`, () => {
        const p = principal(role === 'none' ? [] : [role]);
        assert.equal(check(p), EXPECTED[role][name]);
        // The same user through an API token gets the same answer: scopes are checked elsewhere (HTTP layer).
        assert.equal(check(principal(p.roles, 'token')), EXPECTED[role][name]);
      });
    }
  }

  test('several roles grant the union of what each role grants', () => {
    for (const [a, b] of [
      ['comms', 'auditor'],
      ['author', 'moderator'],
      ['admin', 'author'],
    ] as const) {
      for (const [name, check] of Object.entries(checks)) {
        assert.equal(check(principal([a, b])), EXPECTED[a][name] || EXPECTED[b][name], `${a}+${b} → ${name}`);
      }
    }
  });
});

describe('canOnAccount', () => {
  const active = { status: 'active' };
  const suspended = { status: 'suspended' };
  const replyGrant = { permissions: ['reply'] as const };

  test('admin and comms may do everything on an active account without a grant', () => {
    for (const role of ['admin', 'comms'] as const)
      for (const action of ACCOUNT_PERMISSIONS)
        assert.equal(canOnAccount(principal([role]), null, action, active), true);
  });

  test('others get exactly what their grant lists, and any grant lets them view', () => {
    const p = principal(['author']);
    assert.equal(canOnAccount(p, replyGrant, 'reply', active), true);
    assert.equal(canOnAccount(p, replyGrant, 'view', active), true);
    for (const action of ['publish_with_approval', 'publish_directly', 'moderate'] as const)
      assert.equal(canOnAccount(p, replyGrant, action, active), false, action);
    for (const action of ACCOUNT_PERMISSIONS) {
      assert.equal(canOnAccount(p, null, action, active), false, `no grant → ${action}`);
      assert.equal(canOnAccount(p, { permissions: [] }, action, active), false, `empty grant → ${action}`);
    }
    // An auditor reads every account through viewAllAccounts, not through canOnAccount: no grant, no action.
    assert.equal(canOnAccount(principal(['auditor']), null, 'reply', active), false);
  });

  test('a suspended account allows nothing but view, even to admins', () => {
    const all = { permissions: ACCOUNT_PERMISSIONS };
    for (const p of [principal(['admin']), principal(['comms']), principal(['moderator'])]) {
      assert.equal(canOnAccount(p, all, 'view', suspended), true);
      for (const action of ACCOUNT_PERMISSIONS.filter((a) => a !== 'view'))
        assert.equal(canOnAccount(p, all, action, suspended), false, action);
    }
  });
});
