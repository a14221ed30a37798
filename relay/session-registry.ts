import { randomBytes } from 'node:crypto';
import { INVITE_CODE_RANDOM_BYTES, inviteCodeFromRandomBytes } from '../src/shared/protocol';
import { Session, type MemberRecord } from './session';

/**
 * Every session the relay holds, by id and by invite code, plus a bounded memory of ended
 * session ids so that resuming one is answered `session-ended` rather than re-creating it.
 */
export class SessionRegistry {
  private readonly byId = new Map<string, Session>();
  private readonly byCode = new Map<string, Session>();
  private readonly ended = new Set<string>();

  constructor(private readonly maxTombstones: number) {}

  /** How many sessions are held. */
  get size(): number {
    return this.byId.size;
  }

  /** All sessions (for shutdown). */
  all(): IterableIterator<Session> {
    return this.byId.values();
  }

  /** The session with this id, if held. */
  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  /** The session with this (normalised) invite code, if held. */
  byInviteCode(code: string): Session | undefined {
    return this.byCode.get(code);
  }

  /** Whether a session with this id ended on this relay (recently enough to remember). */
  hasEnded(id: string): boolean {
    return this.ended.has(id);
  }

  /** A new session with a fresh id and an unused invite code. */
  create(host: MemberRecord, autoAdmit: boolean, now: number): Session {
    let id: string;
    do id = randomBytes(16).toString('base64url');
    while (this.byId.has(id) || this.ended.has(id));
    let code: string;
    do code = inviteCodeFromRandomBytes(randomBytes(INVITE_CODE_RANDOM_BYTES));
    while (this.byCode.has(code));
    return this.add(new Session(id, code, autoAdmit, now, host));
  }

  /**
   * Re-creates a session a host resumes after a relay restart, under its old id and code.
   * Undefined when the code is taken by another session meanwhile (60 bits: practically never).
   */
  recreate(id: string, code: string, host: MemberRecord, now: number): Session | undefined {
    if (this.byId.has(id) || this.byCode.has(code)) return undefined;
    return this.add(new Session(id, code, false, now, host));
  }

  /** Forgets a session and remembers that it ended: its code stops working at once. */
  end(session: Session): void {
    if (this.byId.get(session.id) !== session) return;
    this.byId.delete(session.id);
    this.byCode.delete(session.code);
    this.ended.add(session.id);
    if (this.ended.size > this.maxTombstones) {
      const oldest = this.ended.values().next();
      if (oldest.done !== true) this.ended.delete(oldest.value);
    }
  }

  private add(session: Session): Session {
    this.byId.set(session.id, session);
    this.byCode.set(session.code, session);
    return session;
  }
}
