import {
  HOST_ONLY,
  SOFT_ERRORS,
  type ClientMessage,
  type CloseReason,
  type Member,
  type Permissions,
  type RelayMessage,
  type Role,
  type SoftError,
} from '../../src/shared/protocol';
import type { SessionRecord } from '../store/session-record';
import type { Admission, Effect } from './effects';
import { lobbyVictim } from './lobby-fairness';
import { Roster } from './roster';

/** The limits one session enforces. */
export interface CoreLimits {
  /** Admitted members, host included. */
  readonly maxMembers: number;
  /** Knocks waiting at once. */
  readonly maxLobby: number;
}

/** What a core needs from outside: limits, a clock and member ids. */
export interface CoreEnv {
  readonly limits: CoreLimits;
  now(): number;
  /** A random nonzero u32 (the core retries when it is taken). */
  randomId(): number;
}

/** An admitted member: online while `link` is set, reconnecting (grace running) while not. */
export interface CoreMember<L> {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  permissions: Permissions;
  link: L | undefined;
  /** Routing: a `no-permission` error went out since the last permission change. */
  noPermissionReported: boolean;
}

/** A joiner waiting in the lobby for the host's answer. */
export interface Knock<L> {
  readonly id: number;
  readonly name: string;
  readonly ip: string;
  readonly link: L;
}

/** A control message a session decides on (hello and ping never reach a session). */
export type Command = Exclude<ClientMessage, { type: 'hello' | 'ping' }>;

/**
 * One session's rules — admission, presence, permissions, grace, end — with no sockets and
 * no timers: every event goes in as a method call and comes out as effects (see effects.ts)
 * that the hub carries out. State changes at once, so the hot path (routing) always sees the
 * latest decision, even while the messages announcing it wait for their record.
 */
export class SessionCore<L> {
  private readonly admitted = new Roster<CoreMember<L>>();
  // The lobby, the revoked ids and the pending effects are made when first needed: most
  // sessions never have a knock waiting or a member removed, and an idle relay holds
  // thousands of sessions.
  private knocks: Map<number, Knock<L>> | undefined;
  /** Members gone for good: their ids are never handed out again (the record refuses them). */
  private revoked: Set<number> | undefined;
  ended = false;
  private fx: Effect<L>[] | undefined;

  private constructor(
    private readonly env: CoreEnv,
    readonly id: string,
    readonly code: string,
    public autoAdmit: boolean,
    /** How many times this session was rebuilt from its record. */
    readonly epoch: number,
    readonly host: CoreMember<L>,
  ) {
    this.addMember(host);
  }

  /** A new session with its host online; the first effect records it. */
  static create<L>(
    env: CoreEnv,
    init: { id: string; code: string; name: string; autoAdmit: boolean; link: L },
  ): { core: SessionCore<L>; effects: Effect<L>[] } {
    const host = newMember<L>(randomIdFrom(env, () => false), init.name, 'host', init.link);
    const core = new SessionCore(env, init.id, init.code, init.autoAdmit, 0, host);
    const at = env.now();
    core.emit({ type: 'record', entry: { t: 'open', sid: init.id, code: init.code, host: host.id, name: host.name, autoAdmit: init.autoAdmit, at } });
    core.welcome(host, false);
    return { core, effects: core.flush() };
  }

  /**
   * The session as its record left it (after a restart, or on a node taking it over): every
   * member it holds is reconnecting, with a fresh grace period; nobody else is let back.
   */
  static rebuild<L>(env: CoreEnv, record: SessionRecord): { core: SessionCore<L>; effects: Effect<L>[] } {
    const recordedHost = record.members.get(record.host);
    const host = newMember<L>(record.host, recordedHost?.name ?? 'Host', 'host', undefined);
    const core = new SessionCore(env, record.sid, record.code, record.autoAdmit, record.epoch + 1, host);
    for (const mid of record.revoked ?? []) core.revoke(mid);
    for (const recorded of record.members.values()) {
      if (recorded.role !== 'guest') continue;
      const guest = newMember<L>(recorded.id, recorded.name, 'guest', undefined);
      guest.permissions = permissions(recorded.terminalInput);
      core.addMember(guest);
    }
    core.emit({ type: 'record', entry: { t: 'epoch', sid: record.sid, epoch: core.epoch, at: env.now() } });
    for (const member of core.roster) core.emit({ type: 'grace', memberId: member.id, on: true });
    return { core, effects: core.flush() };
  }

