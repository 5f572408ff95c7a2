import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../http/errors.js';
import { parseSchedule } from './compose-schedule.js';

const NOW = Date.parse('2026-11-25T00:00:00Z');
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError && err.status === 400, String(err));
    return err.code;
  }
  throw new Error('expected a 400');
};

describe('parseSchedule', () => {
  test('nothing scheduled: publish when cleared', () => {
    assert.deepEqual(parseSchedule({}, NOW), { scheduledAt: null, timeZone: null });
  });
  test('an instant with an offset or Z; the zone is kept for display', () => {
    assert.equal(
      parseSchedule({ scheduledAt: '2027-01-10T09:00:00+01:00' }, NOW).scheduledAt,
      Date.parse('2027-01-10T08:00:00Z'),
    );
    assert.deepEqual(parseSchedule({ scheduledAt: '2027-01-10T09:00Z', timeZone: 'europe/london' }, NOW), {
      scheduledAt: Date.parse('2027-01-10T09:00:00Z'),
      timeZone: 'Europe/London',
    });
  });
  test('local wall-clock times in IANA zones, either side of daylight saving', () => {
    const at = (local: string, zone: string) =>
      parseSchedule({ scheduledAt: local, timeZone: zone }, NOW).scheduledAt;
    assert.equal(at('2027-01-10T09:00', 'Europe/London'), Date.parse('2027-01-10T09:00:00Z'));
    assert.equal(at('2027-07-10T09:00', 'Europe/London'), Date.parse('2027-07-10T08:00:00Z'));
    assert.equal(at('2027-07-10T09:00:30', 'Australia/Sydney'), Date.parse('2027-07-09T23:00:30Z'));
    assert.equal(at('2027-01-10T09:00', 'Asia/Kolkata'), Date.parse('2027-01-10T03:30:00Z'));
    // Clocks go back at 02:00 BST on 2027-10-31: 01:30 happens twice; the first (BST) is taken.
    assert.equal(at('2027-10-31T01:30', 'Europe/London'), Date.parse('2027-10-31T00:30:00Z'));
    assert.equal(at('2027-11-07T01:30', 'America/New_York'), Date.parse('2027-11-07T05:30:00Z'));
  });
  test('times that do not exist (spring forward) are refused with a clear code', () => {
    assert.equal(
      codeOf(() => parseSchedule({ scheduledAt: '2027-03-28T01:30', timeZone: 'Europe/London' }, NOW)),
      'schedule_in_dst_gap',
    );
    assert.equal(
      codeOf(() => parseSchedule({ scheduledAt: '2027-03-14T02:15', timeZone: 'America/New_York' }, NOW)),
      'schedule_in_dst_gap',
    );
    assert.equal(
      parseSchedule({ scheduledAt: '2027-03-28T02:00', timeZone: 'Europe/London' }, NOW).scheduledAt,
      Date.parse('2027-03-28T01:00:00Z'),
    );
  });
  test('bad zones, missing zones, impossible dates, garbage and the past', () => {
    const bad = (scheduledAt: string, timeZone?: string) =>
      codeOf(() => parseSchedule({ scheduledAt, timeZone }, NOW));
    assert.equal(bad('2027-01-10T09:00', 'Europe/Atlantis'), 'invalid_time_zone');
    assert.equal(bad('2027-01-10T09:00', '+01:00'), 'invalid_time_zone');
    assert.equal(bad('2027-01-10T09:00'), 'time_zone_required');
    assert.equal(bad('2027-02-29T09:00Z'), 'invalid_schedule');
    assert.equal(bad('2027-01-10T24:30', 'UTC'), 'invalid_schedule');
    assert.equal(bad('10/01/2027 09:00'), 'invalid_schedule');
    assert.equal(bad('2026-11-24T23:59:59Z'), 'schedule_in_past');
    assert.equal(bad('2026-11-24T23:30', 'Europe/London'), 'schedule_in_past');
  });
});
