/**
 * Where a relay reaches a given share of one core, from measured points of (sessions,
 * CPU share). Between two measured points the CPU share is taken as linear in sessions;
 * beyond the points it is extrapolated from the nearest valid point as CPU per session.
 */
export interface LoadPoint {
  sessions: number;
  /** Relay CPU seconds per wall second (1 = one core). */
  cpuShare: number;
  /** False when the load generators fell short of the offered rate: the point says too little. */
  valid: boolean;
}

export interface CapacityEstimate {
  sessions: number;
  how: 'interpolated' | 'extrapolated';
}

/** Sessions at which `cpuShare` reaches `target`, or undefined without a valid point. */
export function sessionsAtShare(points: readonly LoadPoint[], target: number): CapacityEstimate | undefined {
  const valid = points.filter((p) => p.valid && p.cpuShare > 0).sort((a, b) => a.sessions - b.sessions);
  if (valid.length === 0) return undefined;
  for (let i = 1; i < valid.length; i++) {
    const low = valid[i - 1]!;
    const high = valid[i]!;
    if (low.cpuShare <= target && high.cpuShare >= target && high.cpuShare > low.cpuShare) {
      const sessions = low.sessions + ((target - low.cpuShare) / (high.cpuShare - low.cpuShare)) * (high.sessions - low.sessions);
      return { sessions: Math.round(sessions), how: 'interpolated' };
    }
  }
  // Not bracketed: scale from the point closest to the target, whose per-session cost best
  // matches the cost at the target (fixed costs matter less the closer it is).
  const nearest = valid.reduce((best, p) => (Math.abs(p.cpuShare - target) < Math.abs(best.cpuShare - target) ? p : best));
  return { sessions: Math.round((nearest.sessions * target) / nearest.cpuShare), how: 'extrapolated' };
}

/**
 * The next load to try in a secant search for `target`: scaled from the last point, at
 * most doubling or halving it per step (a point measured on a busy machine can be far
 * off, and opening thousands of sessions on a wrong guess costs minutes); an invalid
 * point (the generators fell short) steps down. Kept within [min, max].
 */
export function nextProbe(point: LoadPoint, target: number, min: number, max: number): number {
  const guess = !point.valid ? point.sessions * 0.75 : point.cpuShare > 0 ? (point.sessions * target) / point.cpuShare : point.sessions * 2;
  const stepped = Math.min(point.sessions * 2, Math.max(point.sessions / 2, guess));
  return Math.round(Math.min(max, Math.max(min, stepped)));
}
