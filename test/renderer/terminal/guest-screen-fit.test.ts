import { describe, expect, it } from 'vitest';
import { MIN_READABLE_FONT_PX, fitScale, readableMinScale } from '../../../src/renderer/terminal/guest-screen-fit';

describe('fitScale (a guest shows the host-sized terminal in its own panel)', () => {
  it('never enlarges a terminal that already fits', () => {
    expect(fitScale({ width: 400, height: 300 }, { width: 800, height: 600 }, 0.5)).toBe(1);
  });

  it('shrinks by the tighter of width and height', () => {
    expect(fitScale({ width: 1000, height: 400 }, { width: 800, height: 600 }, 0.5)).toBeCloseTo(0.8);
    expect(fitScale({ width: 800, height: 1200 }, { width: 800, height: 900 }, 0.5)).toBeCloseTo(0.75);
  });

  it('stops at a readable minimum (the panel scrolls beyond it)', () => {
    expect(fitScale({ width: 4000, height: 300 }, { width: 800, height: 600 }, 0.5)).toBe(0.5);
    expect(fitScale({ width: 4000, height: 300 }, { width: 800, height: 600 }, 0.3)).toBeCloseTo(0.3);
  });

  it('keeps the font at a readable size: 13 px text shrinks to 10 px at the least', () => {
    expect(MIN_READABLE_FONT_PX).toBe(10);
    expect(readableMinScale(13) * 13).toBeCloseTo(10);
    expect(fitScale({ width: 4000, height: 300 }, { width: 800, height: 600 }, readableMinScale(13)) * 13).toBeCloseTo(10);
    // A font already at or under the minimum is never shrunk.
    expect(readableMinScale(10)).toBe(1);
    expect(readableMinScale(8)).toBe(1);
  });

  it('leaves an unmeasured terminal alone', () => {
    expect(fitScale({ width: 0, height: 0 }, { width: 800, height: 600 }, 0.5)).toBe(1);
    expect(fitScale({ width: 100, height: 100 }, { width: 0, height: 0 }, 0.5)).toBe(1);
  });
});
