import { describe, expect, it } from 'vitest';
import { OutputRing } from '../../../src/host/terminal/output-ring';

describe('output ring', () => {
  it('keeps the most recent bytes by stream offset across wrap-around', () => {
    const ring = new OutputRing(10);
    const stream = Buffer.from('abcdefghijklmnopqrstuvwxyz');
    for (let at = 0; at < stream.length; at += 3) ring.append(stream.subarray(at, at + 3));
    expect(ring.end()).toBe(26);
    expect(ring.start()).toBe(16);
    expect(Buffer.from(ring.since(16)).toString()).toBe('qrstuvwxyz');
    expect(Buffer.from(ring.since(20)).toString()).toBe('uvwxyz');
    expect(ring.since(26)).toEqual(new Uint8Array(0));
    expect(ring.holds(15)).toBe(false);
    expect(ring.holds(27)).toBe(false);
    expect(() => ring.since(15)).toThrow(RangeError);
  });

  it('takes a chunk larger than itself by keeping its tail', () => {
    const ring = new OutputRing(4);
    ring.append(Buffer.from('12'));
    ring.append(Buffer.from('abcdefg'));
    expect(ring.start()).toBe(5);
    expect(Buffer.from(ring.since(5)).toString()).toBe('defg');
  });
});
