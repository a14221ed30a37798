/**
 * Token buckets: `capacity` tokens, refilled at `perMs` tokens a millisecond; each message
 * takes one. Kept as a plain mutable record so the per-message check allocates nothing.
 */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

/** A full bucket, as a new connection or client IP gets. */
export function fullBucket(capacity: number, now: number): TokenBucket {
  return { tokens: capacity, updatedAt: now };
}

/** Takes one token; false when the bucket is empty (the caller rejects the message). */
export function takeToken(bucket: TokenBucket, capacity: number, perMs: number, now: number): boolean {
  const refilled = bucket.tokens + (now - bucket.updatedAt) * perMs;
  bucket.tokens = refilled > capacity ? capacity : refilled;
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/**
 * `hello` attempts per client IP (`joinsPerMinute`). The map stays bounded: entries whose
 * bucket has refilled are useless and are swept, and past `maxEntries` the oldest go first.
 */
export class JoinLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly maxEntries = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Counts one hello from `ip`; false when the IP is over its budget. */
  allow(ip: string, now = Date.now()): boolean {
    let bucket = this.buckets.get(ip);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxEntries) this.evictOldest();
      bucket = fullBucket(this.perMinute, now);
      this.buckets.set(ip, bucket);
    }
    return takeToken(bucket, this.perMinute, this.perMs, now);
  }

  /** Drops IPs whose bucket is full again: they carry no information. */
  sweep(now = Date.now()): void {
    for (const [ip, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.perMinute) this.buckets.delete(ip);
    }
  }

  /** How many IPs are tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private evictOldest(): void {
    const oldest = this.buckets.keys().next();
    if (oldest.done !== true) this.buckets.delete(oldest.value);
  }
}
