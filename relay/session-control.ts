import { HOST_ONLY, type ClientMessage } from '../src/shared/protocol';
import { sendControl, sendSoftError } from './connection';
import type { RelayContext } from './context';
import { admit, broadcast, disconnect, endSession, removeMember, withdrawKnock } from './presence';
import type { Connection, MemberRecord, Session } from './session';

type Command = Exclude<ClientMessage, { type: 'hello' }>;

/** A control message from a knocking joiner: only `leave` and `ping` are allowed there. */
export function handleLobbyCommand(ctx: RelayContext, conn: Connection, command: Command): void {
  const { session, member } = conn;
  if (command.type === 'ping') return sendControl(ctx, conn, { type: 'pong', t: command.t });
  if (command.type !== 'leave' || session === undefined || member === undefined) {
    return disconnect(ctx, conn, 'not-admitted');
  }
  withdrawKnock(ctx, session, member);
  disconnect(ctx, conn, 'left');
}

/** A control message from an admitted member. Host-only commands from a guest get `not-host`. */
export function handleMemberCommand(ctx: RelayContext, conn: Connection, command: Command): void {
  const { session, member } = conn;
  if (session === undefined || member === undefined) return;
  if (HOST_ONLY.has(command.type) && member !== session.host) return sendSoftError(ctx, conn, 'not-host');
  switch (command.type) {
    case 'ping':
      return sendControl(ctx, conn, { type: 'pong', t: command.t });
    case 'leave':
      // The host leaving means the session is over for everyone.
      if (member === session.host) return endSession(ctx, session, 'host-ended');
      return removeMember(ctx, session, member, 'left');
    case 'request-permission':
      if (member !== session.host && session.host.conn !== undefined) {
        sendControl(ctx, session.host.conn, { type: 'permission-requested', memberId: member.id });
      }
      return;
    case 'admit':
    case 'deny': {
      const joiner = session.lobby.get(command.memberId);
      if (joiner === undefined) return sendSoftError(ctx, conn, 'unknown-member', 'no such joiner in the lobby');
      if (command.type === 'deny') return withdrawKnock(ctx, session, joiner, true);
      ctx.metrics.joinAttempt('admitted');
      return admit(ctx, session, joiner, false);
    }
    case 'remove': {
      const joiner = session.lobby.get(command.memberId);
      if (joiner !== undefined) return withdrawKnock(ctx, session, joiner, true);
      const target = guest(session, command.memberId);
      if (target === undefined) return sendSoftError(ctx, conn, 'unknown-member');
      return removeMember(ctx, session, target, 'removed');
    }
    case 'set-permissions': {
      const target = guest(session, command.memberId);
      if (target === undefined) return sendSoftError(ctx, conn, 'unknown-member');
      target.permissions = { ...command.permissions };
      target.noPermissionReported = false;
      return broadcast(ctx, session, {
        type: 'permissions-changed',
        memberId: target.id,
        permissions: { ...target.permissions },
      });
    }
    case 'set-auto-admit':
      session.autoAdmit = command.on;
      broadcast(ctx, session, { type: 'auto-admit-changed', on: command.on });
      // Turning auto-admit on answers the knocks already waiting too.
      if (command.on) {
        for (const joiner of [...session.lobby.values()]) {
          ctx.metrics.joinAttempt('admitted');
          admit(ctx, session, joiner, false);
        }
      }
      return;
    case 'end-session':
      return endSession(ctx, session, 'host-ended');
  }
}

/** An admitted guest by id; the host is not a valid target for guest-only commands. */
function guest(session: Session, memberId: number): MemberRecord | undefined {
  const member = session.members.get(memberId);
  return member === undefined || member === session.host ? undefined : member;
}