  /** Admitted members (online or reconnecting) by id, in join order. */
  get members(): ReadonlyMap<number, CoreMember<L>> {
    return this.admitted;
  }

  /** Admitted members as an array, replaced when membership changes, so routing iterates without allocating. */
  get roster(): readonly CoreMember<L>[] {
    return this.admitted.list;
  }

  /** Joiners waiting for the host's answer, by knock id. */
  get lobby(): ReadonlyMap<number, Knock<L>> {
    return this.knocks ?? NO_KNOCKS;
  }

  /** Someone with the invite code knocks: lobby, straight in (auto-admit), or refused. */
  knock(name: string, ip: string, link: L): { admission: Admission; effects: Effect<L>[] } {
    if (this.ended) return refused('unknown-code');
    if (this.admitted.size >= this.env.limits.maxMembers) return refused('session-full');
    const id = this.newMemberId();
    if (this.autoAdmit) {
      this.admit(newMember(id, name, 'guest', link));
      return { admission: { outcome: 'admitted', memberId: id }, effects: this.flush() };
    }
    if (this.lobby.size >= this.env.limits.maxLobby) {
      const victim = lobbyVictim(this.lobby.values(), ip);
      if (victim === undefined) return refused('lobby-full');
      this.dropKnock(victim, 'lobby-full');
    }
    const knock: Knock<L> = { id, name, ip, link };
    (this.knocks ??= new Map()).set(id, knock);
    this.emit({ type: 'knocks', ip, delta: 1 });
    this.send([link], { type: 'lobby', session: { id: this.id } });
    this.toHost({ type: 'knock', memberId: id, name });
    return { admission: { outcome: 'lobby', memberId: id }, effects: this.flush() };
  }

  /** A member presents its token: it gets its place back (an older connection is replaced). */
  resume(memberId: number, role: Role, link: L): { admission: Admission; effects: Effect<L>[] } {
    if (this.ended) return refused('session-ended');
    const member = this.admitted.get(memberId);
    // Gone from the session (left, removed, timed out): the token is spent.
    if (member === undefined || member.role !== role) return refused('unknown-code');
    const stale = member.link;
    member.link = link;
    this.emit({ type: 'grace', memberId, on: false });
    if (stale !== undefined) this.emit({ type: 'close', to: stale, reason: 'replaced' });
    this.welcome(member, true);
    this.broadcast({ type: 'member-back', memberId }, member);
    // Knocks that arrived while the host was away would otherwise wait forever.
    if (member === this.host) for (const knock of this.lobby.values()) this.toHost({ type: 'knock', memberId: knock.id, name: knock.name });
    return { admission: { outcome: 'resumed', memberId }, effects: this.flush() };
  }

  /** A control message from an admitted member's connection (a stale connection's is ignored). */
  command(memberId: number, link: L, command: Command): Effect<L>[] {
    const member = this.admitted.get(memberId);
    if (member === undefined || member.link !== link || this.ended) return [];
    if (HOST_ONLY.has(command.type) && member !== this.host) {
      this.softError(member, 'not-host');
      return this.flush();
    }
    switch (command.type) {
      case 'leave':
        // The host leaving means the session is over for everyone.
        if (member === this.host) this.end('host-ended');
        else this.remove(member, 'left');
        break;
      case 'request-permission':
        if (member !== this.host) this.toHost({ type: 'permission-requested', memberId });
        break;
      case 'admit':
      case 'deny': {
        const knock = this.lobby.get(command.memberId);
        if (knock === undefined) this.softError(member, 'unknown-member', 'no such joiner in the lobby');
        else if (command.type === 'deny') this.dropKnock(knock, 'denied');
        else this.admitKnock(knock);
        break;
      }
      case 'remove': {
        const knock = this.lobby.get(command.memberId);
        const target = this.guest(command.memberId);
        if (knock !== undefined) this.dropKnock(knock, 'denied');
        else if (target === undefined) this.softError(member, 'unknown-member');
        else this.remove(target, 'removed');
        break;
      }
      case 'set-permissions': {
        const target = this.guest(command.memberId);
        if (target === undefined) {
          this.softError(member, 'unknown-member');
          break;
        }
        target.permissions = permissions(command.permissions.terminalInput);
        target.noPermissionReported = false;
        this.record({ t: 'perm', sid: this.id, mid: target.id, terminalInput: target.permissions.terminalInput, at: this.env.now() });
        this.broadcast({ type: 'permissions-changed', memberId: target.id, permissions: { ...target.permissions } });
        break;
      }
      case 'set-auto-admit':
        this.autoAdmit = command.on;
        this.record({ t: 'auto-admit', sid: this.id, on: command.on, at: this.env.now() });
        this.broadcast({ type: 'auto-admit-changed', on: command.on });
        // Turning auto-admit on answers the knocks already waiting too.
        if (command.on) for (const knock of [...this.lobby.values()]) this.admitKnock(knock);
        break;
      case 'end-session':
        this.end('host-ended');
        break;
    }
    return this.flush();
  }

