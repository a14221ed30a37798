import { randomBytes } from 'node:crypto';
import { INVITE_CODE_RANDOM_BYTES, inviteCodeFromRandomBytes, normalizeInviteCode, type CloseReason, type Hello } from '../src/shared/protocol';
import type { MemberLink } from './member-link';
import type { RelayContext } from './context';
import type { Admission } from './core/effects';
import { SessionCore } from './core/session-core';
import { displayName } from './display-name';
import type { JoinOutcome } from './metrics';
import { RegistryUnavailableError } from './cluster/redis-store';
import { verifyResumeToken } from './resume-token';
import { SessionDriver } from './session-driver';

/**
 * The answer to `hello`: create a session, knock on one by invite code, or resume a
 * membership by token — rebuilding the session from its record when this relay does not
 * hold it (after a restart). Every refusal closes the connection with its named reason.
 */
export async function answerHello(ctx: RelayContext, conn: MemberLink, hello: Hello, forwarded = false): Promise<void> {
  conn.stopHelloDeadline();
  // Leaves `hello` behind at once so a second hello is `hello-expected`, even after a refusal.
  conn.phase = 'answering';
  let result: Entered | CloseReason | Gone;
  try {
    // A hello another node forwarded was counted against its address there.
    if (!forwarded && !(await ctx.addresses.allowJoin(conn.ip))) return refuse(ctx, conn, 'rate-limited', false);
    const name = displayName(hello.name, ctx.limits.maxNameLength, hello.intent === 'create' ? 'Host' : 'Guest');
    const asked = { ctx, conn, hello, forwarded };
    result =
      hello.intent === 'create'
        ? await create(ctx, conn, name, hello.autoAdmit ?? false)
        : hello.intent === 'join'
          ? await join(asked, name, hello.code)
          : await resume(asked, hello.token);
  } catch (error) {
    if (!(error instanceof RegistryUnavailableError)) throw error;
    result = 'registry-unavailable';
  }
  if (result === 'gone' || conn.closing) return;
  if (isOutcome(result)) return ctx.metrics.joinAttempt(result);
  // Only a code that matched no session is a possible guess; a spent token or a full lobby is not.
  refuse(ctx, conn, result, hello.intent === 'join' && result === 'unknown-code');
}

/** Nothing more to answer here: the connection closed while its hello waited, or another node answers it. */
type Gone = 'gone';
/** A hello and where it came from. */
interface Asked {
  readonly ctx: RelayContext;
  readonly conn: MemberLink;
  readonly hello: Hello;
  /** Forwarded by the node the member is connected to (this node owns the session). */
  readonly forwarded: boolean;
}
/** A hello that got its sender in (or into the lobby). */
type Entered = Exclude<JoinOutcome, 'unknown-code' | 'refused'>;

async function create(ctx: RelayContext, conn: MemberLink, name: string, autoAdmit: boolean): Promise<Entered | CloseReason | Gone> {
  const id = randomBytes(16).toString('base64url');
  let code: string | undefined;
  for (let attempt = 0; code === undefined && attempt < 5; attempt++) {
    const candidate = inviteCodeFromRandomBytes(randomBytes(INVITE_CODE_RANDOM_BYTES));
    if (await ctx.store.claimCode(candidate, id)) code = candidate;
  }
  if (conn.closing) return 'gone';
  if (code === undefined) throw new Error('no free invite code after 5 tries');
  await ctx.cluster?.own(id);
  // Checked after the wait: others may have taken the last places meanwhile.
  if (ctx.sessions.size >= ctx.limits.maxSessions) return 'relay-full';
  if (!(await ctx.addresses.holdSession(conn.ip, id))) return 'too-many-sessions';
  if (conn.closing) {
    ctx.addresses.releaseSession(conn.ip, id);
    return 'gone';
  }
  const { core, effects } = SessionCore.create<MemberLink>(ctx.coreEnv, { id, code, name, autoAdmit, link: conn });
  const driver = hold(ctx, new SessionDriver(core, ctx.driverDeps), conn.ip);
  attach(conn, driver, core.host.id);
  ctx.log.info({ session: id, ip: conn.ip }, 'session created');
  driver.run(effects);
  return 'created';
}

async function join(asked: Asked, name: string, typed: string | undefined): Promise<Entered | CloseReason | Gone> {
  const { ctx, conn } = asked;
  // While the relay-wide budget of failed look-ups is spent, addresses that failed lately wait.
  if (!asked.forwarded && !(await ctx.addresses.mayLookUp(conn.ip))) return 'rate-limited';
  const code = typed === undefined ? undefined : normalizeInviteCode(typed);
  let driver = code === undefined ? undefined : ctx.sessions.byInviteCode(code);
  if (driver === undefined && code !== undefined) {
    const sid = await ctx.store.sessionForCode(code);
    const found = sid === undefined ? undefined : await sessionFor(asked, sid);
    if (found === 'forwarded' || conn.closing) return 'gone';
    if (found === 'relay-full') return found;
    if (found instanceof SessionDriver) driver = found;
  }
  if (driver === undefined || driver.core.ended) {
    ctx.addresses.lookupFailed(conn.ip);
    return 'unknown-code';
  }
  if (!driver.core.autoAdmit && ctx.knocksByIp.count(conn.ip) >= ctx.limits.maxKnocksPerIp) return 'too-many-knocks';
  const { admission, effects } = driver.core.knock(name, conn.ip, conn);
  return enter(conn, driver, admission, effects);
}

