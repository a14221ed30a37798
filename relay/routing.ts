import { CHANNELS, EVERYONE, SOFT_ERRORS, frameProblem, type FrameProblem, type SoftError } from '../src/shared/protocol';
import type { RelayContext } from './context';
import type { CoreMember } from './core/session-core';
import type { MemberLink } from './member-link';

/**
 * The hot path: one data frame in, the same bytes out. It reads the 9-byte header, stamps
 * the sender's id into `from` in place, and hands the very Buffer it received to `ws` for
 * every recipient: no JSON, no copies, no timers, no logs per frame.
 */

const TERMINAL_OUT = CHANNELS.terminalOut;
const TERMINAL_IN = CHANNELS.terminalIn;

type Member = CoreMember<MemberLink>;


const SOFT_ERROR_JSON = Object.fromEntries(
  (Object.entries(SOFT_ERRORS) as [SoftError, string][]).map(([code, message]) => [code, JSON.stringify({ type: 'error', code, message })]),
) as Record<SoftError, string>;

/**
 * Routes a data frame from an admitted member (on this node, or forwarded from another) to
 * its recipients; `disconnect` closes a sender whose frame is malformed.
 */
export function routeFrame(ctx: RelayContext, conn: MemberLink, data: Buffer, disconnect: (conn: MemberLink, reason: FrameProblem) => void): void {
  const problem = frameProblem(data);
  if (problem !== undefined) return disconnect(conn, problem);
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
    if (sender !== host) deliver(ctx, host, data, channel);
    return;
  }

  const to = data.readUInt32BE(5);
  if (to === EVERYONE) {
    const roster = session.roster;
    for (let i = 0; i < roster.length; i++) {
      const member = roster[i]!;
      if (member !== sender) deliver(ctx, member, data, channel);
    }
    return;
  }
  const target = session.members.get(to);
  if (target === undefined) {
    metrics.frameDropped(channel, 'unknown-member');
    return conn.sendJson(SOFT_ERROR_JSON['unknown-member']);
  }
  deliver(ctx, target, data, channel);
}

/** Hands a frame to one member's link (which minds its queue), or counts it dropped when the member is away. */
function deliver(ctx: RelayContext, member: Member, data: Buffer, channel: number): void {
  const link = member.link;
  if (link === undefined) ctx.metrics.frameDropped(channel, 'offline');
  else link.deliver(data, channel);
}