  /** A knocking joiner cancels (`leave` from the lobby). */
  cancelKnock(knockId: number, link: L): Effect<L>[] {
    const knock = this.lobby.get(knockId);
    if (knock === undefined || knock.link !== link) return [];
    this.withdraw(knock);
    this.emit({ type: 'close', to: link, reason: 'left' });
    return this.flush();
  }

  /**
   * A member's or joiner's connection is gone (dropped, closed by the peer, or by us): a
   * member is held for the grace period, a knock is withdrawn. A replaced connection is a no-op.
   */
  linkClosed(id: number, link: L): Effect<L>[] {
    const knock = this.lobby.get(id);
    if (knock !== undefined && knock.link === link) {
      this.withdraw(knock);
      return this.flush();
    }
    const member = this.admitted.get(id);
    if (member === undefined || member.link !== link || this.ended) return [];
    member.link = undefined;
    this.broadcast({ type: 'member-reconnecting', memberId: id }, member);
    this.emit({ type: 'grace', memberId: id, on: true });
    return this.flush();
  }

  /** A member's grace period ran out while it was away: gone for good (the host: session over). */
  graceExpired(memberId: number): Effect<L>[] {
    const member = this.admitted.get(memberId);
    if (member === undefined || member.link !== undefined || this.ended) return [];
    if (member === this.host) this.end('host-gone');
    else this.remove(member, 'timeout');
    return this.flush();
  }

  /** The member list as every participant sees it. */
  memberViews(): Member[] {
    return this.roster.map(memberView);
  }

  // ------------------------------------------------------------------ transitions

  private admitKnock(knock: Knock<L>): void {
    this.knocks?.delete(knock.id);
    this.emit({ type: 'knocks', ip: knock.ip, delta: -1 });
    if (this.admitted.size >= this.env.limits.maxMembers) {
      this.emit({ type: 'close', to: knock.link, reason: 'session-full' });
      this.toHost({ type: 'knock-withdrawn', memberId: knock.id });
      return;
    }
    this.emit({ type: 'count', outcome: 'admitted' });
    this.admit(newMember(knock.id, knock.name, 'guest', knock.link));
  }

  private admit(member: CoreMember<L>): void {
    this.addMember(member);
    this.record({ t: 'member', sid: this.id, mid: member.id, name: member.name, at: this.env.now() });
    this.welcome(member, false);
    this.broadcast({ type: 'member-joined', member: memberView(member) }, member);
  }

  /** A knock leaves the lobby without an answer the joiner asked for (denied, evicted); it is closed. */
  private dropKnock(knock: Knock<L>, reason: CloseReason): void {
    this.knocks?.delete(knock.id);
    this.emit({ type: 'knocks', ip: knock.ip, delta: -1 });
    this.emit({ type: 'close', to: knock.link, reason });
    if (reason !== 'denied') this.toHost({ type: 'knock-withdrawn', memberId: knock.id });
  }

  /** The joiner went away by itself: the host's waiting room forgets it. */
  private withdraw(knock: Knock<L>): void {
    this.knocks?.delete(knock.id);
    this.emit({ type: 'knocks', ip: knock.ip, delta: -1 });
    this.toHost({ type: 'knock-withdrawn', memberId: knock.id });
  }

  private remove(member: CoreMember<L>, why: 'left' | 'removed' | 'timeout'): void {
    this.deleteMember(member);
    this.revoke(member.id);
    this.emit({ type: 'grace', memberId: member.id, on: false });
    this.record({ t: 'revoke', sid: this.id, mid: member.id, why, at: this.env.now() });
    const link = member.link;
    member.link = undefined;
    this.broadcast({ type: 'member-left', memberId: member.id, reason: why });
    if (link !== undefined) this.emit({ type: 'close', to: link, reason: why === 'left' ? 'left' : 'removed' });
  }

