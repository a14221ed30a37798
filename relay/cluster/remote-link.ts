import type { CloseReason, RelayMessage } from '../../src/shared/protocol';
import type { CoreMember } from '../core/session-core';
import type { MemberLink, Phase } from '../member-link';
import type { RelayMetrics } from '../metrics';
import type { SessionDriver } from '../session-driver';
import type { Outbox } from './outbox';

/**
 * A member connected to another node, as the owner of its session sees it: everything for it
 * goes to that node's inbox, which delivers it to the member's socket (and minds that
 * socket's queue). Its node says when the member's connection is gone.
 */
export class RemoteLink implements MemberLink {
  session: SessionDriver | undefined;
  memberId = 0;
  member: CoreMember<MemberLink> | undefined;
  private place: Phase = 'answering';
  private closingReason: string | undefined;

  constructor(
    /** The bus address of the node the member is connected to. */
    readonly node: string,
    /** The member's connection id on that node. */
    readonly conn: number,
    readonly ip: string,
    private readonly outbox: Outbox,
    private readonly metrics: RelayMetrics,
    /** Called once when the link closes, whoever closed it. */
    private readonly gone: (link: RemoteLink) => void,
  ) {}

  get phase(): Phase {
    return this.place;
  }

  /** Entering the lobby or the session is told to the member's node, so it forwards the right things. */
  set phase(phase: Phase) {
    this.place = phase;
    if (phase === 'lobby' || phase === 'member') {
      this.outbox.other(this.node, { kind: 'placed', conn: this.conn, phase, memberId: this.memberId });
    }
  }

  get closing(): boolean {
    return this.closingReason !== undefined;
  }

  send(message: RelayMessage): void {
    this.sendJson(JSON.stringify(message));
  }

  sendJson(json: string): void {
    if (this.closing) return;
    this.metrics.messagesOut[0]!++;
    this.outbox.send(this.node, this.conn, json);
  }

  deliver(data: Buffer, channel: number): void {
    if (this.closing) {
      this.metrics.frameDropped(channel, 'offline');
      return;
    }
    this.metrics.messagesOut[channel]!++;
    this.metrics.bytesOut[channel]! += data.length;
    this.outbox.deliver(this.node, this.conn, data);
  }

  close(reason: CloseReason): void {
    if (this.closing) return;
    this.closingReason = reason;
    this.outbox.other(this.node, { kind: 'close', conn: this.conn, reason });
    this.gone(this);
  }

  /** The member's node says its connection is gone (or the node itself is). */
  closedBy(reason: string): void {
    if (this.closing) return;
    this.closingReason = reason;
    this.gone(this);
  }

  stopHelloDeadline(): void {
    // The member's own node keeps its hello deadline.
  }
}
