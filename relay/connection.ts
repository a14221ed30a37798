import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import { CHANNELS, CLOSE_CODES, type CloseReason, type Limits, type RelayMessage } from '../src/shared/protocol';
import type { CoreMember } from './core/session-core';
import type { MemberLink, Phase } from './member-link';
import type { RelayMetrics } from './metrics';
import { fullBucket, type TokenBucket } from './rate-limit';
import type { SessionDriver } from './session-driver';

const OPEN = WebSocket.OPEN;
const TERMINAL_OUT = CHANNELS.terminalOut;
const RESYNC_TERMINAL = JSON.stringify({ type: 'resync', channel: CHANNELS.terminalOut } satisfies RelayMessage);

/** What every connection shares: limits, metrics, the log, and who to tell when one must go. */
export interface ConnectionDeps {
  readonly limits: Limits;
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  /** Closes a connection for a fault of its own and releases what it held. */
  disconnect(conn: Connection, reason: CloseReason): void;
  /** Handles one message from the connection (faults contained). */
  handle(conn: Connection, data: Buffer, isBinary: boolean): void;
}

/** Where a member on this node whose session lives on another node is forwarded to. */
export interface OwnerRoute {
  /** The owner node's bus address. */
  readonly node: string;
  /** This connection's id on the bus. */
  readonly connId: number;
}

/**
 * One WebSocket on this node and what the relay knows about it. It owns its own lifecycle:
 * the hello deadline timer, whether it is closing and why, and its outgoing queue (frames
 * to a slow member are dropped or the member closed here). What it holds in a session is
 * the session core's; the hub tells the core when the connection goes.
 */
export class Connection implements MemberLink {
  phase: Phase = 'hello';
  session: SessionDriver | undefined;
  memberId = 0;
  member: CoreMember<MemberLink> | undefined;
  /** Set when its session lives on another node: messages go there, not to a local core. */
  owner: OwnerRoute | undefined;
  /** Per-connection control-message budget (messagesPerSecond / messageBurst). */
  readonly bucket: TokenBucket;
  // Data-frame budgets (framesPerSecond / frameBurst, bytesPerSecond / byteBurst), inline
  // rather than as bucket objects: memory per idle connection counts. Spent, reading pauses.
  private frameTokens: number;
  private byteTokens: number;
  private dataAt: number;
  /** Resumes reading once the data budgets have refilled; set only while paused. */
  private resumeTimer: NodeJS.Timeout | undefined;
  /** Messages that arrived while paused (already read from the socket), handled in order after it. */
  private held: [Buffer, boolean][] | undefined;
  /** Answered the last heartbeat ping. */
  alive = true;
  /** Which heartbeat tick of each interval pings this connection (see HeartbeatSchedule). */
  beatSlot = 0;
  private closingReason: string | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  /** Terminal output was dropped and `resync` sent; none again until a frame gets through. */
  private resyncPending = false;

  constructor(
    readonly ws: WebSocket,
    readonly ip: string,
    private readonly deps: ConnectionDeps,
  ) {
    const now = Date.now();
    this.bucket = fullBucket(deps.limits.messageBurst, now);
    this.frameTokens = deps.limits.frameBurst;
    this.byteTokens = deps.limits.byteBurst;
    this.dataAt = now;
  }

