import type { Logger } from 'pino';
import type { Limits } from '../../src/shared/protocol';
import type { AddressLimits } from '../address-limits';
import { keys, minuteOf } from './keys';
import { OWNER_TTL_MS } from './registry';
import type { CommandClient } from './redis-clients';

// Takes a session place for an address unless it holds the maximum (expired places drop out first).
const HOLD = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/**
 * The per-address and relay-wide limits counted in Redis, so they hold across every node of
 * a cluster: hellos per address and failed look-ups in fixed one-minute windows, sessions per
 * address as a sorted set whose places expire unless their owner refreshes them. While Redis
 * is away the node falls back to counting on its own.
 */
export class RedisAddressLimits implements AddressLimits {
  /** Sessions this node holds, by the address whose place they took (refreshed with the owner keys). */
  private readonly held = new Map<string, string>();
  private exhausted = false;

  constructor(
    private readonly redis: CommandClient,
    private readonly limits: Limits,
    private readonly local: AddressLimits,
    private readonly log: Logger,
  ) {}

  async allowJoin(ip: string): Promise<boolean> {
    if (!this.redis.isReady) return this.local.allowJoin(ip);
    const key = keys.joins(ip, minuteOf(Date.now()));
    try {
      const [count] = (await this.redis.multi().incr(key).pExpire(key, 60_000).exec()) as unknown as [number, number];
      return count <= this.limits.joinsPerMinute;
    } catch (error) {
      this.log.debug({ err: error }, 'join limit: redis unavailable, counting locally');
      return this.local.allowJoin(ip);
    }
  }

  async mayLookUp(ip: string): Promise<boolean> {
    if (!this.redis.isReady) return this.local.mayLookUp(ip);
    try {
      const [failed, recent] = await this.redis.mGet([keys.lookups(minuteOf(Date.now())), keys.failed(ip)]);
      this.exhausted = Number(failed ?? 0) >= this.limits.failedLookupsPerMinute;
      return !this.exhausted || recent === null;
    } catch (error) {
      this.log.debug({ err: error }, 'look-up budget: redis unavailable, counting locally');
      return this.local.mayLookUp(ip);
    }
  }

  lookupFailed(ip: string): void {
    this.local.lookupFailed(ip);
    if (!this.redis.isReady) return;
    const window = keys.lookups(minuteOf(Date.now()));
    this.redis
      .multi()
      .incr(window)
      .pExpire(window, 120_000)
      .set(keys.failed(ip), '1', { expiration: { type: 'PX', value: 60_000 } })
      .exec()
      .catch((error: unknown) => this.log.debug({ err: error }, 'look-up budget: not counted'));
  }

  async holdSession(ip: string, sid: string): Promise<boolean> {
    if (!this.redis.isReady) return this.local.holdSession(ip, sid);
    const now = Date.now();
    const result = await this.redis.eval(HOLD, {
      keys: [keys.sessions(ip)],
      arguments: [String(now), String(this.limits.maxSessionsPerIp), String(now + OWNER_TTL_MS), sid, String(OWNER_TTL_MS)],
    });
    if (result !== 1) return false;
    this.held.set(sid, ip);
    return true;
  }

  releaseSession(ip: string, sid: string): void {
    this.held.delete(sid);
    this.local.releaseSession(ip, sid);
    if (this.redis.isReady) this.redis.zRem(keys.sessions(ip), sid).catch(() => undefined);
  }

  /** Keeps the places of the sessions this node holds from expiring (with the owner keys). */
  async refresh(): Promise<void> {
    if (this.held.size === 0) return;
    const until = Date.now() + OWNER_TTL_MS;
    const multi = this.redis.multi();
    for (const [sid, ip] of this.held) multi.zAdd(keys.sessions(ip), { score: until, value: sid }, { XX: true }).pExpire(keys.sessions(ip), OWNER_TTL_MS);
    await multi.exec();
  }

  lookupBudgetExhausted(): boolean {
    return this.redis.isReady ? this.exhausted : this.local.lookupBudgetExhausted();
  }

  sweep(): void {
    this.local.sweep();
  }
}
