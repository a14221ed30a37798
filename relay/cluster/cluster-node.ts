import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ClientMessage, Hello, type CloseReason } from '../../src/shared/protocol';
import { answerHello } from '../admission';
import { Connection } from '../connection';
import type { ClusterHooks, RelayContext } from '../context';
import type { Command } from '../core/session-core';
import type { RelayHub } from '../hub';
import type { MemberLink } from '../member-link';
import type { Envelope } from './envelope';
import { Inbox } from './inbox';
import { Outbox } from './outbox';
import type { RedisAddressLimits } from './redis-address-limits';
import type { RedisClients } from './redis-clients';
import type { RedisStore } from './redis-store';
import { ClusterRegistry, HEARTBEAT_MS, OWNER_TTL_MS, type Whereabouts } from './registry';
import { RemoteLink } from './remote-link';

/** How often owner keys and per-address session places are refreshed. */
const REFRESH_MS = OWNER_TTL_MS / 3;

/** A node's figures for /metrics. */
export interface ClusterFigures {
  readonly nodeId: string;
  readonly redisUp: boolean;
  readonly reconnects: number;
  readonly published: number;
  readonly received: number;
  readonly unsent: number;
  readonly inboxLagMs: number;
  readonly remoteMembers: number;
  readonly forwardedMembers: number;
}

/**
 * This relay as one node of a cluster. For sessions it owns it runs the session core, as a
 * single relay does, with `RemoteLink`s for members connected to other nodes; for members
 * connected here whose session another node owns, it is their edge: it checks what they
 * send, forwards it to the owner, and delivers what the owner sends them. It also notices
 * nodes dying (their liveness keys expire) and Redis coming and going.
 */
export class ClusterNode implements ClusterHooks {
  /** This node's bus address: its id plus an incarnation, so a restarted node is a new one. */
  readonly address: string;
  readonly registry: ClusterRegistry;
  private readonly inbox: Inbox;
  private readonly outbox: Outbox;
  /** Members connected here whose session another node owns, by connection id. */
  private readonly edges = new Map<number, Connection>();
  private nextConn = 1;
  /** Members connected to other nodes, of sessions owned here: node → connection id → link. */
  private readonly remotes = new Map<string, Map<number, RemoteLink>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private lastRefresh = 0;
  private hub: RelayHub | undefined;

  constructor(
    readonly nodeId: string,
    private readonly ctx: RelayContext,
    private readonly clients: RedisClients,
    private readonly store: RedisStore,
    private readonly addresses: RedisAddressLimits,
    private readonly log: Logger,
  ) {
    this.address = `${nodeId}/${randomBytes(4).toString('hex')}`;
    this.registry = new ClusterRegistry(clients.commands, this.address);
    this.inbox = new Inbox(clients, this.address, (from, envelope) => this.received(from, envelope), log);
    this.outbox = new Outbox((node, envelopes) => this.inbox.post(node, envelopes));
  }

  /** Joins the cluster: heartbeat, inbox, and healing whenever Redis (re)appears. */
  start(hub: RelayHub): void {
    this.hub = hub;
    this.inbox.start();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    if (this.clients.ready) void this.redisReady();
  }

  /** Redis is (back): say we are alive, re-establish what we own, write our records again. */
  async redisReady(): Promise<void> {
    try {
      await this.registry.heartbeat();
      const held = [...this.ctx.sessions.all()].map((driver) => driver.core.id);
      for (const sid of held) if (!(await this.registry.reassert(sid))) this.evict(sid, 'another node owns it now');
      await this.store.heal(held.filter((sid) => this.ctx.sessions.get(sid) !== undefined));
    } catch (error) {
      this.log.warn({ err: error }, 'cluster: could not re-establish state after redis came back; will retry');
    }
  }

  /** Redis is gone: members connected across nodes cannot be served; they reconnect and resume once it is back. */
  redisDown(): void {
    this.dropEdges('registry-unavailable');
    for (const links of this.remotes.values()) for (const link of [...links.values()]) this.lost(link, 'registry-unavailable');
  }

  /** Whether this node can reach the cluster right now (/healthz says `degraded` otherwise). */
  get healthy(): boolean {
    return this.clients.ready;
  }

