import { Emitter, type Unsubscribe } from '../lifecycle';
import { now, timers } from '../platform';
import type { ClientMessage } from '../protocol';
import { backoffDelay, type BackoffOptions } from './backoff';
import { SendQueue } from './send-queue';
import { OPEN, type CloseEventLike, type MessageEventLike, type WebSocketConstructorLike, type WebSocketLike } from './web-socket';

export interface RelayConnectionOptions {
  /** Relay WebSocket URL, e.g. ws://127.0.0.1:8787/ws. */
  url: string;
  /** `globalThis.WebSocket` in browsers, the `ws` package in Node. */
  WebSocket: WebSocketConstructorLike;
  reconnect: BackoffOptions;
  /** Ping period (the relay answers each with a pong, so a live link is never silent much longer). */
  pingIntervalMs: number;
  /** Silence longer than this makes the link `unstable` (a pong is late). */
  unstableAfterMs: number;
  /** Silence longer than this gives the socket up as dead (`down` with CONNECTION_LOST). */
  deadAfterMs: number;
  /** Bound on data frames queued while the link is not ready. */
  maxQueuedBytes: number;
}

/** What a socket's close said (or `connection-lost` when it went silent and was given up). */
export interface LinkDown {
  code: number;
  reason: string;
}

export interface RelayConnectionEvents {
  /** A socket is open: the owner sends its `hello` now. */
  open: () => void;
  /** A control message (JSON text) arrived. */
  text: (text: string) => void;
  /** A data frame arrived. */
  binary: (bytes: Uint8Array) => void;
  /** The socket closed or went silent. The owner decides: reconnect() or close(). */
  down: (down: LinkDown) => void;
  /** The open socket went quiet past `unstableAfterMs` (true), or was heard again (false). */
  unstable: (unstable: boolean) => void;
}

/** Close code reported for a socket given up because it went silent (RFC 6455 "abnormal closure"). */
export const CONNECTION_LOST = 1006;

/** How often the link checks its silence: fine enough that "dead" is seen within a quarter second of its bound. */
const HEALTH_CHECK_MS = 250;

/** A check this many periods late means our timers were held back, not that the link is quiet. */
const THROTTLED_CHECKS = 4;

/**
 * Our own unsent bytes beyond which silence is expected, not alarming: our ping waits behind
 * them on the way out (a big paste on a slow uplink), so the link is only called unstable.
 * Pings alone (a few dozen bytes each) never come near it.
 */
const BUSY_UPLINK_BYTES = 64 * 1024;

/** How the relay's answer to a ping starts (it writes `{"type":"pong","t":…}`, keys in that order). */
const PONG_PREFIX = '{"type":"pong"';

/**
 * One member's link to the relay, below the protocol (the role sshx's srocket.ts plays): a
 * WebSocket that is replaced with backoff when asked, pings that find a silent link, and a
 * bounded queue for data frames sent while the link is not ready. It knows nothing of
 * sessions; the SessionClient on top says when the link is ready for data (after `welcome`)
 * and whether a close is final.
 */
export class RelayConnection {
  private readonly events = new Emitter<RelayConnectionEvents>();
  private readonly queue: SendQueue;
  private ws: WebSocketLike | undefined;
  private attempt = 0;
  private reconnectTimer: unknown;
  private pingTimer: unknown;
  private healthTimer: unknown;
  private lastHeard = 0;
  /** A late health check has excused the silence since we last heard anything (once only). */
  private excused = false;
  private isUnstable = false;
  private isReady = false;
  private closed = false;

  constructor(private readonly options: RelayConnectionOptions) {
    this.queue = new SendQueue(options.maxQueuedBytes);
  }

