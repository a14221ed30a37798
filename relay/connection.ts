import { WebSocket } from 'ws';
import { CLOSE_CODES, type CloseReason, type RelayMessage } from '../src/shared/protocol';
import type { CoreMember } from './core/session-core';
import type { RelayMetrics } from './metrics';
import { fullBucket, type TokenBucket } from './rate-limit';
import type { SessionDriver } from './session-driver';

/**
 * Where a connection stands: waiting for `hello`, having its hello answered (look-ups may
 * wait on the store), knocking in a lobby, or an admitted member.
 */
export type Phase = 'hello' | 'answering' | 'lobby' | 'member';

const OPEN = WebSocket.OPEN;

/**
 * One WebSocket and what the relay knows about it. It owns its own lifecycle: the hello
 * deadline timer, whether it is closing and why. What it holds in a session (a knock or a
 * membership) is the session core's; the hub tells the core when the connection goes.
 */
export class Connection {
  phase: Phase = 'hello';
  /** The session it knocks on or belongs to. */
  session: SessionDriver | undefined;
  /** Its knock id in the lobby, its member id once admitted. */
  memberId = 0;
  /** Its member record once welcomed (what routing reads). */
  member: CoreMember<Connection> | undefined;
  /** Per-connection message budget (messagesPerSecond / messageBurst). */
  readonly bucket: TokenBucket;
  /** Answered the last heartbeat ping. */
  alive = true;
  private closingReason: string | undefined;
  private helloTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly ip: string,
    private readonly metrics: RelayMetrics,
    burst: number,
  ) {
    this.bucket = fullBucket(burst, Date.now());
  }

  /** Set once the relay (or the peer) started closing it; later messages are ignored. */
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

  /** Its hello arrived (or it is going): the deadline no longer applies. */
  stopHelloDeadline(): void {
    if (this.helloTimer === undefined) return;
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
  }

  /** Sends a control message (a no-op once closing). */
  send(message: RelayMessage): void {
    this.sendJson(JSON.stringify(message));
  }

  /** Sends an already serialised control message; broadcasts serialise once and call this per member. */
  sendJson(json: string): void {
    if (this.closing || this.ws.readyState !== OPEN) return;
    this.metrics.messagesOut[0]!++;
    this.metrics.bytesOut[0]! += Buffer.byteLength(json);
    this.ws.send(json);
  }

  /** Starts the closing handshake with a named reason (only the first reason counts). */
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
