import { fullBucket, takeToken, type TokenBucket } from './rate-limit';

/**
 * How many of something each client address holds right now (sessions it created, knocks it
 * has waiting). Entries at zero are deleted, so the map holds only addresses in use.
 */
export class IpCounter {
  private readonly counts = new Map<string, number>();

  /** What `ip` holds. */
  count(ip: string): number {
    return this.counts.get(ip) ?? 0;
  }

  /** Adds `delta` (±1) to what `ip` holds. */
  add(ip: string, delta: number): void {
    const next = this.count(ip) + delta;
    if (next > 0) this.counts.set(ip, next);
    else this.counts.delete(ip);
  }

  /** Addresses holding anything (for tests and metrics). */
  get size(): number {
    return this.counts.size;
  }
}

/**
 * A relay-wide budget of failed invite-code look-ups (`failedLookupsPerMinute`), so that
 * guessing codes from many addresses is as slow as from a few. While the budget is spent,
 * addresses that failed a look-up within the last minute are refused before their code is
 * looked at; everyone else's code is still looked up, so a real candidate typing a valid
 * code gets in. The map of recent failures is bounded and swept.
 */
export class LookupBudget {
  private readonly bucket: TokenBucket;
  private readonly perMs: number;
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly maxTracked = 100_000,
    now = Date.now(),
  ) {
    this.perMs = perMinute / 60_000;
    this.bucket = fullBucket(perMinute, now);
  }

  /** False when `ip` must not look a code up now (the budget is spent and `ip` failed recently). */
  mayLookUp(ip: string, now = Date.now()): boolean {
    if (this.available(now) >= 1) return true;
    const last = this.failedAt.get(ip);
    return last === undefined || now - last >= 60_000;
  }

  /** Records a failed look-up from `ip`. */
  failed(ip: string, now = Date.now()): void {
    takeToken(this.bucket, this.perMinute, this.perMs, now);
    this.failedAt.delete(ip);
    if (this.failedAt.size >= this.maxTracked) {
      const oldest = this.failedAt.keys().next();
      if (oldest.done !== true) this.failedAt.delete(oldest.value);
    }
    this.failedAt.set(ip, now);
  }

  /** Whether the budget is spent right now (for the metrics gauge). */
  exhausted(now = Date.now()): boolean {
    return this.available(now) < 1;
  }

  /** Forgets failures older than a minute (insertion order is time order). */
  sweep(now = Date.now()): void {
    for (const [ip, at] of this.failedAt) {
      if (now - at < 60_000) break;
      this.failedAt.delete(ip);
    }
  }

  private available(now: number): number {
    return Math.min(this.perMinute, this.bucket.tokens + (now - this.bucket.updatedAt) * this.perMs);
  }
}
