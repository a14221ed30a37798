/**
 * The few platform globals shared code needs, typed here because src/shared is compiled
 * without DOM or Node types. Browsers and Node 20 both provide them.
 */
interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** setTimeout and friends from whichever runtime we are in. */
export const timers: Timers = globalThis as unknown as Timers;

/** Monotonic-enough milliseconds for latency measurement. */
export function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

/** Reports an error thrown by a listener without breaking the caller's state machine. */
export function reportListenerError(error: unknown): void {
  timers.setTimeout(() => {
    throw error;
  }, 0);
}
