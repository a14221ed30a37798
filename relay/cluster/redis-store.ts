import type { Logger } from 'pino';
import { MemoryStore } from '../store/memory-store';
import { RECORD_TTL_MS } from '../store/relay-store';
import { applyEntry, entriesOf, RecordEntry, type SessionRecord } from '../store/session-record';
import { keys } from './keys';
import type { CommandClient } from './redis-clients';

/** The code key's value once its session ended: never handed out again, never joinable. */
const ENDED = 'ended:';

/** The registry is unreachable: the caller refuses with `registry-unavailable`. */
export class RegistryUnavailableError extends Error {
  readonly code = 'registry-unavailable';
  constructor(cause: unknown) {
    super('the cluster registry (Redis) is unreachable', { cause });
    this.name = 'RegistryUnavailableError';
  }
}

/**
 * Session records in Redis, so that any node can rebuild a session whose owner died: each a
 * list of JSON entries under `{sid}`, kept a token lifetime; invite codes claimed with
 * `SET NX` so two nodes never hand out the same one. The records of sessions this node holds
 * are mirrored in memory: while Redis is away their entries are kept here (nothing a host
 * decides is held up), and when it is back — even empty after a restart — `heal` writes them
 * again in full.
 */
export class RedisStore extends MemoryStore {
  override readonly immediate = false;
  /** Sessions whose record in Redis may be behind the one in memory. */
  private readonly dirty = new Set<string>();

  constructor(
    private readonly redis: CommandClient,
    private readonly log: Logger,
  ) {
    super();
  }

  /** The record in Redis (the previous owner's, when this node takes a session over); it is mirrored here from now on. */
  override async get(sid: string): Promise<SessionRecord | undefined> {
    const lines = await this.ask(() => this.redis.lRange(keys.record(sid), 0, -1));
    const records = new Map<string, SessionRecord>();
    for (const line of lines) {
      const entry = RecordEntry.safeParse(parseJson(line));
      if (entry.success) applyEntry(records, entry.data);
    }
    const record = records.get(sid);
    if (record !== undefined) {
      this.book.records.set(sid, record);
      this.book.reserve(record.code, sid);
    }
    return record;
  }

  override async sessionForCode(code: string): Promise<string | undefined> {
    const sid = await this.ask(() => this.redis.get(keys.code(code)));
    return sid === null || sid.startsWith(ENDED) ? undefined : sid;
  }

  override async claimCode(code: string, sid: string): Promise<boolean> {
    const set = await this.ask(() => this.redis.set(keys.code(code), sid, { condition: 'NX', expiration: { type: 'PX', value: RECORD_TTL_MS } }));
    return set === 'OK';
  }

  override async append(entries: readonly RecordEntry[]): Promise<void> {
    await super.append(entries);
    const sids = new Set(entries.map((entry) => entry.sid));
    if (!this.redis.isReady) {
      for (const sid of sids) this.dirty.add(sid);
      return;
    }
    const multi = this.redis.multi();
    for (const sid of sids) {
      const lines = entries.filter((entry) => entry.sid === sid).map((entry) => JSON.stringify(entry));
      multi.rPush(keys.record(sid), lines).pExpire(keys.record(sid), RECORD_TTL_MS);
      const ended = entries.find((entry) => entry.sid === sid && entry.t === 'end');
      const record = this.book.get(sid);
      if (ended !== undefined && record !== undefined) {
        multi.set(keys.code(record.code), `${ENDED}${sid}`, { expiration: { type: 'PX', value: RECORD_TTL_MS } });
      }
    }
    try {
      await multi.exec();
    } catch (error) {
      for (const sid of sids) this.dirty.add(sid);
      throw error;
    }
    for (const sid of sids) if (this.book.get(sid)?.ended === true) this.forget(sid);
  }

  /**
   * Writes again, in full, the records of the sessions this node holds (and of any whose
   * writes failed): after Redis restarted empty, or came back from a partition.
   */
  async heal(held: readonly string[]): Promise<void> {
    const sids = new Set([...held, ...this.dirty]);
    for (const sid of sids) {
      const record = this.book.get(sid);
      if (record === undefined) continue;
      const lines = entriesOf(record).map((entry) => JSON.stringify(entry));
      const code = record.ended ? `${ENDED}${sid}` : sid;
      await this.redis
        .multi()
        .del(keys.record(sid))
        .rPush(keys.record(sid), lines)
        .pExpire(keys.record(sid), RECORD_TTL_MS)
        .set(keys.code(record.code), code, { condition: 'NX', expiration: { type: 'PX', value: RECORD_TTL_MS } })
        .exec();
      this.dirty.delete(sid);
      if (record.ended) this.forget(sid);
    }
    if (sids.size > 0) this.log.info({ sessions: sids.size }, 'session records written again to redis');
  }

  /** Stops mirroring a session this node no longer holds. */
  forget(sid: string): void {
    this.book.records.delete(sid);
  }

  private async ask<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new RegistryUnavailableError(error);
    }
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    // Counted as unreadable by the caller's schema check, like any malformed entry.
    return undefined;
  }
}
