/** How often the heartbeat wakes: each wake pings the slice of connections due then. */
export const HEARTBEAT_TICK_MS = 100;

/**
 * Spreads the heartbeat over its interval. Every connection is still pinged once per
 * interval, but a slice at a time: pinging 20,000 members in one tick (and reading the burst
 * of pongs that follows) stalls every session's frames for a few hundred milliseconds.
 */
export class HeartbeatSchedule {
  /** Time between ticks; `slices` ticks make one interval. */
  readonly tickMs: number;
  readonly slices: number;
  private nextSlot = 0;
  private tick = 0;

  constructor(intervalMs: number) {
    this.slices = Math.max(1, Math.round(intervalMs / HEARTBEAT_TICK_MS));
    this.tickMs = intervalMs / this.slices;
  }

  /** The slot of a new connection: round robin, so the slices stay even as connections arrive. */
  assign(): number {
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % this.slices;
    return slot;
  }

  /** Advances one tick and returns the slot whose connections are due; slot 0 starts an interval. */
  next(): number {
    const slot = this.tick;
    this.tick = (slot + 1) % this.slices;
    return slot;
  }
}
