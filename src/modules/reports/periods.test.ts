import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastCompletePeriod } from './periods.js';

test('weekly: the previous Monday-to-Monday week (UTC), also on a Monday', () => {
  const wed = Date.parse('2026-11-25T10:00:00Z');
  assert.deepEqual(lastCompletePeriod('weekly', wed), {
    from: Date.parse('2026-11-16T00:00:00Z'),
    to: Date.parse('2026-11-23T00:00:00Z'),
  });
  const mondayMidnight = Date.parse('2026-11-23T00:00:00Z');
  assert.deepEqual(lastCompletePeriod('weekly', mondayMidnight).to, mondayMidnight);
});

test('monthly: the previous calendar month, across a year end', () => {
  assert.deepEqual(lastCompletePeriod('monthly', Date.parse('2027-01-01T00:30:00Z')), {
    from: Date.parse('2026-12-01T00:00:00Z'),
    to: Date.parse('2027-01-01T00:00:00Z'),
  });
});
