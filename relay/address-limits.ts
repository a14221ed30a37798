import type { Limits } from '../src/shared/protocol';
import { IpCounter, LookupBudget } from './ip-limits';
import { JoinLimiter } from './rate-limit';

/**
 * The limits that count per client address or across the whole relay: hellos per address,
 * the budget of failed invite-code look-ups, sessions held per address. One relay counts
 * them in memory; a cluster counts them in Redis so they hold across nodes.
 */
export interface AddressLimits {
  /** Counts one hello from `ip`; false when the address is over `joinsPerMinute`. */
  allowJoin(ip: string): Promise<boolean>;
  /** False when `ip` must not look a code up now (budget spent, and it failed lately). */
  mayLookUp(ip: string): Promise<boolean>;
  /** Records a failed code look-up from `ip`. */
  lookupFailed(ip: string): void;
  /** Takes one of `ip`'s session places for `sid`; false when it holds `maxSessionsPerIp`. */
  holdSession(ip: string, sid: string): Promise<boolean>;
  /** Gives the place back (the session ended, or moved to another node). */
  releaseSession(ip: string, sid: string): void;
  /** Whether the look-up budget is spent right now (for the metrics gauge). */
  lookupBudgetExhausted(): boolean;
  /** Forgets what no longer matters (the heartbeat calls it). */
  sweep(): void;
}

/** The limits of one relay process, in memory. */
export class LocalAddressLimits implements AddressLimits {
  private readonly joins: JoinLimiter;
  private readonly lookups: LookupBudget;
  private readonly sessions = new IpCounter();

  constructor(private readonly limits: Limits) {
    this.joins = new JoinLimiter(limits.joinsPerMinute);
    this.lookups = new LookupBudget(limits.failedLookupsPerMinute);
  }

  allowJoin(ip: string): Promise<boolean> {
    return Promise.resolve(this.joins.allow(ip));
  }

  mayLookUp(ip: string): Promise<boolean> {
    return Promise.resolve(this.lookups.mayLookUp(ip));
  }

  lookupFailed(ip: string): void {
    this.lookups.failed(ip);
  }

  holdSession(ip: string): Promise<boolean> {
    if (this.sessions.count(ip) >= this.limits.maxSessionsPerIp) return Promise.resolve(false);
    this.sessions.add(ip, 1);
    return Promise.resolve(true);
  }

  releaseSession(ip: string): void {
    this.sessions.add(ip, -1);
  }

  lookupBudgetExhausted(): boolean {
    return this.lookups.exhausted();
  }

  sweep(): void {
    this.joins.sweep();
    this.lookups.sweep();
  }
}
