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
  const name = displayName(hello.name, ctx.limits.maxNameLength, hello.intent === 'create' ? 'Host' : 'Guest');
  const outcome =
    hello.intent === 'create'
      ? create(ctx, conn, name, hello.autoAdmit ?? false)
      : hello.intent === 'join'
        ? join(ctx, conn, name, hello.code)
        : resume(ctx, conn, hello.token);
  if (!isOutcome(outcome)) return refuse(ctx, conn, outcome);
  ctx.metrics.joinAttempt(outcome);
}

// Characters that break a line or the text around them when shown: C0/C1 controls (NUL, ESC,
// newlines), bidi embeddings/overrides/isolates and marks, line/paragraph separators, BOM.
// Zero-width joiners stay: emoji sequences like 👩‍💻 need them.
const BREAKING = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/gu;
// A surrogate without its other half (JSON may carry one) is not a character at all.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * Room for a name inside a resume token (JSON-escaped UTF-8 bytes): the token must stay
 * under the 1024 characters `hello` allows, whatever --max-name-length says.
 */
const NAME_TOKEN_BYTES = 512;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The name others see: breaking characters dropped (whitespace ones become spaces), runs of
 * whitespace collapsed and trimmed, cut to `maxLength` user-perceived characters (graphemes,
 * so an emoji or an accented letter is never split), or `fallback` when nothing is left.
 */
export function displayName(raw: string, maxLength: number, fallback: string): string {
  const clean = raw
    .replace(LONE_SURROGATE, '')
    .replace(BREAKING, (char) => (/\s/.test(char) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(clean)) {
    if (count === maxLength || Buffer.byteLength(JSON.stringify(kept + segment)) - 2 > NAME_TOKEN_BYTES) break;
    kept += segment;
    count += 1;
  }
  // Cutting may end on a space.
  return kept.trimEnd() || fallback;
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
