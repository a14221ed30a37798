import type * as Y from 'yjs';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import type { Countdown } from '../../shared/protocol/collab/doc-layout';

/**
 * The session's clock as the shared document holds it (`meta.startedAt`, `meta.countdown`):
 * one start time everyone agrees on, set by the host when it creates the session, so a late
 * joiner or a reloaded page shows the real elapsed time; and the host's optional countdown,
 * as the moment it ends. Times are Unix ms by the writer's clock; each reader counts with
 * its own, so a machine whose clock is off shows the times off by as much.
 */
export class SessionClock {
  constructor(private readonly meta: Y.Map<unknown>) {}

  /** When the session started, if the host has said; hostile values read as unknown. */
  get startedAt(): number | undefined {
    const value = this.meta.get('startedAt');
    return isTime(value) ? value : undefined;
  }

  /** The countdown the host set, if any (and well-formed). */
  get countdown(): Countdown | undefined {
    const value = this.meta.get('countdown') as Partial<Countdown> | undefined;
    if (typeof value !== 'object' || value === null) return undefined;
    const { endsAt, durationMs } = value;
    if (!isTime(endsAt) || typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs <= 0) return undefined;
    return { endsAt, durationMs };
  }

  /** Host: records the start of the session, once (a resumed or synced document keeps its own). */
  start(now: number): void {
    if (this.startedAt === undefined) this.meta.set('startedAt', now);
  }

  /** Host: starts a countdown of `durationMs` from `now` (replacing any running one). */
  setCountdown(durationMs: number, now: number): void {
    this.meta.set('countdown', { endsAt: now + durationMs, durationMs } satisfies Countdown);
  }

  /** Host: removes the countdown. */
  cancelCountdown(): void {
    this.meta.delete('countdown');
  }

  /** Calls `listener` when the start time or the countdown changes, locally or from a peer. */
  onChange(listener: () => void): Disposable {
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has('startedAt') || event.keysChanged.has('countdown')) listener();
    };
    this.meta.observe(observer);
    return toDisposable(() => this.meta.unobserve(observer));
  }
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
