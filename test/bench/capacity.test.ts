import { describe, expect, it } from 'vitest';
import { nextProbe, sessionsAtShare } from '../../bench/stats/capacity';

describe('bench capacity estimate', () => {
  it('interpolates between the two loads that bracket the target', () => {
    const estimate = sessionsAtShare(
      [
        { sessions: 1000, cpuShare: 0.4, valid: true },
        { sessions: 2000, cpuShare: 0.8, valid: true },
        { sessions: 3000, cpuShare: 1.0, valid: true },
      ],
      0.9,
    );
    expect(estimate).toEqual({ sessions: 2500, how: 'interpolated' });
  });

  it('extrapolates from the load nearest the target when none brackets it, and says so', () => {
    const estimate = sessionsAtShare(
      [
        { sessions: 100, cpuShare: 0.05, valid: true },
        { sessions: 1000, cpuShare: 0.3, valid: true },
      ],
      0.9,
    );
    expect(estimate).toEqual({ sessions: 3000, how: 'extrapolated' });
  });

  it('ignores loads the generators could not deliver', () => {
    const estimate = sessionsAtShare(
      [
        { sessions: 1000, cpuShare: 0.3, valid: true },
        { sessions: 4000, cpuShare: 0.95, valid: false },
      ],
      0.9,
    );
    expect(estimate).toEqual({ sessions: 3000, how: 'extrapolated' });
  });

  it('has no estimate without a valid load', () => {
    expect(sessionsAtShare([{ sessions: 10, cpuShare: 0.9, valid: false }], 0.9)).toBeUndefined();
  });

  it('aims the next probe at the target share, at most doubling or halving per step, within bounds', () => {
    expect(nextProbe({ sessions: 1000, cpuShare: 0.6, valid: true }, 0.9, 100, 9000)).toBe(1500);
    expect(nextProbe({ sessions: 1000, cpuShare: 0.05, valid: true }, 0.9, 100, 9000)).toBe(2000);
    expect(nextProbe({ sessions: 1000, cpuShare: 0, valid: true }, 0.9, 100, 9000)).toBe(2000);
    expect(nextProbe({ sessions: 2000, cpuShare: 4, valid: true }, 0.9, 100, 9000)).toBe(1000);
    expect(nextProbe({ sessions: 6000, cpuShare: 0.2, valid: true }, 0.9, 100, 9000)).toBe(9000);
  });

  it('steps down from a load the generators could not deliver', () => {
    expect(nextProbe({ sessions: 2000, cpuShare: 0.5, valid: false }, 0.9, 100, 9000)).toBe(1500);
  });
});
