import { normalizeInviteCode, type CloseReason, type Hello } from '../src/shared/protocol';
import type { RelayContext } from './context';
import type { JoinOutcome } from './metrics';
import { admit, disconnect, knock, memberBack } from './presence';
import type { JoinLimiter } from './rate-limit';
import { verifyResumeToken, type ResumeClaims } from './resume-token';
import { newMemberRecord, randomMemberId, type Connection } from './session';

/**
 * The answer to `hello`: create a session, knock on one by invite code, or resume a
 * membership by token. Every refusal closes the connection with its named reason.
 */
export function handleHello(ctx: RelayContext, joins: JoinLimiter, conn: Connection, hello: Hello): void {
  if (conn.helloTimer !== undefined) {
    clearTimeout(conn.helloTimer);
    conn.helloTimer = undefined;
  }
  // Leaves `phase: 'hello'` behind at once so a second hello is `hello-expected`, even after a refusal.
  conn.phase = 'lobby';
  if (!joins.allow(conn.ip)) return refuse(ctx, conn, 'rate-limited');
  const name = hello.name.slice(0, ctx.limits.maxNameLength);
  const outcome =
    hello.intent === 'create'
      ? create(ctx, conn, name, hello.autoAdmit ?? false)
      : hello.intent === 'join'
        ? join(ctx, conn, name, hello.code)
        : resume(ctx, conn, hello.token);
  if (!isOutcome(outcome)) return refuse(ctx, conn, outcome);
  ctx.metrics.joinAttempt(outcome);
}

function create(ctx: RelayContext, conn: Connection, name: string, autoAdmit: boolean): JoinOutcome | CloseReason {
  if (ctx.sessions.size >= ctx.limits.maxSessions) return 'relay-full';
  const host = newMemberRecord(randomMemberId(), name, 'host');
  const session = ctx.sessions.create(host, autoAdmit, Date.now());
  host.conn = conn;
  ctx.log.info({ session: session.id, ip: conn.ip }, 'session created');
  admit(ctx, session, host, false);
  return 'created';
}

function join(ctx: RelayContext, conn: Connection, name: string, typed: string | undefined): JoinOutcome | CloseReason {
  const code = typed === undefined ? undefined : normalizeInviteCode(typed);
  const session = code === undefined ? undefined : ctx.sessions.byInviteCode(code);
  if (session === undefined) return 'unknown-code';
  if (session.headcount >= ctx.limits.maxMembersPerSession) return 'session-full';
  knock(ctx, session, newMemberRecord(session.newMemberId(), name, 'guest'), conn);
  return session.autoAdmit ? 'admitted' : 'lobby';
}

function resume(ctx: RelayContext, conn: Connection, token: string | undefined): JoinOutcome | CloseReason {
  const claims = token === undefined ? undefined : verifyResumeToken(ctx.key, token);
  if (claims === undefined) return 'unknown-code';
  if (ctx.sessions.hasEnded(claims.sid)) return 'session-ended';
  const session = ctx.sessions.get(claims.sid);
  if (session === undefined) return claims.role === 'host' ? recreate(ctx, conn, claims) : 'session-unavailable';
  const held = session.members.get(claims.mid);
  if (held !== undefined && held.role === claims.role) {
    memberBack(ctx, session, held, conn);
    return 'resumed';
  }
  // Gone from this incarnation (left, removed, timed out): the token is spent.
  if (held !== undefined || claims.iat >= session.startedAt || claims.role !== 'guest') return 'unknown-code';
  // The token predates this incarnation: the guest was in the session before a relay restart.
  if (session.lobby.has(claims.mid)) return 'unknown-code';
  if (session.headcount >= ctx.limits.maxMembersPerSession) return 'session-full';
  const guest = newMemberRecord(claims.mid, claims.name, 'guest');
  guest.conn = conn;
  admit(ctx, session, guest, true);
  return 'resumed';
}

/** A host resumes a session this relay does not hold (it restarted): same id, code and host id. */
function recreate(ctx: RelayContext, conn: Connection, claims: ResumeClaims): JoinOutcome | CloseReason {
  if (ctx.sessions.size >= ctx.limits.maxSessions) return 'relay-full';
  const host = newMemberRecord(claims.mid, claims.name, 'host');
  const session = ctx.sessions.recreate(claims.sid, claims.code, host, Date.now());
  if (session === undefined) return 'unknown-code';
  host.conn = conn;
  ctx.log.info({ session: session.id, ip: conn.ip }, 'session re-created by its host');
  admit(ctx, session, host, true);
  return 'recreated';
}

const OUTCOMES: ReadonlySet<string> = new Set<JoinOutcome>(['created', 'lobby', 'admitted', 'resumed', 'recreated', 'rejected']);

function isOutcome(value: string): value is JoinOutcome {
  return OUTCOMES.has(value);
}

function refuse(ctx: RelayContext, conn: Connection, reason: CloseReason): void {
  ctx.metrics.joinAttempt('rejected');
  ctx.log.info({ ip: conn.ip, reason }, 'hello refused');
  disconnect(ctx, conn, reason);
}
