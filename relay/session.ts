import { randomInt } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Member, Permissions, Role } from '../src/shared/protocol';
import type { TokenBucket } from './rate-limit';

/** Where a connection stands: waiting for `hello`, knocking in a lobby, or an admitted member. */
export type Phase = 'hello' | 'lobby' | 'member';

/** One WebSocket and what the relay knows about it. */
export interface Connection {
  readonly ws: WebSocket;
  readonly ip: string;
  phase: Phase;
  session: Session | undefined;
  member: MemberRecord | undefined;
  /** Per-connection message budget (messagesPerSecond / messageBurst). */
  readonly bucket: TokenBucket;
  /** Answered the last heartbeat ping. */
  alive: boolean;
  /** Set once the relay (or the peer) started closing it; later messages are ignored. */
  closing: boolean;
  /** Why it closed, for the closes metric; undefined until known. */
  closeReason: string | undefined;
  helloTimer: NodeJS.Timeout | undefined;
}

/** A member (or a knocking joiner) of a session. */
export interface MemberRecord {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  permissions: Permissions;
  /** The live connection; undefined while reconnecting. */
  conn: Connection | undefined;
  /** Runs out the reconnect grace period while `conn` is undefined. */
  graceTimer: NodeJS.Timeout | undefined;
  /** A `no-permission` error went out since the last permission change (send it once). */
  noPermissionReported: boolean;
  /** Terminal output was dropped and `resync` sent; no new resync until a frame gets through. */
  resyncPending: boolean;
}

/** A session: its host, admitted members in join order, and knocking joiners. */
export class Session {
  private readonly admitted = new Map<number, MemberRecord>();
  /**
   * The same members as an array, rebuilt when membership changes, so that routing a frame
   * iterates without allocating an iterator.
   */
  roster: readonly MemberRecord[] = [];
  /** Joiners waiting for the host's answer. */
  readonly lobby = new Map<number, MemberRecord>();

  constructor(
    readonly id: string,
    readonly code: string,
    public autoAdmit: boolean,
    /**
     * When this incarnation began. A resume token issued before it comes from an earlier
     * incarnation (before a relay restart), which decides how a missing guest is treated.
     */
    readonly startedAt: number,
    /** The host's record; it stays in `members` for the session's whole life. */
    readonly host: MemberRecord,
  ) {
    this.addMember(host);
  }

  /** Admitted members (online or reconnecting) by id, in join order. */
  get members(): ReadonlyMap<number, MemberRecord> {
    return this.admitted;
  }

  /** Adds an admitted member (at the end of the join order). */
  addMember(member: MemberRecord): void {
    this.admitted.set(member.id, member);
    this.roster = [...this.admitted.values()];
  }

  /** Removes an admitted member. */
  deleteMember(member: MemberRecord): void {
    if (this.admitted.get(member.id) !== member) return;
    this.admitted.delete(member.id);
    this.roster = [...this.admitted.values()];
  }

  /** Forgets everyone (the session is over). */
  clear(): void {
    this.admitted.clear();
    this.lobby.clear();
    this.roster = [];
  }

  /** Members plus knocking joiners: what `maxMembersPerSession` counts. */
  get headcount(): number {
    return this.members.size + this.lobby.size;
  }

  /** A random nonzero u32 not used by anyone in the session (ids survive relay restarts in tokens). */
  newMemberId(): number {
    for (;;) {
      const id = randomMemberId();
      if (!this.members.has(id) && !this.lobby.has(id)) return id;
    }
  }

  /** The member list as every participant sees it. */
  memberViews(): Member[] {
    return [...this.members.values()].map(memberView);
  }
}

/** A random nonzero u32 from the CSPRNG. */
export function randomMemberId(): number {
  return randomInt(1, 0x1_0000_0000);
}

/** A fresh record; guests start without terminal input, the host has it. */
export function newMemberRecord(id: number, name: string, role: Role): MemberRecord {
  return {
    id,
    name,
    role,
    permissions: { terminalInput: role === 'host' },
    conn: undefined,
    graceTimer: undefined,
    noPermissionReported: false,
    resyncPending: false,
  };
}

/** One member as the protocol shows it. */
export function memberView(member: MemberRecord): Member {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    permissions: { ...member.permissions },
    connection: member.conn === undefined ? 'reconnecting' : 'online',
  };
}
