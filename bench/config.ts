/**
 * The loads of a run. `--quick` shrinks every benchmark so the whole suite fits in under
 * three minutes on a 2-core machine; the full run uses the loads the issue names.
 */
export interface BenchConfig {
  quick: boolean;
  /** Load-generator processes (connections are spread over them and their source addresses). */
  loadWorkers: number;
  typing: {
    sessions: number[];
    ratePerMember: number;
    payloadBytes: number;
    warmupMs: number;
    durationMs: number;
  };
  capacity: { probes: number; durationMs: number; maxSessions: number };
  scale: { small: number; large: number; durationMs: number };
  stream: { frameBytes: number; warmupMs: number; durationMs: number; guests: number };
  cluster: {
    /** Sessions of the hop-latency table (typing traffic as `typing`). */
    hopSessions: number;
    warmupMs: number;
    durationMs: number;
    /** Sessions of host + admitted guest spread over the 3 nodes (2 connections each). */
    spreadSessions: number;
    /** Sessions whose members are spread over the nodes when one is killed. */
    killSessions: number;
    /** How long after the kill members may take to come back before they count as lost. */
    killTimeoutMs: number;
  };
  browser: { samples: number; intervalMs: number; throughputMB: number; throughputTimeoutMs: number; lateJoins: number; docLines: number; scrollbackLines: number };
}

/** The loads of the full run or of `--quick`. */
export function benchConfig(quick: boolean): BenchConfig {
  return quick
    ? {
        quick,
        loadWorkers: 2,
        typing: { sessions: [100, 1000], ratePerMember: 5, payloadBytes: 32, warmupMs: 300, durationMs: 2000 },
        capacity: { probes: 1, durationMs: 2000, maxSessions: 6000 },
        scale: { small: 200, large: 2000, durationMs: 1500 },
        stream: { frameBytes: 16 * 1024, warmupMs: 200, durationMs: 1000, guests: 5 },
        cluster: { hopSessions: 300, warmupMs: 300, durationMs: 2000, spreadSessions: 400, killSessions: 150, killTimeoutMs: 10_000 },
        browser: { samples: 200, intervalMs: 25, throughputMB: 5, throughputTimeoutMs: 30_000, lateJoins: 3, docLines: 5000, scrollbackLines: 10_000 },
      }
    : {
        quick,
        loadWorkers: 4,
        typing: { sessions: [100, 1000, 2500], ratePerMember: 5, payloadBytes: 32, warmupMs: 1000, durationMs: 8000 },
        capacity: { probes: 3, durationMs: 6000, maxSessions: 9900 },
        scale: { small: 1000, large: 10_000, durationMs: 6000 },
        stream: { frameBytes: 16 * 1024, warmupMs: 500, durationMs: 4000, guests: 5 },
        cluster: { hopSessions: 1000, warmupMs: 1000, durationMs: 8000, spreadSessions: 10_000, killSessions: 1000, killTimeoutMs: 20_000 },
        browser: { samples: 300, intervalMs: 80, throughputMB: 100, throughputTimeoutMs: 150_000, lateJoins: 10, docLines: 5000, scrollbackLines: 10_000 },
      };
}
