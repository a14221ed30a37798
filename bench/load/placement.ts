/**
 * Which cluster node each member of a session connects to. Plain data and a pure function,
 * so the parent (counting connections per node) and the load generators (opening them)
 * place session `index` the same way.
 *
 * - `one-node`: host and guest on node 0 (a session that never touches Redis on its hot path);
 * - `across`: host on node 0, guest on node 1 (every frame crosses the bus);
 * - `spread`: host on node `index mod n`, guest on a node chosen so that each node carries
 *   the same share of hosts and of guests and 1 session in n has both members on one node,
 *   as a balancer without stickiness spreads people on average.
 */
export type Placement = 'one-node' | 'across' | 'spread';

/** The node indexes of session `index`'s host and guest over `nodes` nodes. */
export function placeSession(index: number, placement: Placement, nodes: number): [host: number, guest: number] {
  switch (placement) {
    case 'one-node':
      return [0, 0];
    case 'across':
      return [0, 1 % nodes];
    case 'spread':
      return [index % nodes, (index + Math.floor(index / nodes)) % nodes];
  }
}

/** How many members of sessions `0 … sessions−1` connect to each node. */
export function membersPerNode(sessions: number, placement: Placement, nodes: number): number[] {
  const counts = new Array<number>(nodes).fill(0);
  for (let i = 0; i < sessions; i++) for (const node of placeSession(i, placement, nodes)) counts[node]!++;
  return counts;
}
