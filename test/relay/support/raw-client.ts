import { WebSocket, type ClientOptions } from 'ws';
import {
  PROTOCOL_VERSION,
  RelayMessage,
  decodeFrame,
  encodeFrame,
  type ChannelId,
  type DataFrame,
  type RelayMessageOf,
} from '../../../src/shared/protocol';

/** How a connection ended. */
export interface Closed {
  code: number;
  reason: string;
}

type Waiter = { list: unknown[]; match: (item: unknown) => boolean; resolve: (item: never) => void };

const DEFAULT_WAIT_MS = 3_000;

/**
 * A raw protocol client for relay tests: it speaks the wire format directly (no session
 * client), validates every relay message against the schema, and lets a test wait for the
 * next message of a type, the next frame, or the close.
 */
export class RawClient {
  /** Every control message received, in order. */
  readonly messages: RelayMessage[] = [];
  /** Every data frame received, in order. */
  readonly frames: DataFrame[] = [];
  /** Resolves with the close code and reason, whoever closed. */
  readonly closed: Promise<Closed>;
  private readonly consumed = new Set<unknown>();
  private waiters: Waiter[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    ws.on('error', () => {
      // The close event that follows carries what the tests look at.
    });
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        const frame = decodeFrame(new Uint8Array(data));
        if (typeof frame === 'string') throw new Error(`relay sent a malformed frame: ${frame}`);
        this.push(this.frames, frame);
      } else {
        this.push(this.messages, RelayMessage.parse(JSON.parse(data.toString())));
      }
    });
  }

  /** Opens a connection and waits until it is open. */
  static async connect(url: string, options?: ClientOptions): Promise<RawClient> {
    const ws = new WebSocket(url, options);
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Sends a control message (any JSON, valid or not). */
  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends raw text or bytes. */
  sendRaw(data: string | Uint8Array): void {
    this.ws.send(data);
  }

  /** Sends `hello` with protocol v1 defaults. */
  hello(fields: { intent: 'create' | 'join' | 'resume'; name?: string; code?: string; token?: string; autoAdmit?: boolean }): void {
    this.send({ type: 'hello', v: PROTOCOL_VERSION, name: fields.name ?? 'someone', ...fields });
  }

  /** Sends a data frame. */
  sendFrame(channel: ChannelId | number, to: number, payload: Uint8Array): void {
    this.ws.send(encodeFrame(channel as ChannelId, to, payload));
  }

  /** The next not-yet-awaited control message of this type (optionally matching `where`). */
  waitFor<T extends RelayMessage['type']>(
    type: T,
    where: (message: RelayMessageOf<T>) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RelayMessageOf<T>> {
    return this.take(
      this.messages,
      (m) => (m as RelayMessage).type === type && where(m as RelayMessageOf<T>),
      `message ${type}`,
      timeoutMs,
    ) as Promise<RelayMessageOf<T>>;
  }

  /** The next not-yet-awaited data frame (optionally matching `where`). */
  waitForFrame(where: (frame: DataFrame) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<DataFrame> {
    return this.take(this.frames, (f) => where(f as DataFrame), 'frame', timeoutMs) as Promise<DataFrame>;
  }

  /** Resolves with the close, or rejects if it does not come in time. */
  async waitForClose(timeoutMs = DEFAULT_WAIT_MS): Promise<Closed> {
    return withTimeout(this.closed, timeoutMs, 'close');
  }

  /** Types of the control messages received so far, in order (for presence-order assertions). */
  types(): string[] {
    return this.messages.map((m) => m.type);
  }

  /** Closes from the client side and waits for the close to complete. */
  async close(code = 1000): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState !== WebSocket.CLOSING) this.ws.close(code);
    await withTimeout(this.closed, DEFAULT_WAIT_MS, 'close').catch(() => this.ws.terminate());
  }

  /** Drops the TCP connection without a closing handshake (a network drop). */
  terminate(): void {
    this.ws.terminate();
  }

  private push(list: unknown[], item: unknown): void {
    list.push(item);
    const waiter = this.waiters.find((w) => w.list === list && w.match(item));
    if (waiter === undefined) return;
    this.waiters = this.waiters.filter((w) => w !== waiter);
    this.consumed.add(item);
    waiter.resolve(item as never);
  }

  private take(list: unknown[], match: (item: unknown) => boolean, what: string, timeoutMs: number): Promise<unknown> {
    const found = list.find((item) => !this.consumed.has(item) && match(item));
    if (found !== undefined) {
      this.consumed.add(found);
      return Promise.resolve(found);
    }
    let waiter: Waiter | undefined;
    const pending = new Promise<unknown>((resolve) => {
      waiter = { list, match: (item) => !this.consumed.has(item) && match(item), resolve };
      this.waiters.push(waiter);
    });
    return withTimeout(pending, timeoutMs, what).catch((error: Error) => {
      // A late message must not be swallowed by a waiter nobody listens to any more.
      this.waiters = this.waiters.filter((w) => w !== waiter);
      throw new Error(`${error.message} (received so far: ${this.types().join(', ') || 'nothing'})`);
    });
  }
}

/** Rejects with a readable message when `promise` does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
