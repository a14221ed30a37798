import type { WebSocket } from 'ws';
import { ClientMessage, PROTOCOL_VERSION, closeReasonOf, frameProblem, type CloseReason } from '../src/shared/protocol';
import type { Command } from './core/session-core';
import { answerHello } from './admission';
import { Connection, type ConnectionDeps } from './connection';
import type { MemberLink } from './member-link';
import type { RelayContext } from './context';
import { HeartbeatSchedule } from './heartbeat-schedule';
import { takeToken } from './rate-limit';
import { routeFrame } from './routing';

/**
 * Every connection's life: accepted, rate-limited, dispatched (control messages by phase to
 * the session core, data frames to routing), kept alive by one relay-wide heartbeat, and
 * released on close.
 */
export class RelayHub {
  private readonly heartbeat: NodeJS.Timeout;
  private readonly beats: HeartbeatSchedule;
  private readonly messagesPerMs: number;
  private readonly connectionDeps: ConnectionDeps;
  private readonly socketListeners = socketListeners(this);
  private readonly disconnectLink = (link: MemberLink, reason: CloseReason): void => {
    link.close(reason);
    this.release(link);
  };

  constructor(
    private readonly ctx: RelayContext,
    /** Every open connection (shared with the metrics gauge). */
    readonly connections = new Set<Connection>(),
  ) {
    this.messagesPerMs = ctx.limits.messagesPerSecond / 1000;
    this.connectionDeps = {
      limits: ctx.limits,
      metrics: ctx.metrics,
      log: ctx.log,
      disconnect: this.disconnectLink,
      handle: (conn, data, isBinary) => {
        // A bug triggered by one member's input must cost that member its connection, not
        // everyone theirs: an exception escaping a ws listener would end the process.
        try {
          this.onMessage(conn, data, isBinary);
        } catch (error) {
          this.onFault(conn, error);
        }
      },
    };
    // One timer for the whole relay, however many connections it holds; each tick pings one slice.
    this.beats = new HeartbeatSchedule(ctx.limits.heartbeatIntervalMs);
    this.heartbeat = setInterval(() => this.beat(), this.beats.tickMs);
  }

  /** Takes over an upgraded WebSocket; it has `helloDeadlineMs` to say hello. */
  accept(ws: WebSocket, ip: string): void {
    const conn = new Connection(ws, ip, this.connectionDeps);
    conn.beatSlot = this.beats.assign();
    this.connections.add(conn);
    conn.startHelloDeadline(this.ctx.limits.helloDeadlineMs, () => {
      if (conn.phase === 'hello') this.disconnect(conn, 'hello-timeout');
    });
    // The same four listeners for every socket (ws calls them with `this` = the socket): no
    // closures per connection, which at tens of thousands of idle members is memory that counts.
    (ws as OwnedSocket)[CONNECTION] = conn;
    ws.on('message', this.socketListeners.message);
    ws.on('pong', this.socketListeners.pong);
    ws.on('error', this.socketListeners.error);
    ws.on('close', this.socketListeners.close);
    this.ctx.log.debug({ ip }, 'connection opened');
  }

