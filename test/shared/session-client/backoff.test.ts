import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/shared/session-client';

describe('reconnect backoff', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 2_000 };

  it('grows exponentially up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, options, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
    expect(top(1000)).toBe(2000);
  });

  it('jitters between half and all of the ceiling', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});
