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
import { DisposableStore, Emitter, type Unsubscribe } from '../lifecycle';
import { now } from '../platform';
import type { BackoffOptions } from './backoff';
import { MemberRoster } from './member-roster';
import { RelayConnection, type LinkDown } from './relay-connection';
import type { ConnectionState, EndedBy, SessionClosed, SessionEvents } from './session-events';
import type { WebSocketConstructorLike } from './web-socket';

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
  /** Latency probe period. */
  pingIntervalMs?: number;
  /** Silence after which our link is called unstable. */
  unstableAfterMs?: number;
  /** Silence after which our link is given up and a new one opened. */
  deadAfterMs?: number;
  /** Bound on frames queued while reconnecting. */
  maxQueuedBytes?: number;
}

/** Defaults of the client's timings; docs/protocol.md recommends them to other clients. */
export const CLIENT_DEFAULTS = {
  /** First reconnect delay; each further attempt doubles it, with equal jitter. */
  reconnectInitialDelayMs: 250,
  /** Longest reconnect delay. */
  reconnectMaxDelayMs: 5_000,
  /** A ping this often; the relay pongs each, so a live link hears something at least this often. */
  pingIntervalMs: 1_000,
  /** A link that heard nothing for this long is "unstable": a pong is late. */
  unstableAfterMs: 1_500,
  /** A link that heard nothing for this long is given up and replaced (so it shows "Reconnecting" within 3 s). */
  deadAfterMs: 2_500,
  /** Data frames queued while (re)connecting, at most. */
  maxQueuedBytes: 4 * 1024 * 1024,
} as const;

/**
 * A member's session through the relay: the handshake, the member list and presence, data
 * frames, latency, and resume after a drop, so a lost network or a relay restart costs
 * nothing but a short wait. The socket, backoff, pings and queue are its RelayConnection's;
 * the host's record of terminal grants is TerminalGrants', which listens to these events.
 */
export class SessionClient {
  private readonly events = new Emitter<SessionEvents>();
  private readonly roster = new MemberRoster();
  private readonly connection: RelayConnection;
  private readonly listeners = new DisposableStore();
  private intent: Intent;
  private resumeToken: string | undefined;
  private disposed = false;
  private _state: ConnectionState = 'connecting';
  private _session: RelayMessageOf<'welcome'>['session'] | undefined;
  private _me: Member | undefined;
  private _latency: number | undefined;
  /** Set by the relay's `session-ended`: the close that follows is final, whatever its code. */
  private endedBy: EndedBy | undefined;
  private _closed: SessionClosed | undefined;
  private maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes;