  /** Closes every connection with 1001 and resolves once they are gone (stragglers are cut off). */
  async shutdown(timeoutMs: number): Promise<void> {
    this.ctx.shuttingDown = true;
    clearInterval(this.heartbeat);
    for (const driver of this.ctx.sessions.all()) driver.dispose();
    for (const conn of this.connections) conn.close('server-shutting-down');
    const deadline = Date.now() + timeoutMs;
    while (this.connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const conn of this.connections) conn.terminate('server-shutting-down');
    while (this.connections.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  /** Closes a connection for a fault of its own (or slowness) and releases its place at once. */
  disconnect(conn: MemberLink, reason: CloseReason): void {
    this.disconnectLink(conn, reason);
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (conn.closing) return;
    const { ctx } = this;
    const { limits } = ctx;
    // Data is paced by the connection itself (see Connection.receive), never refused.
    if (isBinary) {
      if (conn.phase === 'hello') return this.disconnect(conn, 'hello-expected');
      if (conn.owner !== undefined && conn.phase === 'member') return this.forwardFrame(conn, data);
      return this.frame(conn, data);
    }
    if (!takeToken(conn.bucket, limits.messageBurst, this.messagesPerMs, Date.now())) {
      return this.disconnect(conn, 'rate-limited');
    }
    ctx.metrics.messagesIn[0]!++;
    ctx.metrics.bytesIn[0]! += data.length;
    if (data.length > limits.maxControlBytes) return this.disconnect(conn, 'too-big');
    let value: unknown;
    try {
      value = JSON.parse(data.toString('utf8'));
    } catch {
      // Not JSON: the error itself says nothing more than "bad message".
      return this.disconnect(conn, 'bad-message');
    }
    if (isForeignHello(value)) {
      return this.disconnect(conn, conn.phase === 'hello' ? 'unsupported-version' : 'hello-expected');
    }
    const parsed = ClientMessage.safeParse(value);
    if (!parsed.success) return this.disconnect(conn, 'bad-message');
    const message = parsed.data;
    if (conn.phase === 'hello') {
      if (message.type !== 'hello') return this.disconnect(conn, 'hello-expected');
      answerHello(ctx, conn, message).catch((error: unknown) => this.onFault(conn, error));
      return;
    }
    if (message.type === 'hello') return this.disconnect(conn, 'hello-expected');
    if (message.type === 'ping') return conn.send({ type: 'pong', t: message.t });
    // A member whose session lives on another node: validated here, decided there.
    if (conn.owner !== undefined) return ctx.cluster?.forwardControl(conn, message);
    this.command(conn, message);
  }

  /** A data frame from a member on this node or another: routed if it is admitted. */
  frame(link: MemberLink, data: Buffer): void {
    if (link.phase === 'member') return routeFrame(this.ctx, link, data, this.disconnectLink);
    this.disconnect(link, 'not-admitted');
  }

  /** A validated control message (not hello, not ping) from a member or a knocking joiner, on this node or another. */
  command(link: MemberLink, message: Command): void {
    const driver = link.session;
    if (link.phase === 'member' && driver !== undefined) {
      return driver.run(driver.core.command(link.memberId, link, message));
    }
    // In the lobby (or still being answered) only `leave` is allowed.
    if (message.type !== 'leave') return this.disconnect(link, 'not-admitted');
    if (driver !== undefined) driver.run(driver.core.cancelKnock(link.memberId, link));
    if (!link.closing) link.close('left');
  }

  /** A frame for a session owned elsewhere: checked here (so a malformed one closes at once), routed there. */
  private forwardFrame(conn: Connection, data: Buffer): void {
    const problem = frameProblem(data);
    if (problem !== undefined) return this.disconnect(conn, problem);
    this.ctx.metrics.messagesIn[data[0]!]!++;
    this.ctx.metrics.bytesIn[data[0]!]! += data.length;
    this.ctx.cluster?.forwardFrame(conn, data);
  }

  private onFault(conn: Connection, error: unknown): void {
    this.ctx.log.error({ err: error, ip: conn.ip, session: conn.session?.core.id, member: conn.memberId }, 'internal error');
    if (conn.closing) return;
    this.disconnect(conn, 'internal-error');
  }

  /** ws reported an error on a member's socket (it is closing it already). */
  socketError(conn: Connection, error: Error & { code?: string }): void {
    // ws has already started closing (1009 for an oversized message, 1002/1007 for
    // protocol violations); record why and free the member's place right away.
    const reason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'too-big' : 'bad-message';
    conn.closedBy(reason);
    this.ctx.log.info({ ip: conn.ip, code: error.code, reason }, 'connection error');
    this.release(conn);
  }

  /** A member's socket closed, whoever closed it. */
  socketClosed(conn: Connection, code: number): void {
    this.connections.delete(conn);
    // The peer closed first: anything but a `leave` is a drop, and the member is held.
    conn.closedBy(code === 1006 ? 'connection-lost' : 'peer-closed');
    const reason = conn.closeReason ?? 'unknown';
    this.ctx.metrics.closed(reason);
    this.release(conn);
    this.ctx.log.info(
      { ip: conn.ip, code, reason, session: conn.session?.core.id, member: conn.memberId || undefined, codeName: closeReasonOf(code) },
      'connection closed',
    );
  }

  /**
   * Tells the session core a connection is gone: a member is held for the grace period, a
   * knock withdrawn. For a member whose session lives on another node, that node is told.
   */
  release(conn: MemberLink): void {
    if (conn instanceof Connection && conn.owner !== undefined) return this.ctx.cluster?.edgeClosed(conn);
    const driver = conn.session;
    if (driver === undefined || this.ctx.shuttingDown) return;
    driver.run(driver.core.linkClosed(conn.memberId, conn));
  }

  private beat(): void {
    const due = this.beats.next();
    for (const conn of this.connections) {
      if (conn.beatSlot !== due) continue;
      // A paced connection is sending faster than its budget; its pong waits unread behind its data.
      if (conn.paced) conn.alive = true;
      if (!conn.alive) {
        // Missed the previous ping: the peer (or the path to it) is gone.
        conn.terminate('heartbeat-timeout');
        this.release(conn);
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
    if (due === 0) this.ctx.addresses.sweep();
  }
}

/** The connection a socket belongs to, kept on the socket itself. */
const CONNECTION = Symbol('duet connection');
type OwnedSocket = WebSocket & { [CONNECTION]: Connection };

function socketListeners(hub: RelayHub) {
  const owner = (ws: WebSocket): Connection => (ws as OwnedSocket)[CONNECTION];
  return {
    message(this: WebSocket, data: Buffer, isBinary: boolean): void {
      owner(this).receive(data, isBinary);
    },
    pong(this: WebSocket): void {
      owner(this).alive = true;
    },
    error(this: WebSocket, error: Error & { code?: string }): void {
      hub.socketError(owner(this), error);
    },
    close(this: WebSocket, code: number): void {
      hub.socketClosed(owner(this), code);
    },
  };
}

/** A hello for another protocol version: answered `unsupported-version`, whatever else it carries. */
function isForeignHello(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { type, v } = value as { type?: unknown; v?: unknown };
  return type === 'hello' && typeof v === 'number' && v !== PROTOCOL_VERSION;
}
