/**
 * Tuning of the host's terminal and runs. The defaults suit a person at a keyboard and a
 * flood alike; tests pass small values to exercise the edges quickly.
 */
export interface HostLimits {
  /** Pty output is held this long (ms) so tiny writes go out as one chunk. */
  coalesceMs: number;
  /** A chunk is sent at once when it reaches this many bytes (and never exceeds it). */
  maxChunkBytes: number;
  /** Recent output kept for "bytes since N" catch-up. */
  ringBytes: number;
  /** Lines of scrollback in the headless mirror. */
  scrollback: number;
  /** A serialized snapshot is cut (less scrollback) until it is below this many bytes. */
  maxSnapshotBytes: number;
  /** Pause the pty when the renderer has this many bytes not yet acknowledged... */
  ackHighBytes: number;
  /** ...and resume it when it is back below this many. */
  ackLowBytes: number;
  /** Pause the pty when the headless mirror has this many bytes still to parse... */
  mirrorHighBytes: number;
  /** ...and resume it below this many. */
  mirrorLowBytes: number;
  /** After SIGHUP, processes of a closing terminal get this long (ms) before SIGKILL. */
  killGraceMs: number;
  /** After Ctrl-C, a run gets this long (ms) before its process group is killed. */
  stopGraceMs: number;
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = {
  coalesceMs: 4,
  maxChunkBytes: 16 * 1024,
  ringBytes: 1024 * 1024,
  scrollback: 1000,
  maxSnapshotBytes: 512 * 1024,
  ackHighBytes: 2 * 1024 * 1024,
  ackLowBytes: 512 * 1024,
  mirrorHighBytes: 1024 * 1024,
  mirrorLowBytes: 256 * 1024,
  killGraceMs: 500,
  stopGraceMs: 1500,
};

/** Fills in defaults and throws on contradictory values, saying exactly which. */
export function resolveHostLimits(overrides: Partial<HostLimits> = {}): HostLimits {
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`host limit ${name} must be a number >= 0, got ${value}`);
  }
  if (limits.maxChunkBytes < 1) throw new RangeError('host limit maxChunkBytes must be at least 1');
  if (limits.ringBytes < limits.maxChunkBytes) throw new RangeError('host limit ringBytes must be at least maxChunkBytes');
  if (limits.ackLowBytes >= limits.ackHighBytes) throw new RangeError('host limit ackLowBytes must be below ackHighBytes');
  if (limits.mirrorLowBytes >= limits.mirrorHighBytes) throw new RangeError('host limit mirrorLowBytes must be below mirrorHighBytes');
  return limits;
}
