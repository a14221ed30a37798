import { describe, expect, it } from 'vitest';
import { MAX_COUNTDOWN_MS, formatClock, parseCountdown } from '../../../src/renderer/clock/clock-format';

describe('the session clock’s words', () => {
  it('reads m:ss under an hour and h:mm:ss beyond, in whole seconds rounded down', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(7_999)).toBe('0:07');
    expect(formatClock(12 * 60_000 + 34_000)).toBe('12:34');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5_000)).toBe('0:00');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });

  it('takes a countdown as minutes, m:ss, h:mm:ss or with a unit, and refuses the rest', () => {
    expect(parseCountdown('45')).toBe(45 * 60_000);
    expect(parseCountdown(' 0:03 ')).toBe(3_000);
    expect(parseCountdown('10:00')).toBe(600_000);
    expect(parseCountdown('1:30:00')).toBe(90 * 60_000);
    expect(parseCountdown('90s')).toBe(90_000);
    expect(parseCountdown('5 min')).toBe(300_000);
    for (const bad of ['', 'soon', '0', '0:00', '1:75', '-3', '11h', String(MAX_COUNTDOWN_MS)]) expect(parseCountdown(bad), bad).toBeUndefined();
  });
});
