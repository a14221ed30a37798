import { describe, expect, it } from 'vitest';
import { membersPerNode, placeSession } from '../../bench/load/placement';

describe('bench cluster placement', () => {
  it('spreads hosts and guests evenly over the nodes, with one session in three on a single node', () => {
    const placed = Array.from({ length: 900 }, (_, i) => placeSession(i, 'spread', 3));
    const hosts = [0, 1, 2].map((node) => placed.filter(([host]) => host === node).length);
    const guests = [0, 1, 2].map((node) => placed.filter(([, guest]) => guest === node).length);
    expect(hosts).toEqual([300, 300, 300]);
    expect(guests).toEqual([300, 300, 300]);
    expect(placed.filter(([host, guest]) => host === guest).length).toBe(300);
    expect(membersPerNode(900, 'spread', 3)).toEqual([600, 600, 600]);
  });

  it('puts both members on node 0 for one-node, and host on 0 with guest on 1 for across', () => {
    expect(placeSession(7, 'one-node', 3)).toEqual([0, 0]);
    expect(placeSession(7, 'across', 3)).toEqual([0, 1]);
    expect(membersPerNode(10, 'across', 3)).toEqual([10, 10, 0]);
  });
});