  figures(): ClusterFigures {
    let remoteMembers = 0;
    for (const links of this.remotes.values()) remoteMembers += links.size;
    const { published, received, unsent, lagMs } = this.inbox.counters;
    return {
      nodeId: this.nodeId,
      redisUp: this.clients.ready,
      reconnects: this.clients.reconnects,
      published,
      received,
      unsent,
      inboxLagMs: lagMs,
      remoteMembers,
      forwardedMembers: this.edges.size,
    };
  }

  // ------------------------------------------------------------------ ClusterHooks

  locate(sid: string): Promise<Whereabouts> {
    return this.registry.locate(sid);
  }

  async own(sid: string): Promise<void> {
    if (!(await this.registry.own(sid))) throw new Error(`session ${sid} already has an owner`);
  }

  forwardHello(conn: MemberLink, node: string, hello: Hello): void {
    if (!(conn instanceof Connection)) throw new Error('only a connection on this node can be forwarded');
    const id = this.nextConn++;
    conn.owner = { node, connId: id };
    this.edges.set(id, conn);
    this.outbox.other(node, { kind: 'hello', conn: id, ip: conn.ip, json: JSON.stringify(hello) });
    // The owner answers by placing the member (welcome or lobby) or closing it. A hello lost on
    // the way (a post Redis never took, an inbox trimmed under a backlog) must not leave the
    // member waiting for ever: unanswered within the hello deadline, it is sent to try again.
    conn.startHelloDeadline(this.ctx.limits.helloDeadlineMs, () => {
      if (this.edges.get(id) !== conn) return;
      this.edges.delete(id);
      conn.owner = undefined;
      this.log.warn({ node }, 'forwarded hello unanswered');
      conn.close('session-unavailable');
    });
  }

  forwardControl(conn: Connection, message: Command): void {
    if (conn.owner === undefined) return;
    this.outbox.other(conn.owner.node, { kind: 'control', conn: conn.owner.connId, json: JSON.stringify(message) });
  }

  forwardFrame(conn: Connection, data: Buffer): void {
    if (conn.owner === undefined) return;
    this.outbox.other(conn.owner.node, { kind: 'frame', conn: conn.owner.connId, data });
  }

  edgeClosed(conn: Connection): void {
    const route = conn.owner;
    if (route === undefined || this.edges.get(route.connId) !== conn) return;
    this.edges.delete(route.connId);
    this.outbox.other(route.node, { kind: 'closed', conn: route.connId });
  }

  ended(sid: string): void {
    this.store.forget(sid);
    if (this.clients.ready) this.registry.release(sid).catch((error: unknown) => this.log.debug({ err: error }, 'owner key not released'));
  }

  /**
   * Draining (SIGTERM): members of sessions owned here who are connected elsewhere are closed
   * 1001 so they resume on another node, which takes the session over; the owner keys go so
   * it can do so at once. Members connected here are closed by the hub.
   */
  async drain(): Promise<void> {
    for (const links of this.remotes.values()) for (const link of [...links.values()]) link.close('server-shutting-down');
    this.outbox.flush();
    if (this.clients.ready) {
      await Promise.allSettled([...this.ctx.sessions.all()].map((driver) => this.registry.release(driver.core.id)));
    }
  }

  /** Leaves the cluster (after the hub closed every connection). */
  async stop(): Promise<void> {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.outbox.flush();
    // Let the last posts reach Redis before the connection closes.
    await new Promise((resolve) => setImmediate(resolve));
    await this.inbox.stop();
  }

  // ------------------------------------------------------------------ inbox

  private received(from: string, envelope: Envelope): void {
    switch (envelope.kind) {
      case 'hello':
        return this.remoteHello(from, envelope.conn, envelope.ip, envelope.json);
      case 'control': {
        const link = this.remotes.get(from)?.get(envelope.conn);
        const parsed = ClientMessage.safeParse(parseJson(envelope.json));
        if (link === undefined || !parsed.success || parsed.data.type === 'hello' || parsed.data.type === 'ping') return;
        return this.hub?.command(link, parsed.data);
      }
      case 'frame': {
        const link = this.remotes.get(from)?.get(envelope.conn);
        if (link !== undefined) this.hub?.frame(link, envelope.data);
        return;
      }
      case 'closed': {
        const link = this.remotes.get(from)?.get(envelope.conn);
        if (link !== undefined) this.lost(link, 'connection-lost');
        return;
      }
      case 'send':
        for (const id of envelope.conns) this.edges.get(id)?.sendJson(envelope.json);
        return;
      case 'deliver': {
        const channel = envelope.data[0]!;
        for (const id of envelope.conns) this.edges.get(id)?.deliver(envelope.data, channel);
        return;
      }
      case 'placed': {
        const conn = this.edges.get(envelope.conn);
        if (conn === undefined) return;
        conn.stopHelloDeadline();
        conn.phase = envelope.phase;
        conn.memberId = envelope.memberId;
        return;
      }
      case 'close': {
        const conn = this.edges.get(envelope.conn);
        if (conn === undefined) return;
        // The owner decided; it needs no word back.
        this.edges.delete(envelope.conn);
        conn.owner = undefined;
        conn.close(envelope.reason as CloseReason);
        return;
      }
    }
  }