async function resume(asked: Asked, token: string | undefined): Promise<Entered | CloseReason | Gone> {
  const { ctx, conn } = asked;
  const claims = token === undefined ? undefined : verifyResumeToken(ctx.key, token);
  if (claims === undefined) return 'unknown-code';
  let driver = ctx.sessions.get(claims.sid);
  let outcome: Entered = 'resumed';
  if (driver === undefined) {
    const rebuilt = await sessionFor(asked, claims.sid);
    if (rebuilt === 'forwarded' || conn.closing) return 'gone';
    if (rebuilt === 'ended') return 'session-ended';
    // No record: this relay never knew the session, or forgot it (no data dir, or expired).
    if (rebuilt === undefined) return 'unknown-code';
    if (rebuilt === 'relay-full') return rebuilt;
    driver = rebuilt;
    outcome = 'rebuilt';
  }
  const { admission, effects } = driver.core.resume(claims.mid, claims.role, conn);
  const entered = enter(conn, driver, admission, effects);
  return entered === 'resumed' ? outcome : entered;
}

/**
 * The session `sid` for a hello that did not find it held here: in a cluster, forwarded to
 * the node that owns it, or claimed and rebuilt here when its owner is gone; on a single
 * relay, rebuilt from its record.
 */
async function sessionFor(asked: Asked, sid: string): Promise<SessionDriver | 'ended' | 'relay-full' | 'forwarded' | undefined> {
  const { ctx, conn, hello } = asked;
  const held = ctx.sessions.get(sid);
  if (held !== undefined) return held;
  if (ctx.cluster !== undefined && !asked.forwarded) {
    const where = await ctx.cluster.locate(sid);
    if (conn.closing) return undefined;
    if (where.at === 'node') {
      ctx.cluster.forwardHello(conn, where.node, hello);
      return 'forwarded';
    }
  }
  return rebuild(ctx, sid);
}

/**
 * The session with id `sid` as its record left it, now held by this relay: one rebuild per
 * session however many members resume at once. `ended` for a session that is over.
 */
function rebuild(ctx: RelayContext, sid: string): Promise<SessionDriver | 'ended' | 'relay-full' | undefined> {
  const held = ctx.sessions.get(sid);
  if (held !== undefined) return Promise.resolve(held);
  const pending = ctx.sessions.rebuilding.get(sid);
  if (pending !== undefined) return pending;
  const rebuilding = (async (): Promise<SessionDriver | 'ended' | 'relay-full' | undefined> => {
    const record = await ctx.store.get(sid);
    if (record === undefined) return undefined;
    if (record.ended) return 'ended';
    const again = ctx.sessions.get(sid);
    if (again !== undefined) return again;
    if (ctx.sessions.size >= ctx.limits.maxSessions) return 'relay-full';
    const { core, effects } = SessionCore.rebuild<MemberLink>(ctx.coreEnv, record);
    const driver = hold(ctx, new SessionDriver(core, ctx.driverDeps), undefined);
    ctx.log.info({ session: sid, epoch: core.epoch, members: core.members.size }, 'session rebuilt from its record');
    driver.run(effects);
    return driver;
  })().finally(() => ctx.sessions.rebuilding.delete(sid));
  ctx.sessions.rebuilding.set(sid, rebuilding);
  return rebuilding;
}

/**
 * Starts holding a session. `ip` is the address whose session place it took (its creator's);
 * a session rebuilt from its record takes none (its place was taken when it was created).
 */
function hold(ctx: RelayContext, driver: SessionDriver, ip: string | undefined): SessionDriver {
  driver.ip = ip;
  ctx.sessions.add(driver);
  return driver;
}

/** Ties the connection to its place in the session and carries the admission's effects out. */
function enter(
  conn: MemberLink,
  driver: SessionDriver,
  admission: Admission,
  effects: Parameters<SessionDriver['run']>[0],
): Entered | CloseReason {
  if ('refused' in admission) return admission.refused;
  attach(conn, driver, admission.memberId);
  if (admission.outcome === 'lobby') conn.phase = 'lobby';
  driver.run(effects);
  return admission.outcome;
}

function attach(conn: MemberLink, driver: SessionDriver, memberId: number): void {
  conn.session = driver;
  conn.memberId = memberId;
}

const OUTCOMES: ReadonlySet<string> = new Set<Entered>(['created', 'lobby', 'admitted', 'resumed', 'rebuilt']);

function isOutcome(value: string): value is Entered {
  return OUTCOMES.has(value);
}

function refuse(ctx: RelayContext, conn: MemberLink, reason: CloseReason, guess: boolean): void {
  ctx.metrics.joinAttempt(guess ? 'unknown-code' : 'refused');
  ctx.log.info({ ip: conn.ip, reason }, 'hello refused');
  conn.close(reason);
}
