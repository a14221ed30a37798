import { randomBytes } from 'node:crypto';
import type { RelayProcess } from './child';
import { startDuetRelay, type DuetRelayFlags } from './duet';
import { startBenchRedis, type BenchRedis } from './redis';

/** Duet relay nodes joined through one redis-server, all children of the bench. */
export interface DuetCluster {
  readonly redis: BenchRedis;
  /** Node a, b, c, … in that order. */
  readonly nodes: RelayProcess[];
  /** A figure from node `index`'s /metrics (first sample of that name), or undefined. */
  metric(index: number, name: string): Promise<number | undefined>;
  /** CPU seconds of every node and Redis together. */
  cpuSeconds(): number;
  /** Every node and Redis, each by its own pid. */
  stop(): Promise<void>;
}

/** Node ids a, b, c, …: short, and the tables name the nodes by them. */
export function nodeName(index: number): string {
  return String.fromCharCode(97 + index);
}

/**
 * Starts Redis and `count` Duet relays with `--redis-url` and `--node-id`, as
 * docs/relay.md's cluster section runs them; `flags` apply to every node. The nodes share
 * one secret so a token signed by any of them resumes on any other.
 */
export async function startDuetCluster(count: number, flags: DuetRelayFlags): Promise<DuetCluster> {
  const redis = await startBenchRedis();
  const secret = randomBytes(24).toString('hex');
  // All at once: with the secret given, no node waits for another to put one in Redis.
  const starts = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => startDuetRelay({ flags: { ...flags, 'redis-url': redis.url, 'node-id': nodeName(i), secret } })),
  );
  const nodes = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  const failed = starts.find((start) => start.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(nodes.map((node) => node.stop()));
    await redis.stop();
    throw failed.reason;
  }
  return {
    redis,
    nodes,
    async metric(index, name) {
      const text = await (await fetch(`http://127.0.0.1:${nodes[index]!.port}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    },
    cpuSeconds: () => redis.cpuSeconds() + nodes.reduce((sum, node) => sum + liveCpu(node), 0),
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
      await redis.stop();
    },
  };
}

/** A killed node's CPU is no longer readable: it counts for nothing from then on. */
function liveCpu(node: RelayProcess): number {
  try {
    return node.cpuSeconds();
  } catch {
    return 0;
  }
}