  private end(reason: 'host-ended' | 'host-gone'): void {
    this.ended = true;
    this.record({ t: 'end', sid: this.id, reason, at: this.env.now() });
    const everyone: L[] = [];
    for (const member of this.roster) {
      this.emit({ type: 'grace', memberId: member.id, on: false });
      if (member.link !== undefined) everyone.push(member.link);
      member.link = undefined;
    }
    for (const knock of this.lobby.values()) {
      everyone.push(knock.link);
      this.emit({ type: 'knocks', ip: knock.ip, delta: -1 });
    }
    this.send(everyone, { type: 'session-ended', reason });
    for (const link of everyone) this.emit({ type: 'close', to: link, reason: 'session-ended' });
    this.admitted.clear();
    this.knocks = undefined;
    this.emit({ type: 'ended' });
  }

  // ------------------------------------------------------------------ helpers

  private welcome(member: CoreMember<L>, resumed: boolean): void {
    if (member.link === undefined) return;
    this.emit({
      type: 'welcome',
      to: member.link,
      body: {
        type: 'welcome',
        session: { id: this.id, code: this.code, autoAdmit: this.autoAdmit },
        you: memberView(member),
        members: this.memberViews(),
        resumed,
      },
      claims: { sid: this.id, code: this.code, mid: member.id, role: member.role, name: member.name },
    });
  }

  /** To every online admitted member except `except`. */
  private broadcast(message: RelayMessage, except?: CoreMember<L>): void {
    const to: L[] = [];
    for (const member of this.roster) if (member !== except && member.link !== undefined) to.push(member.link);
    this.send(to, message);
  }

  private toHost(message: RelayMessage): void {
    if (this.host.link !== undefined) this.send([this.host.link], message);
  }

  private send(to: L[], message: RelayMessage): void {
    if (to.length > 0) this.emit({ type: 'send', to, message });
  }

  private softError(member: CoreMember<L>, code: SoftError, message: string = SOFT_ERRORS[code]): void {
    if (member.link !== undefined) this.send([member.link], { type: 'error', code, message });
  }

  private record(entry: Extract<Effect<L>, { type: 'record' }>['entry']): void {
    this.emit({ type: 'record', entry });
  }

  private emit(effect: Effect<L>): void {
    (this.fx ??= []).push(effect);
  }

  private flush(): Effect<L>[] {
    const out = this.fx ?? [];
    this.fx = undefined;
    return out;
  }

  private revoke(memberId: number): void {
    (this.revoked ??= new Set()).add(memberId);
  }

  /** An admitted guest by id; the host is not a valid target for guest-only commands. */
  private guest(memberId: number): CoreMember<L> | undefined {
    const member = this.admitted.get(memberId);
    return member === undefined || member === this.host ? undefined : member;
  }

  private newMemberId(): number {
    return randomIdFrom(this.env, (id) => this.admitted.has(id) || this.lobby.has(id) || this.revoked?.has(id) === true);
  }

  private addMember(member: CoreMember<L>): void {
    this.admitted.add(member);
  }

  private deleteMember(member: CoreMember<L>): void {
    this.admitted.delete(member);
  }
}

const NO_KNOCKS: ReadonlyMap<number, never> = new Map<number, never>();
// Two shared, frozen permission sets: members point at one or the other (none is ever edited).
const TERMINAL_INPUT: Readonly<Record<'on' | 'off', Permissions>> = {
  on: Object.freeze({ terminalInput: true }),
  off: Object.freeze({ terminalInput: false }),
};

function permissions(terminalInput: boolean): Permissions {
  return terminalInput ? TERMINAL_INPUT.on : TERMINAL_INPUT.off;
}

function refused<L>(reason: CloseReason): { admission: Admission; effects: Effect<L>[] } {
  return { admission: { refused: reason }, effects: [] };
}

function randomIdFrom(env: CoreEnv, taken: (id: number) => boolean): number {
  for (;;) {
    const id = env.randomId();
    if (!taken(id)) return id;
  }
}

/** A fresh member; guests start without terminal input, the host has it. */
function newMember<L>(id: number, name: string, role: Role, link: L | undefined): CoreMember<L> {
  return {
    id,
    name,
    role,
    permissions: permissions(role === 'host'),
    link,
    noPermissionReported: false,
  };
}

/** One member as the protocol shows it. */
export function memberView<L>(member: CoreMember<L>): Member {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    permissions: { ...member.permissions },
    connection: member.link === undefined ? 'reconnecting' : 'online',
  };
}
