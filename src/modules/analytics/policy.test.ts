import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from '../identity/roles.js';
import { managesReports, readsReport, seesWholeOrg, subtreeOf } from './policy.js';

const as = (...roles: Principal['roles']) => ({ userId: 'u1', orgId: 'o', roles }) as unknown as Principal;

test('whole-organisation analytics: admin, comms and auditor only', () => {
  for (const role of ['admin', 'comms', 'auditor'] as const) assert.equal(seesWholeOrg(as(role)), true, role);
  for (const role of ['moderator', 'author'] as const) assert.equal(seesWholeOrg(as(role)), false, role);
});

test('reports: admin and comms manage; recipients read', () => {
  assert.equal(managesReports(as('comms')), true);
  assert.equal(managesReports(as('auditor')), false);
  assert.equal(readsReport(as('author'), ['u1']), true);
  assert.equal(readsReport(as('author'), ['u2']), false);
  assert.equal(readsReport(as('auditor'), []), true);
});

test('team subtree follows parent_id at any depth and stays inside the tree', () => {
  const teams = [
    { id: 'force', parent_id: null },
    { id: 'north', parent_id: 'force' },
    { id: 'n1', parent_id: 'north' },
    { id: 'south', parent_id: 'force' },
  ];
  assert.deepEqual(subtreeOf(teams, 'north').sort(), ['n1', 'north']);
  assert.deepEqual(subtreeOf(teams, 'force').sort(), ['force', 'n1', 'north', 'south']);
  assert.deepEqual(subtreeOf(teams, 'n1'), ['n1']);
});
