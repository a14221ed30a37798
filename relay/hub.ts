import type { WebSocket } from 'ws';
import { ClientMessage, PROTOCOL_VERSION, closeReasonOf } from '../src/shared/protocol';
import { handleHello } from './admission';
import { closeSocket } from './connection';
import type { RelayContext } from './context';
import { clearGrace, disconnect, release } from './presence';
import { fullBucket, JoinLimiter, takeToken } from './rate-limit';
import { routeFrame } from './routing';
import type { Connection } from './session';
import { handleLobbyCommand, handleMemberCommand } from './session-control';

/**
 * Every connection's life: accepted, rate-limited, dispatched (control messages by phase,
 * data frames to routing), kept alive by one relay-wide heartbeat, and released on close.
 */
export class RelayHub {
  private readonly joins: JoinLimiter;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly messagesPerMs: number;

  constructor(
    private readonly ctx: RelayContext,
    /** Every open connection (shared with the metrics gauge). */
    readonly connections = new Set<Connection>(),
  ) {
    this.joins = new JoinLimiter(ctx.limits.joinsPerMinute);
    this.messagesPerMs = ctx.limits.messagesPerSecond / 1000;
    // One timer for the whole relay, however many connections it holds.
    this.heartbeat = setInterval(() => this.beat(), ctx.limits.heartbeatIntervalMs);
  }

  /** Takes over an upgraded WebSocket; it has `helloDeadlineMs` to say hello. */
  accept(ws: WebSocket, ip: string): void {
    const conn: Connection = {
      ws,
      ip,
      phase: 'hello',
      session: undefined,
      member: undefined,
      bucket: fullBucket(this.ctx.limits.messageBurst, Date.now()),
      alive: true,
      closing: false,
      closeReason: undefined,
      helloTimer: undefined,
    };
    this.connections.add(conn);
    conn.helloTimer = setTimeout(() => {
      conn.helloTimer = undefined;
      if (conn.phase === 'hello') disconnect(this.ctx, conn, 'hello-timeout');
    }, this.ctx.limits.helloDeadlineMs);
    ws.on('message', (data, isBinary) => {
      // A bug triggered by one member's input must cost that member its connection, not
      // everyone theirs: an exception escaping a ws listener would end the process.
      try {
        this.onMessage(conn, data as Buffer, isBinary);
      } catch (error) {
        this.onFault(conn, error);
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (error: Error & { code?: string }) => this.onError(conn, error));
    ws.on('close', (code) => this.onClose(conn, code));
    this.ctx.log.debug({ ip }, 'connection opened');
  }

  /** Closes every connection with 1001 and resolves once they are gone (stragglers are cut off). */
  async shutdown(timeoutMs: number): Promise<void> {
    this.ctx.shuttingDown = true;
    clearInterval(this.heartbeat);
    for (const session of this.ctx.sessions.all()) for (const member of session.members.values()) clearGrace(member);
    for (const conn of this.connections) {
      closeSocket(conn, 'server-shutting-down');
      release(this.ctx, conn);
    }
    const deadline = Date.now() + timeoutMs;
    while (this.connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const conn of this.connections) conn.ws.terminate();
    while (this.connections.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (conn.closing) return;
    const { ctx } = this;
    const { limits } = ctx;
    if (!takeToken(conn.bucket, limits.messageBurst, this.messagesPerMs, Date.now())) {
      return disconnect(ctx, conn, 'rate-limited');
    }
    if (isBinary) {
      if (conn.phase === 'member') return routeFrame(ctx, conn, data);
      return disconnect(ctx, conn, conn.phase === 'hello' ? 'hello-expected' : 'not-admitted');
    }
    ctx.metrics.messagesIn[0]!++;
    ctx.metrics.bytesIn[0]! += data.length;
    if (data.length > limits.maxControlBytes) return disconnect(ctx, conn, 'too-big');
    let value: unknown;
    try {
      value = JSON.parse(data.toString('utf8'));
    } catch {
      // Not JSON: the error itself says nothing more than "bad message".
      return disconnect(ctx, conn, 'bad-message');
    }
    if (isForeignHello(value)) {
      return disconnect(ctx, conn, conn.phase === 'hello' ? 'unsupported-version' : 'hello-expected');
    }
    const parsed = ClientMessage.safeParse(value);
    if (!parsed.success) return disconnect(ctx, conn, 'bad-message');
    const message = parsed.data;
    if (conn.phase === 'hello') {
      if (message.type !== 'hello') return disconnect(ctx, conn, 'hello-expected');
      return handleHello(ctx, this.joins, conn, message);
    }
    if (message.type === 'hello') return disconnect(ctx, conn, 'hello-expected');
    if (conn.phase === 'lobby') return handleLobbyCommand(ctx, conn, message);
    return handleMemberCommand(ctx, conn, message);
  }

  private onFault(conn: Connection, error: unknown): void {
    this.ctx.log.error({ err: error, ip: conn.ip, session: conn.session?.id, member: conn.member?.id }, 'internal error');
    if (conn.closing) return;
    conn.closing = true;
    conn.closeReason = 'internal-error';
    conn.ws.close(1011, 'internal-error');
    release(this.ctx, conn);
  }

  private onError(conn: Connection, error: Error & { code?: string }): void {
    // ws has already started closing (1009 for an oversized message, 1002/1007 for
    // protocol violations); record why and free the member's place right away.
    const reason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'too-big' : 'bad-message';
    conn.closeReason ??= reason;
    conn.closing = true;
    this.ctx.log.info({ ip: conn.ip, code: error.code, reason }, 'connection error');
    release(this.ctx, conn);
  }

  private onClose(conn: Connection, code: number): void {
    this.connections.delete(conn);
    if (conn.helloTimer !== undefined) clearTimeout(conn.helloTimer);
    conn.helloTimer = undefined;
    if (!conn.closing) {
      conn.closing = true;
      // The peer closed first: anything but a `leave` is a drop, and the member is held.
      conn.closeReason = code === 1006 ? 'connection-lost' : 'peer-closed';
    }
    const reason = conn.closeReason ?? 'unknown';
    this.ctx.metrics.closed(reason);
    release(this.ctx, conn);
    this.ctx.log.info(
      { ip: conn.ip, code, reason, session: conn.session?.id, member: conn.member?.id, codeName: closeReasonOf(code) },
      'connection closed',
    );
  }

  private beat(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        // Missed the previous ping: the peer (or the path to it) is gone.
        conn.closeReason ??= 'heartbeat-timeout';
        conn.closing = true;
        conn.ws.terminate();
        release(this.ctx, conn);
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
    this.joins.sweep();
  }
}

/** A hello for another protocol version: answered `unsupported-version`, whatever else it carries. */
function isForeignHello(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { type, v } = value as { type?: unknown; v?: unknown };
  return type === 'hello' && typeof v === 'number' && v !== PROTOCOL_VERSION;
}
