import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from '../../../src/renderer/terminal/output-batcher';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('OutputBatcher', () => {
  let sent: { seq: number; text: string }[];
  let batcher: OutputBatcher;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    batcher = new OutputBatcher((seq, data) => sent.push({ seq, text: text(data) }), {
      minIntervalMs: 5,
      maxBatchBytes: 10,
      now: () => Date.now(),
    });
  });
  afterEach(() => {
    batcher.dispose();
    vi.useRealTimers();
  });

  it('sends a lone chunk (a keystroke echo) at once', () => {
    batcher.push(0, bytes('a'));
    expect(sent).toEqual([{ seq: 0, text: 'a' }]);
    vi.advanceTimersByTime(100);
    batcher.push(1, bytes('b'));
    expect(sent).toEqual([
      { seq: 0, text: 'a' },
      { seq: 1, text: 'b' },
    ]);
  });

  it('merges a burst into one frame per interval', () => {
    batcher.push(0, bytes('a'));
    batcher.push(1, bytes('b'));
    batcher.push(2, bytes('c'));
    expect(sent).toEqual([{ seq: 0, text: 'a' }]);
    vi.advanceTimersByTime(5);
    expect(sent).toEqual([
      { seq: 0, text: 'a' },
      { seq: 1, text: 'bc' },
    ]);
  });

  it('sends a full batch without waiting', () => {
    batcher.push(0, bytes('a'));
    batcher.push(1, bytes('0123456789'));
    expect(sent.at(-1)).toEqual({ seq: 1, text: '0123456789' });
  });

  it('never merges chunks that are not contiguous', () => {
    batcher.push(0, bytes('a'));
    batcher.push(1, bytes('b'));
    batcher.push(50, bytes('z'));
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([
      { seq: 0, text: 'a' },
      { seq: 1, text: 'b' },
      { seq: 50, text: 'z' },
    ]);
  });

  it('keeps a flood to about one frame per interval', () => {
    for (let i = 0; i < 1000; i++) {
      batcher.push(i, bytes('x'));
      vi.advanceTimersByTime(0.1);
    }
    batcher.flush();
    // 100 ms of flood at 1 byte per 0.1 ms: batches of 10 bytes (full), never one frame per chunk.
    expect(sent.length).toBeLessThanOrEqual(101);
    expect(sent.map((s) => s.text).join('')).toBe('x'.repeat(1000));
  });
});
