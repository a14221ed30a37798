import {
  CLOSE_CODES,
  DEFAULT_LIMITS,
  EVERYONE,
  FINAL_CLOSE_REASONS,
  PROTOCOL_VERSION,
  RelayMessage,
  closeReasonOf,
  decodeFrame,
  encodeFrame,
  type ChannelId,
  type ClientMessage,
  type Member,
  type Permissions,
  type RelayMessageOf,
} from '../protocol';
import { backoffDelay, type BackoffOptions } from './backoff';
import { Emitter } from '../lifecycle';
import { MemberRoster } from './member-roster';
import { now, timers } from '../platform';
import {
  OPEN,
  type CloseEventLike,
  type MessageEventLike,
  type WebSocketConstructorLike,
  type WebSocketLike,
} from './web-socket';
import { SendQueue } from './send-queue';

/**
 * What the client asks for on its first connection. `resume` picks up a membership this
 * client held before (e.g. the host's page was reloaded), falling back to knocking with
 * `code` when the relay no longer holds it.
 */
export type Intent =
  | { kind: 'create'; autoAdmit?: boolean }
  | { kind: 'join'; code: string }
  | { kind: 'resume'; token: string; code: string };

export interface SessionClientOptions {
  /** Relay WebSocket URL, e.g. ws://127.0.0.1:8787/ws. */
  url: string;
  /** Display name shown to the others. */
  name: string;
  intent: Intent;
  /** `globalThis.WebSocket` in browsers, the `ws` package in Node. */
  WebSocket: WebSocketConstructorLike;
  reconnect?: Partial<BackoffOptions>;
  /** Latency probe period; a connection silent for three periods is presumed dead. */
  pingIntervalMs?: number;
  /** Bound on frames queued while reconnecting. */
  maxQueuedBytes?: number;
}

export type ConnectionState = 'connecting' | 'lobby' | 'open' | 'reconnecting' | 'closed';

export interface SessionEvents {
  state: (state: ConnectionState) => void;
  welcome: (welcome: RelayMessageOf<'welcome'>) => void;
  lobby: () => void;
  members: (members: Member[]) => void;
  knock: (knock: { memberId: number; name: string }) => void;
  'knock-withdrawn': (memberId: number) => void;
  'member-joined': (member: Member) => void;
  'member-left': (event: { memberId: number; name: string; reason: 'left' | 'removed' | 'timeout' }) => void;
  'member-reconnecting': (member: Member) => void;
  'member-back': (member: Member) => void;
  'permissions-changed': (member: Member) => void;
  'permission-requested': (member: Member) => void;
  'auto-admit-changed': (on: boolean) => void;
  'session-ended': (reason: 'host-ended' | 'host-gone') => void;
  resync: (channel: ChannelId) => void;
  latency: (ms: number) => void;
  error: (error: { code: string; message: string }) => void;
  data: (frame: { channel: ChannelId; from: number; payload: Uint8Array }) => void;
  closed: (event: { reason: string; code: number }) => void;
}

/**
 * A member's connection to a Duet session through the relay: handshake, presence,
 * data frames, latency, and reconnect-with-resume so a dropped network or a relay
 * restart costs nothing but a short wait.
 */
export class SessionClient {
  private readonly events = new Emitter<SessionEvents>();
  private readonly roster = new MemberRoster();
  private readonly queue: SendQueue;
  private readonly backoff: BackoffOptions;
  private readonly pingIntervalMs: number;
  private ws: WebSocketLike | undefined;
  private intent: Intent;
  private resumeToken: string | undefined;
  private attempt = 0;
  private reconnectTimer: unknown;
  private pingTimer: unknown;
  private lastHeard = 0;
  private disposed = false;
  private _state: ConnectionState = 'connecting';
  private _session: RelayMessageOf<'welcome'>['session'] | undefined;
  private _me: Member | undefined;
  private _latency: number | undefined;
  private _closeReason: string | undefined;
  private maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes;
  /** Host: members this client itself granted terminal input (its own record, not the relay's). */
  private readonly grants = new Set<number>();

