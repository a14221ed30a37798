import { WebSocket } from 'ws';
import { CHANNELS, EVERYONE, FRAME_HEADER_BYTES, MAX_CHANNEL_ID, SOFT_ERRORS, type FrameProblem, type SoftError } from '../src/shared/protocol';
import type { Connection } from './connection';
import type { RelayContext } from './context';
import type { CoreMember } from './core/session-core';
import type { RelayHub } from './hub';

/**
 * The hot path: one data frame in, the same bytes out. It reads the 9-byte header, stamps
 * the sender's id into `from` in place, and hands the very Buffer it received to `ws` for
 * every recipient: no JSON, no copies, no timers, no logs per frame.
 */

const TERMINAL_OUT = CHANNELS.terminalOut;
const TERMINAL_IN = CHANNELS.terminalIn;
const OPEN = WebSocket.OPEN;

type Member = CoreMember<Connection>;

/**
 * What `decodeFrame` (src/shared/protocol/frame.ts) would say about these bytes, without
 * allocating its result object: undefined for a valid frame. Tests hold the two in step.
 */
export function frameProblem(data: Uint8Array): FrameProblem | undefined {
  if (data.byteLength < FRAME_HEADER_BYTES) return 'bad-message';
  const channel = data[0]!;
  if (channel === 0 || channel > MAX_CHANNEL_ID) return 'unknown-channel';
  return undefined;
}

const SOFT_ERROR_JSON = Object.fromEntries(
  (Object.entries(SOFT_ERRORS) as [SoftError, string][]).map(([code, message]) => [code, JSON.stringify({ type: 'error', code, message })]),
) as Record<SoftError, string>;

/** Routes a data frame from an admitted member to its recipients. */
export function routeFrame(ctx: RelayContext, hub: RelayHub, conn: Connection, data: Buffer): void {
  const problem = frameProblem(data);
  if (problem !== undefined) return hub.disconnect(conn, problem);
  const session = conn.session?.core;
  const sender = conn.member;
  // Removed, replaced or the session is over: the close is on its way; nothing more is routed.
  if (session === undefined || sender === undefined || sender.link !== conn) return;
  const channel = data[0]!;
  const { metrics } = ctx;
  metrics.messagesIn[channel]!++;
  metrics.bytesIn[channel]! += data.length;
  data.writeUInt32BE(sender.id, 1);

  const host = session.host;
  if (channel === TERMINAL_OUT && sender !== host) {
    metrics.frameDropped(channel, 'not-host');
    return conn.sendJson(JSON.stringify({ type: 'error', code: 'not-host', message: 'only the host sends terminal output' }));
  }
  if (channel === TERMINAL_IN) {
    if (sender !== host && !sender.permissions.terminalInput) {
      metrics.frameDropped(channel, 'no-permission');
      if (!sender.noPermissionReported) {
        sender.noPermissionReported = true;
        conn.sendJson(SOFT_ERROR_JSON['no-permission']);
      }
      return;
    }
    // Terminal input is for the host's pty and nobody else, whatever `to` says.
    if (sender !== host) deliver(ctx, hub, host, data, channel);
    return;
  }

  const to = data.readUInt32BE(5);
  if (to === EVERYONE) {
    const roster = session.roster;
    for (let i = 0; i < roster.length; i++) {
      const member = roster[i]!;
      if (member !== sender) deliver(ctx, hub, member, data, channel);
    }
    return;
  }
  const target = session.members.get(to);
  if (target === undefined) {
    metrics.frameDropped(channel, 'unknown-member');
    return conn.sendJson(SOFT_ERROR_JSON['unknown-member']);
  }
  deliver(ctx, hub, target, data, channel);
}

/**
 * Sends one frame to one member, minding its queue: past `hardBufferBytes` the member is
 * closed `too-slow` (it resumes and resyncs); past `softBufferBytes` terminal output to it
 * is dropped and it is told once to resync. Other channels are never dropped.
 */
function deliver(ctx: RelayContext, hub: RelayHub, member: Member, data: Buffer, channel: number): void {
  const conn = member.link;
  if (conn === undefined || conn.closing || conn.ws.readyState !== OPEN) {
    ctx.metrics.frameDropped(channel, 'offline');
    return;
  }
  const queued = conn.ws.bufferedAmount;
  const { limits, metrics } = ctx;
  if (queued > limits.hardBufferBytes) {
    metrics.frameDropped(channel, 'slow-consumer');
    ctx.log.warn({ session: conn.session?.core.id, member: member.id, queued }, 'member too slow, closing');
    return hub.disconnect(conn, 'too-slow');
  }
  if (channel === TERMINAL_OUT) {
    if (queued > limits.softBufferBytes) {
      metrics.frameDropped(channel, 'slow-consumer');
      if (!member.resyncPending) {
        member.resyncPending = true;
        conn.send({ type: 'resync', channel: TERMINAL_OUT });
      }
      return;
    }
    member.resyncPending = false;
  }
  metrics.messagesOut[channel]!++;
  metrics.bytesOut[channel]! += data.length;
  conn.ws.send(data);
}
