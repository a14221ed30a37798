import type { ChannelId } from '../../../src/shared/protocol';
import type { SessionEvents } from '../../../src/shared/session-client';
import type { SessionLink } from '../../../src/renderer/collab/doc-provider';

type Listener = (...args: never[]) => void;

/**
 * A stand-in for the relay and each member's session client, enough for the doc
 * provider: data frames routed by target, presence events, and a switch that drops a
 * member's traffic (offline) without telling anyone, like a dead network.
 */
export class FakeRelay {
  readonly links = new Map<number, FakeLink>();
  /** Frames refused for being over `maxFrameBytes`, as the real client refuses them ('too-big'). */
  readonly tooBig: number[] = [];
  /** Every payload routed on each channel, in order (for assertions on what went on the wire). */
  readonly sent: { from: number; channel: ChannelId; bytes: number }[] = [];
  /** The next this-many data frames are lost on the way, silently (a gap, as a trimmed inbox makes). */
  loseNext = 0;
  private nextId = 1;

  /** `maxFrameBytes` is announced in `welcome` and enforced on every frame, header included. */
  constructor(readonly maxFrameBytes = 1 << 20) {}

  /** A member's connection, not yet admitted (attach listeners, then `admit`). */
  connect(name: string): FakeLink {
    return new FakeLink(this, this.nextId++, name);
  }

  /** Admits a member: the others get `member-joined`, the member gets `welcome`. */
  admit(link: FakeLink): void {
    this.links.set(link.id, link);
    for (const other of this.others(link)) other.emit('member-joined', member(link));
    link.emit('welcome', welcome(link, [...this.links.values()], false, this.maxFrameBytes));
  }

  /** A member leaves for good. */
  leave(link: FakeLink): void {
    this.links.delete(link.id);
    for (const other of this.links.values()) other.emit('member-left', { memberId: link.id, name: link.name, reason: 'left' });
  }

  /** Delivers a frame from `from` (dropped if either end is offline). */
  route(from: FakeLink, channel: ChannelId, payload: Uint8Array, to: number): void {
    if (from.offline) return;
    if (this.loseNext > 0) {
      this.loseNext--;
      return;
    }
    if (payload.byteLength + 9 > this.maxFrameBytes) {
      this.tooBig.push(payload.byteLength + 9);
      return;
    }
    this.sent.push({ from: from.id, channel, bytes: payload.byteLength });
    const copy = payload.slice();
    for (const link of this.others(from)) {
      if ((to === 0 || to === link.id) && !link.offline) link.emit('data', { channel, from: from.id, payload: copy });
    }
  }

  others(link: FakeLink): FakeLink[] {
    return [...this.links.values()].filter((other) => other !== link);
  }
}

export class FakeLink implements SessionLink {
  offline = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly relay: FakeRelay,
    readonly id: number,
    readonly name: string,
  ) {}

  on<E extends keyof SessionEvents>(event: E, listener: SessionEvents[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  send(channel: ChannelId, payload: Uint8Array, to = 0): void {
    this.relay.route(this, channel, payload, to);
  }

  emit<E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }

  /** The network drops: the others hear `member-reconnecting`; our traffic goes nowhere. */
  drop(): void {
    this.offline = true;
    for (const other of this.relay.others(this)) other.emit('member-reconnecting', { ...member(this), connection: 'reconnecting' });
  }

  /** Comes back after being offline: resumed welcome for us, member-back for the others. */
  reconnect(): void {
    this.offline = false;
    for (const other of this.relay.others(this)) other.emit('member-back', member(this));
    this.emit('welcome', welcome(this, [...this.relay.links.values()], true, this.relay.maxFrameBytes));
  }
}

function member(link: FakeLink) {
  return { id: link.id, name: link.name, role: link.id === 1 ? ('host' as const) : ('guest' as const), permissions: { terminalInput: false }, connection: 'online' as const };
}

function welcome(link: FakeLink, links: FakeLink[], resumed: boolean, maxFrameBytes: number): Parameters<SessionEvents['welcome']>[0] {
  return {
    type: 'welcome',
    session: { id: 's', code: 'ABCD-EFGH-JKMN', autoAdmit: false },
    you: member(link),
    members: links.map(member),
    resumeToken: 't',
    resumed,
    limits: { maxFrameBytes, maxControlBytes: 8192, messagesPerSecond: 500, messageBurst: 1000, heartbeatIntervalMs: 10_000, reconnectGraceMs: 60_000 },
  };
}