  private remoteHello(from: string, id: number, ip: string, json: string): void {
    const hello = Hello.safeParse(parseJson(json));
    if (!hello.success) return;
    const link = new RemoteLink(from, id, ip, this.outbox, this.ctx.metrics, (gone) => this.forgetRemote(gone));
    let links = this.remotes.get(from);
    if (links === undefined) {
      links = new Map();
      this.remotes.set(from, links);
    }
    links.set(id, link);
    answerHello(this.ctx, link, hello.data, true).catch((error: unknown) => {
      this.log.error({ err: error, node: from }, 'forwarded hello failed');
      link.close('internal-error');
    });
  }

  /** A remote member's connection (or its whole node) is gone: its session holds it as reconnecting. */
  private lost(link: RemoteLink, reason: string): void {
    link.closedBy(reason);
    this.hub?.release(link);
  }

  private forgetRemote(link: RemoteLink): void {
    const links = this.remotes.get(link.node);
    if (links?.get(link.conn) !== link) return;
    links.delete(link.conn);
    if (links.size === 0) this.remotes.delete(link.node);
  }

  // ------------------------------------------------------------------ heartbeat

  private async beat(): Promise<void> {
    if (!this.clients.ready) return;
    try {
      await this.registry.heartbeat();
      const owners = new Set<string>();
      for (const conn of this.edges.values()) if (conn.owner !== undefined) owners.add(conn.owner.node);
      const nodes = [...new Set([...owners, ...this.remotes.keys()])];
      const alive = await this.registry.alive(nodes);
      for (const node of nodes) if (!alive.has(node)) this.nodeDied(node);
      if (Date.now() - this.lastRefresh >= REFRESH_MS) {
        this.lastRefresh = Date.now();
        const held = [...this.ctx.sessions.all()].map((driver) => driver.core.id);
        for (const sid of await this.registry.refresh(held)) this.evict(sid, 'ownership lost');
        await this.addresses.refresh();
      }
    } catch (error) {
      this.log.debug({ err: error }, 'cluster heartbeat failed');
    }
  }

  /** A node's liveness key expired: its members here lose their owner, ours there lose their node. */
  private nodeDied(node: string): void {
    this.log.warn({ node }, 'cluster node gone');
    for (const [id, conn] of [...this.edges]) {
      if (conn.owner?.node !== node) continue;
      this.edges.delete(id);
      conn.owner = undefined;
      // Not final: the member resumes, and whichever node it reaches takes the session over.
      conn.close('session-unavailable');
    }
    for (const link of [...(this.remotes.get(node)?.values() ?? [])]) this.lost(link, 'node-lost');
  }

  private dropEdges(reason: CloseReason): void {
    for (const [id, conn] of [...this.edges]) {
      this.edges.delete(id);
      conn.owner = undefined;
      conn.close(reason);
    }
  }

  /** Another node owns a session this node still held (it was cut off meanwhile): let go, members resume there. */
  private evict(sid: string, why: string): void {
    const driver = this.ctx.sessions.get(sid);
    if (driver === undefined) return;
    this.log.warn({ session: sid, why }, 'session handed over to another node');
    const links: MemberLink[] = [];
    for (const member of driver.core.roster) if (member.link !== undefined) links.push(member.link);
    for (const knock of driver.core.lobby.values()) links.push(knock.link);
    driver.dispose();
    this.ctx.sessions.remove(driver);
    this.store.forget(sid);
    for (const link of links) {
      link.session = undefined;
      link.close('session-unavailable');
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Only our own nodes write envelopes; an unreadable one is dropped by the schema check.
    return undefined;
  }
}
