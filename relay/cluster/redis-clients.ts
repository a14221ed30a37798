import { createClient, RESP_TYPES } from '@redis/client';
import type { Logger } from 'pino';

/** How quickly a lost Redis connection is retried: 50 ms doubling to 1 s. */
function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, 1_000);
}

/** A node-redis client as the cluster uses them (fail-fast while disconnected, quick reconnects). */
export function makeClient(url: string) {
  // Commands fail at once while Redis is away instead of queueing: callers know they are degraded.
  return createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: reconnectDelay, connectTimeout: 2_000 } });
}

export type CommandClient = ReturnType<typeof makeClient>;
export type BinaryClient = ReturnType<CommandClient['withTypeMapping']>;

/** Things to do when Redis comes and goes. */
export interface RedisEvents {
  /** Both connections are (back) up. */
  ready(): void;
  /** A connection to Redis is lost. */
  down(): void;
}

/**
 * The node's two Redis connections — one for commands, one that blocks on the inbox — with
 * node-redis's own reconnects, and one notion of "up" for both.
 */
export class RedisClients {
  readonly commands: CommandClient;
  /** The command connection, replying with bytes (inbox entries). */
  readonly binary: BinaryClient;
  readonly reader: BinaryClient;
  private readonly readerRaw: CommandClient;
  /** Times a connection was lost and came back. */
  reconnects = 0;
  private up = false;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger,
    private readonly events: RedisEvents,
  ) {
    this.commands = makeClient(url);
    this.readerRaw = makeClient(url);
    const toBytes = { [RESP_TYPES.BLOB_STRING]: Buffer } as const;
    this.binary = this.commands.withTypeMapping(toBytes);
    this.reader = this.readerRaw.withTypeMapping(toBytes);
    for (const client of [this.commands, this.readerRaw]) {
      client.on('error', (error: Error) => this.log.debug({ err: error }, 'redis connection error'));
      client.on('ready', () => this.changed());
      client.on('end', () => this.changed());
      client.on('reconnecting', () => {
        this.reconnects++;
        this.changed();
      });
    }
  }

  /** Whether both connections are usable right now. */
  get ready(): boolean {
    return this.commands.isReady && this.readerRaw.isReady;
  }

  /** Starts connecting; resolves once up, or after `waitMs` (the node then starts degraded and keeps trying). */
  async start(waitMs: number): Promise<void> {
    const connecting = Promise.all([this.commands.connect(), this.readerRaw.connect()]);
    connecting.catch((error: unknown) => this.log.warn({ err: error }, 'redis not reachable yet; retrying'));
    await Promise.race([connecting.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  /** Closes both connections for good. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.commands.isOpen ? this.commands.close() : undefined, this.readerRaw.isOpen ? this.readerRaw.destroy() : undefined]);
  }

  private changed(): void {
    if (this.closed) return;
    const up = this.ready;
    if (up === this.up) return;
    this.up = up;
    if (up) {
      this.log.info('redis connected');
      this.events.ready();
    } else {
      this.log.warn('redis connection lost; sessions on this node go on, cross-node members reconnect');
      this.events.down();
    }
  }
}