  /** Adds an event listener; call the returned function to remove it. */
  on<E extends keyof RelayConnectionEvents>(event: E, listener: RelayConnectionEvents[E]): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Opens the first socket. */
  connect(): void {
    if (this.closed || this.ws) return;
    const ws = new this.options.WebSocket(this.options.url);
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.lastHeard = now();
      this.excused = false;
      this.startPinging(ws);
      this.events.emit('open');
    };
    ws.onmessage = ((event: MessageEventLike) => this.receive(event.data)) as (event: never) => unknown;
    ws.onclose = ((event: CloseEventLike) => {
      if (ws !== this.ws) return;
      this.lost(ws, { code: event.code, reason: event.reason });
    }) as (event: never) => unknown;
    ws.onerror = () => undefined; // a close event always follows; handled there
  }

  /** Sends a control message if a socket is open; false when there is none to send it on. */
  sendControl(message: ClientMessage): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  }

  /** Sends a data frame now when the link is ready, else queues it (oldest dropped past the bound). */
  sendFrame(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.isReady && this.ws?.readyState === OPEN) this.ws.send(frame);
    else this.queue.push(frame);
  }

  /** The relay accepted us on this socket: queued frames go out, and the backoff starts over. */
  ready(): void {
    this.isReady = true;
    this.attempt = 0;
    for (const frame of this.queue.drain()) this.ws?.send(frame);
  }

  /** After `down`: opens a new socket after the next backoff delay. */
  reconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    const delay = backoffDelay(this.attempt++, this.options.reconnect);
    this.reconnectTimer = timers.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  /** Ends the link for good: no reconnect, queued frames dropped, the socket closed with `code`. */
  close(code: number): void {
    const ws = this.end();
    ws?.close(code);
  }

  /**
   * Ends the link for good like close(), but leaves the open socket for the relay to close:
   * it does so right after our `leave`, which closing first could race on some stacks.
   */
  release(): void {
    this.end();
  }

  private end(): WebSocketLike | undefined {
    if (this.closed) return undefined;
    this.closed = true;
    this.isReady = false;
    this.stopPinging();
    if (this.reconnectTimer !== undefined) timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.queue.drain();
    this.events.clear();
    const ws = this.ws;
    if (ws) this.detach(ws);
    return ws;
  }

  /** Bytes of data frames waiting for the link to be ready. */
  get queuedBytes(): number {
    return this.queue.queuedBytes;
  }

  /** Bytes not yet handed to the network: queued for the link, plus the socket's own buffer. */
  get bufferedBytes(): number {
    return this.queue.queuedBytes + (this.ws?.bufferedAmount ?? 0);
  }

  /** Whether the open socket has been silent past `unstableAfterMs` (a pong is late). */
  get unstable(): boolean {
    return this.isUnstable;
  }

  private receive(data: unknown): void {
    // What counts is an answer to our pings: a link that still brings the others' messages
    // but carries nothing of ours out (half-open: an uplink gone) is as dead to its user, and
    // would otherwise look alive for as long as someone else keeps talking.
    if (typeof data === 'string' && data.startsWith(PONG_PREFIX)) {
      this.lastHeard = now();
      this.excused = false;
      this.setUnstable(false);
    }
    if (typeof data === 'string') return this.events.emit('text', data);
    this.events.emit('binary', data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array));
  }

  /**
   * Pings, and watches the silence between the relay's answers: it pongs every ping, so a
   * link quiet past `unstableAfterMs` has a late pong (unstable), and one quiet past
   * `deadAfterMs` is given up and replaced. A network that vanished without a close (Wi-Fi
   * gone, a laptop lid) is thus seen in seconds rather than at the relay's heartbeat.
   */
  private startPinging(ws: WebSocketLike): void {
    this.stopPinging();
    const { pingIntervalMs, unstableAfterMs, deadAfterMs } = this.options;
    this.pingTimer = timers.setInterval(() => {
      if (ws === this.ws && ws.readyState === OPEN) this.sendControl({ type: 'ping', t: now() });
    }, pingIntervalMs);
    const checkEveryMs = Math.min(HEALTH_CHECK_MS, pingIntervalMs);
    let lastCheck = now();
    this.healthTimer = timers.setInterval(() => {
      if (ws !== this.ws || ws.readyState !== OPEN) return;
      const t = now();
      if (t - lastCheck > checkEveryMs * THROTTLED_CHECKS && !this.excused) {
        // Our timers were held back (a background tab throttled to one wake-up a minute, a
        // suspended laptop): the silence meanwhile says nothing about the link. Ask it now
        // and judge by the answer — once per silence, or a page whose timers keep running
        // late (a loaded machine) would excuse a dead link for ever.
        this.excused = true;
        this.lastHeard = Math.max(this.lastHeard, t);
        this.sendControl({ type: 'ping', t });
      }
      lastCheck = t;
      const silence = t - this.lastHeard;
      if (silence > deadAfterMs && ws.bufferedAmount < BUSY_UPLINK_BYTES) {
        ws.close();
        return this.lost(ws, { code: CONNECTION_LOST, reason: 'connection-lost' });
      }
      if (silence > unstableAfterMs) this.setUnstable(true);
    }, checkEveryMs);
  }

  private stopPinging(): void {
    if (this.pingTimer !== undefined) timers.clearInterval(this.pingTimer);
    if (this.healthTimer !== undefined) timers.clearInterval(this.healthTimer);
    this.pingTimer = this.healthTimer = undefined;
    this.setUnstable(false);
  }

  private setUnstable(unstable: boolean): void {
    if (this.isUnstable === unstable) return;
    this.isUnstable = unstable;
    if (!this.closed) this.events.emit('unstable', unstable);
  }

  private lost(ws: WebSocketLike, down: LinkDown): void {
    this.detach(ws);
    this.stopPinging();
    this.isReady = false;
    if (!this.closed) this.events.emit('down', down);
  }

  private detach(ws: WebSocketLike): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (this.ws === ws) this.ws = undefined;
  }
}
