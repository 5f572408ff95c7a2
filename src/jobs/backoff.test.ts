import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelayMs } from './backoff.js';

const lowest = () => 0;
const highest = () => 1; // the supremum of Math.random()

void describe('backoffDelayMs', () => {
  test('the ceiling doubles with each attempt, starting at the base', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = 1000 * 2 ** (attempt - 1);
      assert.equal(backoffDelayMs(attempt, 1000, 3_600_000, highest), ceiling, `attempt ${attempt}`);
      assert.equal(backoffDelayMs(attempt, 1000, 3_600_000, lowest), ceiling / 2, `attempt ${attempt}`);
    }
  });

  test('jitter stays within [ceiling/2, ceiling] and actually varies', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const d = backoffDelayMs(4, 100);
      assert.ok(d >= 400 && d <= 800, `delay ${d} outside [400, 800]`);
      seen.add(d);
    }
    assert.ok(seen.size > 50, `only ${seen.size} distinct delays: no real jitter`);
  });

  test('the delay is capped however many attempts were made', () => {
    for (const attempt of [12, 20, 50, 1000]) {
      const d = backoffDelayMs(attempt, 1000, 60_000, highest);
      assert.equal(d, 60_000);
      assert.ok(backoffDelayMs(attempt, 1000, 60_000, lowest) >= 30_000);
      assert.ok(Number.isFinite(backoffDelayMs(attempt)));
    }
    // Default cap: one hour.
    assert.equal(backoffDelayMs(100, 1000, undefined, highest), 3_600_000);
  });

  test('attempt 0 or below behaves like the first attempt; the result is a whole number of ms', () => {
    assert.equal(backoffDelayMs(0, 1000, 3_600_000, highest), 1000);
    assert.equal(backoffDelayMs(-3, 1000, 3_600_000, highest), 1000);
    assert.ok(Number.isInteger(backoffDelayMs(3, 333, 3_600_000, () => 0.123)));
  });
});
