import type { RelayProcess } from '../relays/child';
import { summarize, type LatencySummary } from '../stats/latency';
import type { CloseCounts } from './messages';
import type { LoadPool } from './pool';

/** What one typing run at one load says about one relay. */
export interface TypingPoint {
  sessions: number;
  ratePerMember: number;
  latency: LatencySummary | undefined;
  /** Relay CPU per message it forwarded in the window (received by a member in it), µs. */
  cpuMicrosPerMessage: number;
  /** Relay CPU seconds per wall second in the window (1 = one core). */
  cpuShare: number;
  rssBytes: number;
  /** Messages sent ÷ messages offered (below ~0.95 the load generators could not keep up). */
  offeredShare: number;
  /** Messages received ÷ sent. */
  deliveredShare: number;
  closes: CloseCounts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays typing traffic from every session the pool holds and reads the relay's CPU
 * time from /proc over the same window the generators measure (after their warm-up).
 */
export async function typingRun(
  /** The relay (or the processes of a cluster together) whose CPU and RSS the point reports. */
  relay: { process: Pick<RelayProcess, 'cpuSeconds' | 'rssBytes'> },
  pool: LoadPool,
  options: { ratePerMember: number; warmupMs: number; durationMs: number; payloadBytes: number },
): Promise<TypingPoint> {
  const cpuWindow = (async () => {
    await sleep(options.warmupMs);
    const before = relay.process.cpuSeconds();
    const startedAt = performance.now();
    await sleep(options.durationMs);
    return { cpu: relay.process.cpuSeconds() - before, seconds: (performance.now() - startedAt) / 1000 };
  })();
  const [run, window] = await Promise.all([pool.typing(options), cpuWindow]);
  const sessions = pool.sessions;
  const offered = sessions * 2 * options.ratePerMember * (options.durationMs / 1000);
  return {
    sessions,
    ratePerMember: options.ratePerMember,
    latency: summarize(run.histogram),
    // Divided by what the relay forwarded in the window, not by what was sent in it: a relay
    // that falls behind does the work later, outside the window.
    cpuMicrosPerMessage: run.receivedInWindow > 0 ? (window.cpu * 1e6) / run.receivedInWindow : Number.NaN,
    cpuShare: window.cpu / window.seconds,
    rssBytes: relay.process.rssBytes(),
    offeredShare: offered > 0 ? run.sent / offered : 0,
    deliveredShare: run.sent > 0 ? run.received / run.sent : 0,
    closes: run.closes,
  };
}