  constructor(private readonly options: SessionClientOptions) {
    this.intent = options.intent;
    if (options.intent.kind === 'resume') this.resumeToken = options.intent.token;
    this.connection = new RelayConnection({
      url: options.url,
      WebSocket: options.WebSocket,
      reconnect: {
        initialDelayMs: CLIENT_DEFAULTS.reconnectInitialDelayMs,
        maxDelayMs: CLIENT_DEFAULTS.reconnectMaxDelayMs,
        ...options.reconnect,
      },
      pingIntervalMs: options.pingIntervalMs ?? CLIENT_DEFAULTS.pingIntervalMs,
      unstableAfterMs: options.unstableAfterMs ?? CLIENT_DEFAULTS.unstableAfterMs,
      deadAfterMs: options.deadAfterMs ?? CLIENT_DEFAULTS.deadAfterMs,
      maxQueuedBytes: options.maxQueuedBytes ?? CLIENT_DEFAULTS.maxQueuedBytes,
    });
    this.listeners.add(this.connection.on('open', () => this.sendHello()));
    this.listeners.add(this.connection.on('text', (text) => this.receiveControl(text)));
    this.listeners.add(this.connection.on('binary', (bytes) => this.receiveFrame(bytes)));
    this.listeners.add(this.connection.on('down', (down) => this.onLinkDown(down)));
    this.listeners.add(this.connection.on('unstable', (unstable) => this.events.emit('unstable', unstable)));
    this.connection.connect();
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
  /**
   * Bytes we sent that have not reached the network yet. What waits here delays everything
   * sent after it, so a sender of bulk data (the host's terminal output) holds back while
   * it is high, and a person's keystrokes never queue behind much.
   */
  get bufferedBytes(): number {
    return this.connection.bufferedBytes;
  }

  /** Whether our open link has gone quiet (a pong is late); it is given up soon after if it stays so. */
  get unstable(): boolean {
    return this.connection.unstable;
  }

  get latencyMs(): number | undefined {
    return this._latency;
  }
  /** Why the client stopped, once it has. */
  get closed(): SessionClosed | undefined {
    return this._closed;
  }
  /** The token that resumes this membership (after a welcome), e.g. across a page reload. */
  get currentResumeToken(): string | undefined {
    return this.resumeToken;
  }

  /** Adds an event listener; call the returned function to remove it. */
  on<E extends keyof SessionEvents>(event: E, listener: SessionEvents[E]): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Sends a data frame to everyone else (`to` = 0) or one member; queued while reconnecting. */
  send(channel: ChannelId, payload: Uint8Array, to: number = EVERYONE): void {
    const frame = encodeFrame(channel, to, payload);
    if (frame.byteLength > this.maxFrameBytes) {
      this.events.emit('error', { code: 'too-big', message: `frame of ${frame.byteLength} bytes not sent` });
      return;
    }
    this.connection.sendFrame(frame);
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
  /**
   * Host: asks the relay to change a member's permissions. Terminal input goes through
   * TerminalGrants, which keeps the host's own record of what it granted.
   */
  setPermissions(memberId: number, permissions: Permissions): void {
    this.control({ type: 'set-permissions', memberId, permissions });
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
    const told = (this._state === 'open' || this._state === 'lobby') && this.connection.sendControl({ type: 'leave' });
    this.finish({ reason: 'left', code: CLOSE_CODES.left }, told ? 'relay-closes' : 'close');
  }

  /** Closes without reconnecting and removes every listener (no `closed` event). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.events.clear();
    this.finish({ reason: 'left', code: CLOSE_CODES.left }, 'close');
  }

  private sendHello(): void {
    const base = { type: 'hello' as const, v: PROTOCOL_VERSION, name: this.options.name };
    if (this.resumeToken) this.connection.sendControl({ ...base, intent: 'resume', token: this.resumeToken });
    else if (this.intent.kind === 'create') this.connection.sendControl({ ...base, intent: 'create', autoAdmit: this.intent.autoAdmit ?? false });
    else this.connection.sendControl({ ...base, intent: 'join', code: this.intent.code });
  }

  /** Commands go only once admitted; `leave` and `ping` are the link's own business. */
  private control(message: ClientMessage): void {
    if (this._state === 'open') this.connection.sendControl(message);
  }

  private receiveFrame(bytes: Uint8Array): void {
    const frame = decodeFrame(bytes);
    if (typeof frame === 'string') return; // the relay only forwards valid frames
    this.events.emit('data', { channel: frame.channel, from: frame.from, payload: frame.payload });
  }

  private receiveControl(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined; // not JSON: reported below like any message that fails the schema
    }
    const parsed = RelayMessage.safeParse(value);
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
        this.events.emit('member-joined', message.member);
        return this.emitMembers();
      case 'member-left': {
        const name = roster.leave(message.memberId);
        this.events.emit('member-left', { memberId: message.memberId, name, reason: message.reason });
        return this.emitMembers();
      }
      case 'member-reconnecting':
      case 'member-back': {
        const online = message.type === 'member-back';
        const member = roster.setConnection(message.memberId, online ? 'online' : 'reconnecting');
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
        this.endedBy = message.reason;
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
    this.setState('open');
    this.connection.ready();
    this.events.emit('welcome', welcome);
    this.emitMembers();
  }

  /** The socket closed or went silent: reconnect, knock again, or stop for good. */
  private onLinkDown(down: LinkDown): void {
    if (this._state === 'closed') return;
    const name = closeReasonOf(down.code);
    const inviteCode = this._session?.code ?? (this.intent.kind === 'resume' ? this.intent.code : undefined);
    if (name === 'unknown-code' && this.resumeToken && inviteCode) {
      // Our place expired (e.g. after a long outage): knock again with the invite code.
      this.resumeToken = undefined;
      this.intent = { kind: 'join', code: inviteCode };
      return this.reconnect();
    }
    if (this.endedBy !== undefined || name === 'session-ended') {
      return this.finish({ reason: 'session-ended', code: down.code, endedBy: this.endedBy }, 'closed');
    }
    if (name !== undefined && FINAL_CLOSE_REASONS.has(name)) {
      return this.finish({ reason: name, code: down.code } as SessionClosed, 'closed');
    }
    this.reconnect();
  }

  private reconnect(): void {
    this.setState('reconnecting');
    this.connection.reconnect();
  }

  /**
   * Stops for good. `socket` says what is left to do with it: nothing (`closed` by the
   * relay already), leave it to the relay (it closes after our `leave`, which closing
   * first could race), or close it ourselves.
   */
  private finish(closed: SessionClosed, socket: 'closed' | 'relay-closes' | 'close'): void {
    if (this._state === 'closed') return;
    this._closed = closed;
    if (socket === 'relay-closes') this.connection.release();
    else this.connection.close(CLOSE_CODES.left);
    this.listeners.dispose();
    this.setState('closed');
    this.events.emit('closed', closed);
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