  constructor(private readonly options: SessionClientOptions) {
    this.intent = options.intent;
    if (options.intent.kind === 'resume') this.resumeToken = options.intent.token;
    this.queue = new SendQueue(options.maxQueuedBytes ?? 4 * 1024 * 1024);
    this.backoff = { initialDelayMs: 250, maxDelayMs: 5_000, ...options.reconnect };
    this.pingIntervalMs = options.pingIntervalMs ?? 2_000;
    this.connect();
  }

  get state(): ConnectionState {
    return this._state;
  }
  get session(): RelayMessageOf<'welcome'>['session'] | undefined {
    return this._session;
  }
  get me(): Member | undefined {
    return this._me;
  }
  get isHost(): boolean {
    return this._me?.role === 'host';
  }
  get members(): ReadonlyMap<number, Member> {
    return this.roster.members;
  }
  get knocks(): ReadonlyMap<number, string> {
    return this.roster.knocks;
  }
  get latencyMs(): number | undefined {
    return this._latency;
  }
  get closeReason(): string | undefined {
    return this._closeReason;
  }
  /** The token that resumes this membership (after a welcome), e.g. across a page reload. */
  get currentResumeToken(): string | undefined {
    return this.resumeToken;
  }

  /** Adds an event listener; call the returned function to remove it. */
  on<E extends keyof SessionEvents>(event: E, listener: SessionEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  /** Sends a data frame to everyone else (`to` = 0) or one member; queued while reconnecting. */
  send(channel: ChannelId, payload: Uint8Array, to: number = EVERYONE): void {
    const frame = encodeFrame(channel, to, payload);
    if (frame.byteLength > this.maxFrameBytes) {
      this.events.emit('error', { code: 'too-big', message: `frame of ${frame.byteLength} bytes not sent` });
      return;
    }
    if (this._state === 'open' && this.ws?.readyState === OPEN) this.ws.send(frame);
    else if (this._state !== 'closed') this.queue.push(frame);
  }

  /** Host: lets a knocking joiner in. */
  admit(memberId: number): void {
    this.control({ type: 'admit', memberId });
  }
  /** Host: turns a knocking joiner away. */
  deny(memberId: number): void {
    this.roster.knocks.delete(memberId);
    this.control({ type: 'deny', memberId });
  }
  /** Host: removes a member from the session. */
  remove(memberId: number): void {
    this.control({ type: 'remove', memberId });
  }
  /** Host: grants or revokes a guest's permissions; a revoke takes effect here at once. */
  setPermissions(memberId: number, permissions: Permissions): void {
    if (permissions.terminalInput) this.grants.add(memberId);
    else this.grants.delete(memberId);
    this.control({ type: 'set-permissions', memberId, permissions });
  }

  /**
   * Host: whether this client itself granted `memberId` terminal input and has not revoked
   * it. The host enforces permissions on this, together with the relay's member list, so a
   * misbehaving relay cannot grant anyone the host's terminal.
   */
  hasGranted(memberId: number): boolean {
    return this.grants.has(memberId);
  }
  /** Host: admits later joiners without asking, or stops doing so. */
  setAutoAdmit(on: boolean): void {
    this.control({ type: 'set-auto-admit', on });
  }
  /** Host: ends the session for everyone. */
  endSession(): void {
    this.control({ type: 'end-session' });
  }
  /** Guest: asks the host for terminal input. */
  requestPermission(): void {
    this.control({ type: 'request-permission' });
  }

  /** Leaves for good (a lobby joiner cancels its knock; the host ends the session). */
  leave(): void {
    if (this.ws?.readyState === OPEN && (this._state === 'open' || this._state === 'lobby')) {
      this.control({ type: 'leave' });
      this.finish('left', CLOSE_CODES.left, false);
    } else {
      this.finish('left', CLOSE_CODES.left, true);
    }
  }

  /** Closes without reconnecting and removes every listener. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.events.clear();
    this.finish('left', CLOSE_CODES.left, true);
  }

  private connect(): void {
    const ws = new this.options.WebSocket(this.options.url);
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => this.sendHello();
    ws.onmessage = ((event: MessageEventLike) => this.receive(event.data)) as (event: never) => unknown;
    ws.onclose = ((event: CloseEventLike) => this.onSocketClosed(ws, event.code, event.reason)) as (
      event: never,
    ) => unknown;
    ws.onerror = () => undefined; // a close event always follows; handled there
  }

  private sendHello(): void {
    const base = { type: 'hello' as const, v: PROTOCOL_VERSION, name: this.options.name };
    if (this.resumeToken) this.control({ ...base, intent: 'resume', token: this.resumeToken }, true);
    else if (this.intent.kind === 'join') this.control({ ...base, intent: 'join', code: this.intent.code }, true);
    else if (this.intent.kind === 'create') this.control({ ...base, intent: 'create', autoAdmit: this.intent.autoAdmit ?? false }, true);
    else this.control({ ...base, intent: 'join', code: this.intent.code }, true);
    this.lastHeard = now();
    this.startPinging();
  }

  private control(message: ClientMessage, duringHandshake = false): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return;
    if (!duringHandshake && this._state !== 'open' && message.type !== 'leave' && message.type !== 'ping') return;
    ws.send(JSON.stringify(message));
  }

  private receive(data: unknown): void {
    this.lastHeard = now();
    if (typeof data === 'string') return this.receiveControl(data);
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
    const frame = decodeFrame(bytes);
    if (typeof frame === 'string') return; // the relay only forwards valid frames
    this.events.emit('data', { channel: frame.channel, from: frame.from, payload: frame.payload });
  }

  private receiveControl(text: string): void {
    let parsed: ReturnType<typeof RelayMessage.safeParse>;
    try {
      parsed = RelayMessage.safeParse(JSON.parse(text));
    } catch {
      parsed = RelayMessage.safeParse(undefined);
    }
    if (!parsed.success) {
      this.events.emit('error', { code: 'bad-message', message: 'unreadable message from the relay' });
      return;
    }
    this.handle(parsed.data);
  }

  private handle(message: RelayMessage): void {
    const roster = this.roster;
    switch (message.type) {
      case 'welcome':
        return this.onWelcome(message);
      case 'lobby':
        this.setState('lobby');
        return this.events.emit('lobby');
      case 'knock':
        roster.knocks.set(message.memberId, message.name);
        return this.events.emit('knock', { memberId: message.memberId, name: message.name });
      case 'knock-withdrawn':
        roster.knocks.delete(message.memberId);
        return this.events.emit('knock-withdrawn', message.memberId);
      case 'member-joined':
        roster.join(message.member);
        this.restoreGrant(message.member);
        this.events.emit('member-joined', message.member);
        return this.emitMembers();
      case 'member-left': {
        this.grants.delete(message.memberId);
        const name = roster.leave(message.memberId);
        this.events.emit('member-left', { memberId: message.memberId, name, reason: message.reason });
        return this.emitMembers();
      }
      case 'member-reconnecting':
      case 'member-back': {
        const online = message.type === 'member-back';
        const member = roster.setConnection(message.memberId, online ? 'online' : 'reconnecting');
        if (member && online) this.restoreGrant(member);
        if (member) this.events.emit(message.type, member);
        return this.emitMembers();
      }
      case 'permissions-changed': {
        const member = roster.setPermissions(message.memberId, message.permissions);
        if (member && member.id === this._me?.id) this._me = member;
        if (member) this.events.emit('permissions-changed', member);
        return this.emitMembers();
      }
      case 'permission-requested': {
        const member = roster.members.get(message.memberId);
        if (member) this.events.emit('permission-requested', member);
        return;
      }
      case 'auto-admit-changed':
        if (this._session) this._session = { ...this._session, autoAdmit: message.on };
        return this.events.emit('auto-admit-changed', message.on);
      case 'session-ended':
        this._closeReason = 'session-ended';
        return this.events.emit('session-ended', message.reason);
      case 'resync':
        return this.events.emit('resync', message.channel as ChannelId);
      case 'pong': {
        const latency = Math.max(0, now() - message.t);
        this._latency = latency;
        return this.events.emit('latency', latency);
      }
      case 'error':
        return this.events.emit('error', { code: message.code, message: message.message });
    }
  }

  private onWelcome(welcome: RelayMessageOf<'welcome'>): void {
    this.resumeToken = welcome.resumeToken;
    this._session = welcome.session;
    this._me = welcome.you;
    this.maxFrameBytes = welcome.limits.maxFrameBytes;
    this.roster.reset(welcome);
    this.attempt = 0;
    this.setState('open');
    for (const frame of this.queue.drain()) this.ws?.send(frame);
    if (welcome.you.role === 'host') {
      this.revokeGrantsNotMine(welcome.members);
      for (const member of welcome.members) this.restoreGrant(member);
    }
    this.events.emit('welcome', welcome);
    this.emitMembers();
  }

  /**
   * Grants live with the host's client: a grant the relay reports but this client never
   * made (the host's page was reloaded, or a relay claims one) is revoked, so the switch
   * everyone sees matches what the host will actually accept.
   */
  private revokeGrantsNotMine(members: readonly Member[]): void {
    for (const member of members) {
      if (member.role === 'guest' && member.permissions.terminalInput && !this.grants.has(member.id)) {
        this.setPermissions(member.id, { ...member.permissions, terminalInput: false });
      }
    }
  }

  /**
   * The other direction: a relay that restarted re-admits guests with terminal input off, but
   * the host granted it and never took it back, so it is applied again (the guest keeps typing).
   */
  private restoreGrant(member: Member): void {
    if (this._me?.role !== 'host' || member.role !== 'guest' || member.permissions.terminalInput || !this.grants.has(member.id)) return;
    this.control({ type: 'set-permissions', memberId: member.id, permissions: { ...member.permissions, terminalInput: true } });
  }

  private onSocketClosed(ws: WebSocketLike, code: number, reason: string): void {
    if (ws !== this.ws || this._state === 'closed') return;
    this.stopPinging();
    const name = closeReasonOf(code) ?? (reason || 'connection-lost');
    const inviteCode = this._session?.code ?? (this.intent.kind === 'resume' ? this.intent.code : undefined);
    if (name === 'unknown-code' && this.resumeToken && inviteCode) {
      // Our place expired (e.g. after a long outage): knock again with the invite code.
      this.resumeToken = undefined;
      this.intent = { kind: 'join', code: inviteCode };
      return this.scheduleReconnect();
    }
    if (FINAL_CLOSE_REASONS.has(name as never) || this._closeReason === 'session-ended') {
      return this.finish(this._closeReason ?? name, code, false);
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.reconnectTimer = timers.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this._state === 'reconnecting') this.connect();
    }, delay);
  }

  private startPinging(): void {
    this.stopPinging();
    this.pingTimer = timers.setInterval(() => {
      const ws = this.ws;
      if (!ws || ws.readyState !== OPEN) return;
      if (now() - this.lastHeard > this.pingIntervalMs * 3) return this.abandon(ws);
      ws.send(JSON.stringify({ type: 'ping', t: now() } satisfies ClientMessage));
    }, this.pingIntervalMs);
  }

  private stopPinging(): void {
    if (this.pingTimer !== undefined) timers.clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  /** The connection went silent (e.g. the network vanished): stop waiting for its close and reconnect. */
  private abandon(ws: WebSocketLike): void {
    this.detach(ws);
    ws.close();
    this.stopPinging();
    this.scheduleReconnect();
  }

  private detach(ws: WebSocketLike): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (this.ws === ws) this.ws = undefined;
  }

  private finish(reason: string, code: number, closeSocket: boolean): void {
    if (this._state === 'closed') return;
    this._closeReason = reason;
    this.stopPinging();
    if (this.reconnectTimer !== undefined) timers.clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    if (ws && closeSocket) {
      this.detach(ws);
      ws.close(CLOSE_CODES.left);
    }
    this.setState('closed');
    this.events.emit('closed', { reason, code });
  }

  private setState(state: ConnectionState): void {
    if (this._state === state) return;
    this._state = state;
    this.events.emit('state', state);
  }

  private emitMembers(): void {
    this.events.emit('members', [...this.roster.members.values()]);
  }
}
