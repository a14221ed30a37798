import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBenchRedis } from '../../bench/relays/redis';

describe("the bench's redis-server", () => {
  it('starts on a free loopback port, reports used_memory from INFO memory, and stops by its own pid', async () => {
    const redis = await startBenchRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await redis.usedMemory()).toBeGreaterThan(100_000);
      expect(existsSync(`/proc/${redis.pid}`)).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(existsSync(`/proc/${redis.pid}`)).toBe(false);
  }, 20_000);
});
