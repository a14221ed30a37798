import { describe, expect, it } from 'vitest';
import { fullBucket, JoinLimiter, takeToken } from '../../relay/rate-limit';

describe('token buckets', () => {
  it('allow a burst, then the refill rate', () => {
    const bucket = fullBucket(3, 0);
    expect([1, 2, 3, 4].map(() => takeToken(bucket, 3, 1 / 1000, 0))).toEqual([true, true, true, false]);
    expect(takeToken(bucket, 3, 1 / 1000, 500)).toBe(false);
    expect(takeToken(bucket, 3, 1 / 1000, 1000)).toBe(true);
    // Refill never exceeds the capacity.
    expect([1, 2, 3, 4].map(() => takeToken(bucket, 3, 1 / 1000, 1_000_000))).toEqual([true, true, true, false]);
  });

  it('count joins per IP independently', () => {
    const joins = new JoinLimiter(2);
    expect([joins.allow('a', 0), joins.allow('a', 0), joins.allow('a', 0)]).toEqual([true, true, false]);
    expect(joins.allow('b', 0)).toBe(true);
    // 2 per minute: one more after 30 s.
    expect(joins.allow('a', 30_000)).toBe(true);
    expect(joins.allow('a', 30_000)).toBe(false);
  });

  it('keep the per-IP map bounded: idle IPs are swept, and the oldest go past the cap', () => {
    const joins = new JoinLimiter(10, 100);
    for (let i = 0; i < 1_000; i++) joins.allow(`10.0.${i >> 8}.${i & 255}`, 0);
    expect(joins.size).toBe(100);
    joins.allow('busy', 0);
    // Before their buckets refill, the IPs are remembered (still capped)...
    joins.sweep(1_000);
    expect(joins.size).toBe(100);
    // ...and once refilled they carry no information and are dropped.
    joins.sweep(60_000);
    expect(joins.size).toBe(0);
  });
});
