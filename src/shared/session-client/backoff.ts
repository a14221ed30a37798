/** Reconnect delays: exponential growth with jitter so a relay restart is not met by a stampede. */
export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Delay before reconnect attempt `attempt` (0-based): half fixed, half random ("equal jitter"). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 20));
  return ceiling / 2 + random() * (ceiling / 2);
}
