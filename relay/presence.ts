import type { CloseReason, RelayMessage } from '../src/shared/protocol';
import { closeSocket, sendControl, sendJson } from './connection';
import type { RelayContext } from './context';
import { signResumeToken } from './resume-token';
import { memberView, type Connection, type MemberRecord, type Session } from './session';

/**
 * Membership transitions and the presence events people think in: joined, reconnecting,
 * back, left, session ended. Every change of who is in a session goes through here.
 */

/** Sends one control message to every online admitted member except `except`. */
export function broadcast(ctx: RelayContext, session: Session, message: RelayMessage, except?: MemberRecord): void {
  const json = JSON.stringify(message);
  for (const member of session.roster) {
    if (member !== except && member.conn !== undefined) sendJson(ctx, member.conn, json);
  }
}

/** Puts a joiner in the lobby and tells the host, or admits at once when auto-admit is on. */
export function knock(ctx: RelayContext, session: Session, joiner: MemberRecord, conn: Connection): void {
  joiner.conn = conn;
  conn.session = session;
  conn.member = joiner;
  if (session.autoAdmit) {
    admit(ctx, session, joiner, false);
    return;
  }
  conn.phase = 'lobby';
  session.lobby.set(joiner.id, joiner);
  sendControl(ctx, conn, { type: 'lobby', session: { id: session.id } });
  if (session.host.conn !== undefined) {
    sendControl(ctx, session.host.conn, { type: 'knock', memberId: joiner.id, name: joiner.name });
  }
}

/** Makes a joiner (or a guest re-admitted after a relay restart) a member: welcome + member-joined. */
export function admit(ctx: RelayContext, session: Session, member: MemberRecord, resumed: boolean): void {
  session.lobby.delete(member.id);
  session.addMember(member);
  welcome(ctx, session, member, resumed);
  broadcast(ctx, session, { type: 'member-joined', member: memberView(member) }, member);
  ctx.log.info({ session: session.id, member: member.id, role: member.role, resumed }, 'member joined');
}

/** A held member is back on a new connection; an older connection still open is replaced. */
export function memberBack(ctx: RelayContext, session: Session, member: MemberRecord, conn: Connection): void {
  clearGrace(member);
  const stale = member.conn;
  member.conn = conn;
  member.resyncPending = false;
  if (stale !== undefined) closeSocket(stale, 'replaced');
  welcome(ctx, session, member, true);
  broadcast(ctx, session, { type: 'member-back', memberId: member.id }, member);
  if (member === session.host) {
    // Knocks that arrived while the host was away would otherwise wait forever.
    for (const joiner of session.lobby.values()) {
      sendControl(ctx, conn, { type: 'knock', memberId: joiner.id, name: joiner.name });
    }
  }
  ctx.log.info({ session: session.id, member: member.id, replaced: stale !== undefined }, 'member resumed');
}

/** A member is gone for good: everyone else gets `member-left`; an open connection is closed. */
export function removeMember(
  ctx: RelayContext,
  session: Session,
  member: MemberRecord,
  reason: 'left' | 'removed' | 'timeout',
): void {
  session.deleteMember(member);
  clearGrace(member);
  const conn = member.conn;
  member.conn = undefined;
  broadcast(ctx, session, { type: 'member-left', memberId: member.id, reason });
  if (conn !== undefined) closeSocket(conn, reason === 'left' ? 'left' : 'removed');
  ctx.log.info({ session: session.id, member: member.id, reason }, 'member left');
}

/** A knocking joiner is gone before an answer (left, disconnected or denied). */
export function withdrawKnock(ctx: RelayContext, session: Session, joiner: MemberRecord, denied = false): void {
  session.lobby.delete(joiner.id);
  const conn = joiner.conn;
  joiner.conn = undefined;
  if (denied && conn !== undefined) closeSocket(conn, 'denied');
  if (!denied && !ctx.shuttingDown && session.host.conn !== undefined) {
    sendControl(ctx, session.host.conn, { type: 'knock-withdrawn', memberId: joiner.id });
  }
}

/** Ends a session: everyone (lobby included) is told and closed with `session-ended`; the code dies. */
export function endSession(ctx: RelayContext, session: Session, reason: 'host-ended' | 'host-gone'): void {
  ctx.sessions.end(session);
  const json = JSON.stringify({ type: 'session-ended', reason } satisfies RelayMessage);
  for (const member of [...session.members.values(), ...session.lobby.values()]) {
    clearGrace(member);
    const conn = member.conn;
    member.conn = undefined;
    if (conn === undefined) continue;
    sendJson(ctx, conn, json);
    closeSocket(conn, 'session-ended');
  }
  session.clear();
  ctx.log.info({ session: session.id, reason }, 'session ended');
}

/**
 * Releases the place a closing connection held: a member becomes `reconnecting` for the
 * grace period, a knocking joiner's knock is withdrawn. A no-op for a connection that no
 * longer holds a place (replaced, removed, left, session over).
 */
export function release(ctx: RelayContext, conn: Connection): void {
  const { session, member } = conn;
  if (session === undefined || member === undefined || member.conn !== conn) return;
  if (conn.phase === 'lobby') withdrawKnock(ctx, session, member);
  else memberDropped(ctx, session, member);
}

/** Closes a connection for a fault of its own (or slowness) and releases its place. */
export function disconnect(ctx: RelayContext, conn: Connection, reason: CloseReason): void {
  closeSocket(conn, reason);
  release(ctx, conn);
}

function memberDropped(ctx: RelayContext, session: Session, member: MemberRecord): void {
  member.conn = undefined;
  if (ctx.shuttingDown) return;
  broadcast(ctx, session, { type: 'member-reconnecting', memberId: member.id }, member);
  member.graceTimer = setTimeout(() => graceExpired(ctx, session, member), ctx.limits.reconnectGraceMs);
  ctx.log.info({ session: session.id, member: member.id }, 'member reconnecting');
}

function graceExpired(ctx: RelayContext, session: Session, member: MemberRecord): void {
  member.graceTimer = undefined;
  if (session.members.get(member.id) !== member || member.conn !== undefined) return;
  if (member === session.host) endSession(ctx, session, 'host-gone');
  else removeMember(ctx, session, member, 'timeout');
}

function welcome(ctx: RelayContext, session: Session, member: MemberRecord, resumed: boolean): void {
  const conn = member.conn;
  if (conn === undefined) return;
  conn.phase = 'member';
  conn.session = session;
  conn.member = member;
  const { limits } = ctx;
  const resumeToken = signResumeToken(ctx.key, {
    sid: session.id,
    code: session.code,
    mid: member.id,
    role: member.role,
    name: member.name,
    iat: Date.now(),
  });
  sendControl(ctx, conn, {
    type: 'welcome',
    session: { id: session.id, code: session.code, autoAdmit: session.autoAdmit },
    you: memberView(member),
    members: session.memberViews(),
    resumeToken,
    resumed,
    limits: {
      maxFrameBytes: limits.maxFrameBytes,
      maxControlBytes: limits.maxControlBytes,
      messagesPerSecond: limits.messagesPerSecond,
      messageBurst: limits.messageBurst,
      heartbeatIntervalMs: limits.heartbeatIntervalMs,
      reconnectGraceMs: limits.reconnectGraceMs,
    },
  });
}

/** Clears a member's grace timer (it is back, or gone for good). */
export function clearGrace(member: MemberRecord): void {
  if (member.graceTimer === undefined) return;
  clearTimeout(member.graceTimer);
  member.graceTimer = undefined;
}
