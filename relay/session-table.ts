import type { SessionDriver } from './session-driver';

/** The sessions this relay holds, by id and by invite code. */
export class SessionTable {
  private readonly byId = new Map<string, SessionDriver>();
  private readonly byCode = new Map<string, SessionDriver>();
  /** Rebuilds under way, so two members resuming at once rebuild a session once. */
  readonly rebuilding = new Map<string, Promise<SessionDriver | 'ended' | 'relay-full' | undefined>>();

  /** How many sessions are held. */
  get size(): number {
    return this.byId.size;
  }

  /** All held sessions (for shutdown). */
  all(): IterableIterator<SessionDriver> {
    return this.byId.values();
  }

  /** The held session with this id. */
  get(id: string): SessionDriver | undefined {
    return this.byId.get(id);
  }

  /** The held session with this (normalised) invite code. */
  byInviteCode(code: string): SessionDriver | undefined {
    return this.byCode.get(code);
  }

  add(driver: SessionDriver): void {
    this.byId.set(driver.core.id, driver);
    this.byCode.set(driver.core.code, driver);
  }

  /** Forgets a session (it ended). */
  remove(driver: SessionDriver): void {
    if (this.byId.get(driver.core.id) !== driver) return;
    this.byId.delete(driver.core.id);
    this.byCode.delete(driver.core.code);
  }
}
