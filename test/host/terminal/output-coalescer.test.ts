import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputCoalescer } from '../../../src/host/terminal/output-coalescer';

describe('output coalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds a lone keystroke echo for no more than the delay', () => {
    const chunks: string[] = [];
    const coalescer = new OutputCoalescer(4, 1024, (chunk) => chunks.push(chunk.toString()));
    coalescer.push(Buffer.from('a'));
    vi.advanceTimersByTime(3);
    coalescer.push(Buffer.from('b'));
    expect(chunks).toEqual([]);
    // The delay runs from the first byte: a steady trickle cannot postpone it.
    vi.advanceTimersByTime(1);
    expect(chunks).toEqual(['ab']);
  });

  it('sends full chunks at once and never a chunk above the bound', () => {
    const chunks: Buffer[] = [];
    const coalescer = new OutputCoalescer(4, 1000, (chunk) => chunks.push(chunk));
    coalescer.push(Buffer.alloc(600, 1));
    coalescer.push(Buffer.alloc(2900, 2));
    expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 1000]);
    expect(coalescer.pendingBytes()).toBe(500);
    vi.advanceTimersByTime(4);
    expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 1000, 500]);
    expect(Buffer.concat(chunks)).toEqual(Buffer.concat([Buffer.alloc(600, 1), Buffer.alloc(2900, 2)]));
  });
});
