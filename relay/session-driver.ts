import type { Logger } from 'pino';
import type { Limits, RelayMessage } from '../src/shared/protocol';
import type { MemberLink } from './member-link';
import type { Effect } from './core/effects';
import type { SessionCore } from './core/session-core';
import type { RelayMetrics } from './metrics';
import { signResumeToken } from './resume-token';
import type { RelayStore } from './store/relay-store';
import type { RecordEntry } from './store/session-record';

/** What a driver needs from the relay around it. */
export interface DriverDeps {
  readonly limits: Limits;
  readonly store: RelayStore;
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  readonly key: Buffer;
  /** A knock from `ip` started (+1) or stopped (-1) waiting. */
  knocks(ip: string, delta: number): void;
  /** The session ended; the table forgets it. */
  ended(driver: SessionDriver): void;
}

/**
 * Carries one session core's effects out over WebSockets: sends, welcomes (with a signed
 * token), closes, grace timers (this is their one owner) and record writes. Effects that
 * follow a record write wait until the store says it is durable, and every later batch of
 * the session waits behind them, so nobody is told of a decision a crash could still undo.
 */
export class SessionDriver {
  /** Made at the first drop: most sessions never need one. */
  private timers: Map<number, NodeJS.Timeout> | undefined;
  /** The last batch still waiting for the store; undefined when nothing waits. */
  private waiting: Promise<void> | undefined;
  /** Address whose sessions-per-IP count this session takes (the creator's, or the rebuilder's). */
  ip: string | undefined;

  constructor(
    readonly core: SessionCore<MemberLink>,
    private readonly deps: DriverDeps,
  ) {}

  /** Carries out `effects` now, or after the batches and records they must follow. */
  run(effects: readonly Effect<MemberLink>[]): void {
    if (effects.length === 0) return;
    const entries: RecordEntry[] = [];
    for (const effect of effects) if (effect.type === 'record') entries.push(effect.entry);
    const { store } = this.deps;
    const durable = entries.length > 0 ? store.append(entries) : undefined;
    if (this.waiting === undefined && (durable === undefined || store.immediate)) {
      this.execute(effects);
      return;
    }
    const previous = this.waiting;
    const batch = Promise.all([previous, durable?.catch((error: unknown) => this.storeFailed(error))]).then(() =>
      this.execute(effects),
    );
    this.waiting = batch;
    void batch.finally(() => {
      if (this.waiting === batch) this.waiting = undefined;
    });
  }

  /** Resolves once every batch so far has been carried out (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.waiting !== undefined) await this.waiting;
  }

  /** Stops the grace timers (shutdown: members go away together, nobody is told). */
  dispose(): void {
    for (const timer of this.timers?.values() ?? []) clearTimeout(timer);
    this.timers = undefined;
  }

  private execute(effects: readonly Effect<MemberLink>[]): void {
    for (const effect of effects) {
      try {
        this.apply(effect);
      } catch (error) {
        // One failed send must not skip the closes and timers after it.
        this.deps.log.error({ err: error, session: this.core.id, effect: effect.type }, 'effect failed');
      }
    }
  }

  private apply(effect: Effect<MemberLink>): void {
    switch (effect.type) {
      case 'send':
        return sendAll(effect.to, effect.message);
      case 'welcome':
        return this.welcome(effect);
      case 'close':
        return effect.to.close(effect.reason);
      case 'grace':
        return effect.on ? this.startGrace(effect.memberId) : this.stopGrace(effect.memberId);
      case 'record':
        return this.logRecord(effect.entry);
      case 'knocks':
        return this.deps.knocks(effect.ip, effect.delta);
      case 'count':
        return this.deps.metrics.joinAttempt(effect.outcome);
      case 'ended':
        this.dispose();
        return this.deps.ended(this);
    }
  }

  private welcome(effect: Extract<Effect<MemberLink>, { type: 'welcome' }>): void {
    const conn = effect.to;
    const { limits } = this.deps;
    conn.phase = 'member';
    conn.session = this;
    conn.memberId = effect.claims.mid;
    conn.member = this.core.members.get(effect.claims.mid);
    conn.send({
      ...effect.body,
      resumeToken: signResumeToken(this.deps.key, { ...effect.claims, iat: Date.now() }),
      limits: {
        maxFrameBytes: limits.maxFrameBytes,
        maxControlBytes: limits.maxControlBytes,
        messagesPerSecond: limits.messagesPerSecond,
        messageBurst: limits.messageBurst,
        heartbeatIntervalMs: limits.heartbeatIntervalMs,
        reconnectGraceMs: limits.reconnectGraceMs,
      },
    });
    const { mid, role } = effect.claims;
    this.deps.log.info({ session: this.core.id, member: mid, role }, effect.body.resumed ? 'member resumed' : 'member joined');
  }

  /** The lifecycle lines operators read, from what was recorded (never names, codes or payloads). */
  private logRecord(entry: RecordEntry): void {
    if (entry.t === 'revoke') this.deps.log.info({ session: this.core.id, member: entry.mid, reason: entry.why }, 'member left');
    if (entry.t === 'end') this.deps.log.info({ session: this.core.id, reason: entry.reason }, 'session ended');
  }

  private startGrace(memberId: number): void {
    this.stopGrace(memberId);
    (this.timers ??= new Map()).set(
      memberId,
      setTimeout(() => {
        this.timers?.delete(memberId);
        this.run(this.core.graceExpired(memberId));
      }, this.deps.limits.reconnectGraceMs),
    );
  }

  private stopGrace(memberId: number): void {
    const timer = this.timers?.get(memberId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers?.delete(memberId);
  }

  private storeFailed(error: unknown): void {
    // Serving people matters more than the record: go on, and let the metric and the log say so.
    this.deps.metrics.storeFailed();
    this.deps.log.error({ err: error, session: this.core.id }, 'session record not written');
  }
}

function sendAll(to: readonly MemberLink[], message: RelayMessage): void {
  const json = JSON.stringify(message);
  for (const conn of to) conn.sendJson(json);
}
