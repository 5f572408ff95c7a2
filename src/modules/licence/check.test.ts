// The licence decision as a matrix (pure): agreement state × training state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideLicence } from './check.js';

const now = 1_800_000_000_000;
type Input = Parameters<typeof decideLicence>[0];
const base: Input = {
  currentVersion: 3,
  acceptedVersion: 3,
  trainingRequired: false,
  trainingExpiresAt: null,
  now,
};

test('decideLicence matrix', () => {
  const cases: Array<[string, Partial<Input>, string | null]> = [
    ['no agreement ever published: allowed', { currentVersion: null, acceptedVersion: null }, null],
    ['current accepted', {}, null],
    ['never accepted', { acceptedVersion: null }, 'agreement_not_accepted'],
    ['accepted an older version', { acceptedVersion: 2 }, 'agreement_outdated'],
    ['training required, none recorded', { trainingRequired: true }, 'training_missing'],
    ['training required, valid', { trainingRequired: true, trainingExpiresAt: now + 1 }, null],
    [
      'training required, expired now',
      { trainingRequired: true, trainingExpiresAt: now },
      'training_expired',
    ],
    ['training expired but not required', { trainingExpiresAt: now - 1 }, null],
    [
      'no agreement, training missing',
      { currentVersion: null, acceptedVersion: null, trainingRequired: true },
      'training_missing',
    ],
    [
      'agreement first: outdated and training missing',
      { acceptedVersion: 1, trainingRequired: true },
      'agreement_outdated',
    ],
  ];
  for (const [name, change, reason] of cases) {
    const d = decideLicence({ ...base, ...change });
    assert.equal(d.reason, reason, name);
    assert.equal(d.canPost, reason === null, name);
    assert.equal(d.message === null, reason === null, name);
  }
});

test('messages tell the user what to do', () => {
  assert.equal(
    decideLicence({ ...base, acceptedVersion: null }).message,
    'Accept version 3 of the social media agreement in Parapet before posting.',
  );
  assert.match(decideLicence({ ...base, acceptedVersion: 2 }).message ?? '', /accept version 3 in Parapet/);
  assert.match(
    decideLicence({
      ...base,
      trainingRequired: true,
      trainingExpiresAt: Date.UTC(2026, 0, 31),
      now: Date.UTC(2026, 1, 1),
    }).message ?? '',
    /expired on 2026-01-31/,
  );
});
