import type { CloseReason, RelayMessage, RelayMessageOf, Role } from '../../src/shared/protocol';
import type { JoinOutcome } from '../metrics';
import type { RecordEntry } from '../store/session-record';

/** A welcome as the session core writes it; the hub adds the signed token and the limits. */
export type WelcomeBody = Omit<RelayMessageOf<'welcome'>, 'resumeToken' | 'limits'>;

/** What a resume token vouches for (the hub signs it with the issue time). */
export interface MemberClaims {
  readonly sid: string;
  readonly code: string;
  readonly mid: number;
  readonly role: Role;
  readonly name: string;
}

/**
 * What the session core asks the world to do, in order. `L` is whatever reaches one member
 * (a WebSocket on this node, or a member on another node); the core never looks inside it.
 * Recipients are resolved when the effect is made, so a message that waits for its record
 * to be durable still goes to exactly those who should have had it at that moment.
 */
export type Effect<L> =
  /** Send one control message to these members. */
  | { readonly type: 'send'; readonly to: readonly L[]; readonly message: RelayMessage }
  /** Welcome a member in (signs a fresh resume token). */
  | { readonly type: 'welcome'; readonly to: L; readonly body: WelcomeBody; readonly claims: MemberClaims }
  /** Close one member's connection with a named reason. */
  | { readonly type: 'close'; readonly to: L; readonly reason: CloseReason }
  /** Start or stop a member's reconnect grace timer; when it runs out, call `graceExpired`. */
  | { readonly type: 'grace'; readonly memberId: number; readonly on: boolean }
  /** Write to the session's record; later effects of the same event wait until it is durable. */
  | { readonly type: 'record'; readonly entry: RecordEntry }
  /** A knock from this address started or stopped waiting (per-address knock limit). */
  | { readonly type: 'knocks'; readonly ip: string; readonly delta: 1 | -1 }
  /** Count a join outcome that a host's command produced (admit, auto-admit). */
  | { readonly type: 'count'; readonly outcome: JoinOutcome }
  /** The session is over: forget it. */
  | { readonly type: 'ended' };

/** The answer to a knock or a resume: let in (how), or refused (why). */
export type Admission =
  | { readonly outcome: 'lobby' | 'admitted' | 'resumed'; readonly memberId: number }
  | { readonly refused: CloseReason };
