import type { CloseReason, RelayMessage } from '../src/shared/protocol';
import type { CoreMember } from './core/session-core';
import type { SessionDriver } from './session-driver';

/**
 * Where a connection stands: waiting for `hello`, having its hello answered (look-ups may
 * wait on the store), knocking in a lobby, or an admitted member.
 */
export type Phase = 'hello' | 'answering' | 'lobby' | 'member';

/**
 * What reaches one member from the node that holds its session: its WebSocket on this node
 * (`Connection`), or, in a cluster, the member's connection on another node (`RemoteLink`).
 * The session core keeps these as opaque links; the driver and routing talk to them here.
 */
export interface MemberLink {
  /** The client's address (per-address limits, logs). */
  readonly ip: string;
  phase: Phase;
  /** The session it knocks on or belongs to. */
  session: SessionDriver | undefined;
  /** Its knock id in the lobby, its member id once admitted. */
  memberId: number;
  /** Its member record once welcomed (what routing reads). */
  member: CoreMember<MemberLink> | undefined;
  /** Set once it started closing; later messages are ignored and nothing more is delivered. */
  readonly closing: boolean;
  /** Sends a control message. */
  send(message: RelayMessage): void;
  /** Sends an already serialised control message (broadcasts serialise once). */
  sendJson(json: string): void;
  /** Closes it with a named reason; what it held in its session is released by the caller. */
  close(reason: CloseReason): void;
  /** Delivers one routed data frame, minding the member's queue (the hot path's last step). */
  deliver(data: Buffer, channel: number): void;
  /** Its hello arrived: the deadline no longer applies. */
  stopHelloDeadline(): void;
}
