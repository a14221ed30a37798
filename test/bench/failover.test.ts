import { describe, expect, it } from 'vitest';
import { membersPerNode } from '../../bench/load/placement';
import { LoadPool } from '../../bench/load/pool';
import { startDuetCluster } from '../../bench/relays/cluster';
import { LOAD_FLAGS } from '../../bench/relays/index';

describe('bench cluster failover', () => {
  it('after a node is SIGKILLed, each of its members resumes on another node and exchanges with its peer again', async () => {
    const cluster = await startDuetCluster(3, LOAD_FLAGS);
    const pool = new LoadPool(1);
    try {
      const ports = cluster.nodes.map((node) => node.port);
      await pool.setSessions({ kind: 'duet', port: ports[0]!, cluster: { ports, placement: 'spread' } }, 9);
      await pool.armFailover(2, ports);
      const killedAt = performance.timeOrigin + performance.now();
      await cluster.nodes[2]!.kill();
      const result = await pool.failover(killedAt, 15_000);
      expect(result.neverBack).toEqual({});
      expect(result.tracked).toBe(membersPerNode(9, 'spread', 3)[2]);
      // Sessions node c owned (hosts there) and sessions owned elsewhere both came back.
      expect(result.ownerLostMs.length).toBeGreaterThan(0);
      expect(result.ownerLivedMs.length).toBeGreaterThan(0);
      expect(result.ownerLostMs.length + result.ownerLivedMs.length).toBe(result.tracked);
      // Their peers on other nodes were dropped too where c was the owner.
      expect(result.droppedToo).toBeGreaterThan(0);
    } finally {
      await pool.stop();
      await cluster.stop();
    }
  }, 60_000);
});
