import { describe, expect, it } from 'vitest';
import { SendQueue } from '../../../src/shared/session-client/send-queue';

describe('send queue while reconnecting', () => {
  it('keeps frames in order and empties on drain', () => {
    const queue = new SendQueue(100);
    queue.push(new Uint8Array([1]));
    queue.push(new Uint8Array([2, 2]));
    expect(queue.queuedBytes).toBe(3);
    expect(queue.drain().map((f) => f[0])).toEqual([1, 2]);
    expect(queue.queuedBytes).toBe(0);
    expect(queue.drain()).toEqual([]);
  });

  it('stays within its byte bound by dropping the oldest frames', () => {
    const queue = new SendQueue(10);
    for (let i = 0; i < 10; i++) queue.push(new Uint8Array(4).fill(i));
    expect(queue.queuedBytes).toBeLessThanOrEqual(10);
    expect(queue.drain().map((f) => f[0])).toEqual([8, 9]);
    expect(queue.dropped).toBe(8);
  });

  it('refuses a frame larger than the whole bound', () => {
    const queue = new SendQueue(10);
    queue.push(new Uint8Array(11));
    expect(queue.queuedBytes).toBe(0);
    expect(queue.dropped).toBe(1);
  });
});
