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
  /** Per-connection message budget (messagesPerSecond / messageBurst). */
  readonly bucket: TokenBucket;
  /** Answered the last heartbeat ping. */
  alive = true;
  private closingReason: string | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  /** Terminal output was dropped and `resync` sent; none again until a frame gets through. */
  private resyncPending = false;

  constructor(
    readonly ws: WebSocket,
    readonly ip: string,
    private readonly deps: ConnectionDeps,
  ) {
    this.bucket = fullBucket(deps.limits.messageBurst, Date.now());
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
    this.ws.close(CLOSE_CODES[reason], reason);
  }

  /** Cuts the connection without a handshake (a dead peer, or shutdown's stragglers). */
  terminate(reason: string): void {
    this.closingReason ??= reason;
    this.stopHelloDeadline();
    this.ws.terminate();
  }

  /** Records that the connection is closing for a reason it did not choose (ws errors, the peer's close). */
  closedBy(reason: string): void {
    this.closingReason ??= reason;
    this.stopHelloDeadline();
  }
}
