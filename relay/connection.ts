import { WebSocket } from 'ws';
import { CLOSE_CODES, SOFT_ERRORS, type CloseReason, type RelayMessage, type SoftError } from '../src/shared/protocol';
import type { RelayContext } from './context';
import type { Connection } from './session';

/** Sends a control message to one connection (a no-op once it is closing). */
export function sendControl(ctx: RelayContext, conn: Connection, message: RelayMessage): void {
  sendJson(ctx, conn, JSON.stringify(message));
}

/** Sends an already serialised control message; broadcasts serialise once and call this per member. */
export function sendJson(ctx: RelayContext, conn: Connection, json: string): void {
  if (conn.closing || conn.ws.readyState !== WebSocket.OPEN) return;
  ctx.metrics.messagesOut[0]!++;
  ctx.metrics.bytesOut[0]! += Buffer.byteLength(json);
  conn.ws.send(json);
}

const SOFT_ERROR_JSON = Object.fromEntries(
  (Object.entries(SOFT_ERRORS) as [SoftError, string][]).map(([code, message]) => [
    code,
    JSON.stringify({ type: 'error', code, message }),
  ]),
) as Record<SoftError, string>;

/** Reports a non-fatal error; the connection stays open. */
export function sendSoftError(ctx: RelayContext, conn: Connection, code: SoftError, message?: string): void {
  sendJson(ctx, conn, message === undefined ? SOFT_ERROR_JSON[code] : JSON.stringify({ type: 'error', code, message }));
}

/**
 * Starts the closing handshake with a named reason. Only the socket: what the connection
 * held in its session is released by the caller (see presence.ts).
 */
export function closeSocket(conn: Connection, reason: CloseReason): void {
  if (conn.closing) return;
  conn.closing = true;
  conn.closeReason ??= reason;
  if (conn.helloTimer !== undefined) {
    clearTimeout(conn.helloTimer);
    conn.helloTimer = undefined;
  }
  conn.ws.close(CLOSE_CODES[reason], reason);
}