  /**
   * Takes one WebSocket message. Data frames are charged against the connection's data
   * budgets; past them the relay stops reading this socket and holds what was already read
   * until the budgets have refilled, so TCP slows the sender (a host's shell output backs up
   * to its pty) and nobody is closed for sending fast. One timer, and only while paused.
   */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.held !== undefined) {
      this.held.push([data, isBinary]);
      return;
    }
    this.take(data, isBinary);
  }

  private take(data: Buffer, isBinary: boolean): void {
    this.deps.handle(this, data, isBinary);
    if (!isBinary || this.closing) return;
    const { limits } = this.deps;
    const now = Date.now();
    const elapsed = now - this.dataAt;
    this.dataAt = now;
    const framesPerMs = limits.framesPerSecond / 1000;
    const bytesPerMs = limits.bytesPerSecond / 1000;
    // Refill for the time since the last frame, then charge this one (the budgets may go into debt).
    this.frameTokens = Math.min(limits.frameBurst, this.frameTokens + elapsed * framesPerMs) - 1;
    this.byteTokens = Math.min(limits.byteBurst, this.byteTokens + elapsed * bytesPerMs) - data.length;
    const wait = Math.max(-this.frameTokens / framesPerMs, -this.byteTokens / bytesPerMs);
    if (wait > 0) this.pause(wait);
  }

  /** Reading is paused because the sender is over its data budget (it is alive: it is sending). */
  get paced(): boolean {
    return this.held !== undefined;
  }

  private pause(waitMs: number): void {
    this.deps.metrics.paced();
    this.held = [];
    this.ws.pause();
    this.resumeTimer = setTimeout(() => this.resumeReading(), Math.ceil(waitMs));
  }

  private resumeReading(): void {
    this.resumeTimer = undefined;
    const queue = this.held ?? [];
    this.held = undefined;
    while (queue.length > 0 && !this.closing) {
      const [data, isBinary] = queue.shift()!;
      this.take(data, isBinary);
      if (this.paced) {
        // Back in debt: the rest waits for the next refill, ahead of anything newer.
        this.held!.push(...queue);
        return;
      }
    }
    if (!this.closing) this.ws.resume();
  }

  get closing(): boolean {
    return this.closingReason !== undefined;
  }

  /** Why it closed (for the closes metric); undefined while open. */
  get closeReason(): string | undefined {
    return this.closingReason;
  }

  /** Gives it `ms` to say hello, then calls `expired`. */
  startHelloDeadline(ms: number, expired: () => void): void {
    this.helloTimer = setTimeout(() => {
      this.helloTimer = undefined;
      expired();
    }, ms);
  }

  stopHelloDeadline(): void {
    if (this.helloTimer === undefined) return;
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
  }

  send(message: RelayMessage): void {
    this.sendJson(JSON.stringify(message));
  }

  sendJson(json: string): void {
    if (this.closing || this.ws.readyState !== OPEN) return;
    this.deps.metrics.messagesOut[0]!++;
    this.deps.metrics.bytesOut[0]! += Buffer.byteLength(json);
    this.ws.send(json);
  }

  /**
   * Sends one frame, minding the queue: past `hardBufferBytes` the member is closed
   * `too-slow` (it resumes and resyncs); past `softBufferBytes` terminal output to it is
   * dropped and it is told once to resync. Other channels are never dropped.
   */
  deliver(data: Buffer, channel: number): void {
    const { metrics, limits } = this.deps;
    if (this.closing || this.ws.readyState !== OPEN) {
      metrics.frameDropped(channel, 'offline');
      return;
    }
    const queued = this.ws.bufferedAmount;
    if (queued > limits.hardBufferBytes) {
      metrics.frameDropped(channel, 'slow-consumer');
      this.deps.log.warn({ session: this.session?.core.id, member: this.memberId, queued }, 'member too slow, closing');
      return this.deps.disconnect(this, 'too-slow');
    }
    if (channel === TERMINAL_OUT) {
      if (queued > limits.softBufferBytes) {
        metrics.frameDropped(channel, 'slow-consumer');
        if (!this.resyncPending) {
          this.resyncPending = true;
          this.sendJson(RESYNC_TERMINAL);
        }
        return;
      }
      this.resyncPending = false;
    }
    metrics.messagesOut[channel]!++;
    metrics.bytesOut[channel]! += data.length;
    this.ws.send(data);
  }

  close(reason: CloseReason): void {
    if (this.closing) return;
    this.closingReason = reason;
    this.stopHelloDeadline();
    this.stopPacing();
    this.ws.close(CLOSE_CODES[reason], reason);
  }

  /** Cuts the connection without a handshake (a dead peer, or shutdown's stragglers). */
  terminate(reason: string): void {
    this.closingReason ??= reason;
    this.stopHelloDeadline();
    this.stopPacing();
    this.ws.terminate();
  }

  /** Records that the connection is closing for a reason it did not choose (ws errors, the peer's close). */
  closedBy(reason: string): void {
    this.closingReason ??= reason;
    this.stopHelloDeadline();
    this.stopPacing();
  }

  private stopPacing(): void {
    this.held = undefined;
    if (this.resumeTimer === undefined) return;
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
  }
}
