import { afterEach } from 'vitest';
import { startRelay, tempDir, type RelayProcess } from '../../support/processes';
import { startRedis, type RedisServer } from '../../support/redis-server';

/** A Redis server and relay processes joined through it, all stopped after the test. */
export interface TestCluster {
  readonly redis: RedisServer;
  readonly nodes: RelayProcess[];
  /** Starts one more node (e.g. to replace a killed one). */
  add(nodeId: string): Promise<RelayProcess>;
}

const running: { redis: RedisServer; nodes: RelayProcess[]; dirs: { remove(): void }[] }[] = [];

afterEach(async () => {
  for (const cluster of running.splice(0)) {
    await Promise.all(cluster.nodes.map((node) => node.kill()));
    await cluster.redis.stop();
    for (const dir of cluster.dirs) dir.remove();
  }
});

/** Redis and `count` relay processes (node ids a, b, c, …) with `args` as extra flags. */
export async function clusterOf(count: number, args: string[] = []): Promise<TestCluster> {
  const redis = await startRedis();
  const nodes: RelayProcess[] = [];
  const dirs: { remove(): void }[] = [];
  running.push({ redis, nodes, dirs });
  const add = async (nodeId: string): Promise<RelayProcess> => {
    const dir = tempDir(`node-${nodeId}`);
    dirs.push(dir);
    const node = await startRelay({ dataDir: dir.path, args: ['--redis-url', redis.url, '--node-id', nodeId, ...args] });
    nodes.push(node);
    return node;
  };
  await Promise.all(Array.from({ length: count }, (_, i) => add(String.fromCharCode(97 + i))));
  nodes.sort((x, y) => x.nodeId.localeCompare(y.nodeId));
  return { redis, nodes, add };
}
