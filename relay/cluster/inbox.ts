import type { Logger } from 'pino';
import { decodeBatch, decodeEnvelope, encodeBatch, encodeEnvelope, type Envelope } from './envelope';
import { keys } from './keys';
import type { RedisClients } from './redis-clients';

/** Entries an inbox keeps (approximately): a reader that falls this far behind loses the oldest. */
export const INBOX_MAXLEN = 100_000;
/** How long one blocking read waits before looping (so a stop is noticed). */
const BLOCK_MS = 1_000;

/** Bus traffic, for /metrics. */
export interface BusCounters {
  published: number;
  received: number;
  /** Envelopes not sent because Redis was away. */
  unsent: number;
  /** Milliseconds between the newest entry read being added and being read. */
  lagMs: number;
}

/**
 * This node's inbox — one Redis stream that only this node reads, with one blocking
 * `XREAD` loop — and posting to other nodes' inboxes (`XADD … MAXLEN ~`). One stream per node
 * keeps order per path and makes a node's cost independent of how many sessions exist.
 */
export class Inbox {
  readonly counters: BusCounters = { published: 0, received: 0, unsent: 0, lagMs: 0 };
  private lastId: string | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly clients: RedisClients,
    /** This node's bus address. */
    readonly self: string,
    private readonly deliver: (from: string, envelope: Envelope) => void,
    private readonly log: Logger,
  ) {}

  /** Starts reading (from what arrives after now). */
  start(): void {
    this.loop ??= this.read();
  }

  /**
   * Sends envelopes to another node's inbox as one entry (one `XADD`, however many there are);
   * dropped (and counted) while Redis is away.
   */
  post(to: string, envelopes: readonly Envelope[]): void {
    if (envelopes.length === 0) return;
    if (!this.clients.commands.isReady) {
      this.counters.unsent += envelopes.length;
      return;
    }
    this.counters.published += envelopes.length;
    const entry: Record<string, string | Buffer> =
      envelopes.length === 1 ? { f: this.self, m: encodeEnvelope(envelopes[0]!) } : { f: this.self, b: encodeBatch(envelopes) };
    this.clients.commands
      .xAdd(keys.inbox(to), '*', entry, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: INBOX_MAXLEN } })
      .catch((error: unknown) => {
        this.counters.unsent += envelopes.length;
        this.log.debug({ err: error, to }, 'bus post failed');
      });
  }

  /** Stops the loop (the blocking read returns within a second, or at once when the connection closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async read(): Promise<void> {
    const key = keys.inbox(this.self);
    while (!this.stopped) {
      if (!this.clients.reader.isReady) {
        await pause(50);
        continue;
      }
      try {
        // Where to start: after whatever the stream already holds (nothing old is meant for us).
        this.lastId ??= await this.newestId(key);
        const reply = await this.clients.reader.xRead({ key, id: this.lastId }, { BLOCK: BLOCK_MS, COUNT: 512 });
        if (reply === null || !Array.isArray(reply)) continue;
        for (const stream of reply as { messages: { id: Buffer; message: Record<string, Buffer> }[] }[]) {
          for (const { id, message } of stream.messages) this.take(id.toString(), message);
        }
      } catch (error) {
        if (this.stopped) break;
        this.log.debug({ err: error }, 'inbox read failed; retrying');
        await pause(100);
      }
    }
  }

  private take(id: string, message: Record<string, Buffer>): void {
    this.lastId = id;
    this.counters.lagMs = Math.max(0, Date.now() - Number(id.slice(0, id.indexOf('-'))));
    const from = message['f']?.toString();
    const single = message['m'] === undefined ? undefined : decodeEnvelope(message['m']);
    const envelopes = single !== undefined ? [single] : message['b'] === undefined ? undefined : decodeBatch(message['b']);
    if (from === undefined || envelopes === undefined) {
      this.log.warn({ id }, 'inbox entry not understood; skipped');
      return;
    }
    for (const envelope of envelopes) {
      this.counters.received++;
      try {
        this.deliver(from, envelope);
      } catch (error) {
        // One bad envelope must not stop the node reading everything after it.
        this.log.error({ err: error, id, kind: envelope.kind }, 'inbox entry failed');
      }
    }
  }

  private async newestId(key: string): Promise<string> {
    const newest = (await this.clients.commands.xRevRange(key, '+', '-', { COUNT: 1 })) as { id: string }[];
    return newest[0]?.id ?? '0-0';
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
