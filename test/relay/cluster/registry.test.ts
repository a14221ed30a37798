import { afterEach, describe, expect, it } from 'vitest';
import { keys } from '../../../relay/cluster/keys';
import { makeClient } from '../../../relay/cluster/redis-clients';
import { ClusterRegistry, NODE_TTL_MS } from '../../../relay/cluster/registry';
import { startRedis, type RedisServer } from '../../support/redis-server';

let redis: RedisServer | undefined;
const clients: ReturnType<typeof makeClient>[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await redis?.stop();
  redis = undefined;
});

async function registries(...addresses: string[]): Promise<ClusterRegistry[]> {
  redis ??= await startRedis();
  return Promise.all(
    addresses.map(async (address) => {
      const client = makeClient(redis!.url);
      clients.push(client);
      await client.connect();
      return new ClusterRegistry(client, address);
    }),
  );
}

describe('cluster registry', () => {
  it('a session has one owner: of many nodes claiming a free session at once, exactly one wins', async () => {
    const nodes = await registries('n1', 'n2', 'n3', 'n4', 'n5');
    await Promise.all(nodes.map((node) => node.heartbeat()));
    const answers = await Promise.all(nodes.map((node) => node.locate('s1')));
    expect(answers.filter((where) => where.at === 'claimed')).toHaveLength(1);
    const winner = nodes[answers.findIndex((where) => where.at === 'claimed')]!;
    for (const node of nodes) if (node !== winner) expect(await node.locate('s1')).toEqual({ at: 'node', node: winner.self });
    expect(await winner.locate('s1')).toEqual({ at: 'here' });
  });

  it('a dead owner (its liveness key expired) is taken over; a live one never is', async () => {
    const [a, b] = await registries('a', 'b');
    expect(await a!.own('s2')).toBe(true);
    await a!.heartbeat();
    expect(await b!.locate('s2')).toEqual({ at: 'node', node: 'a' });
    // a stops its heartbeat: gone once its key expires.
    await new Promise((resolve) => setTimeout(resolve, NODE_TTL_MS + 200));
    expect(await b!.locate('s2')).toEqual({ at: 'claimed' });
    // a comes back (cut off, not dead): it finds it lost the session.
    expect(await a!.refresh(['s2'])).toEqual(['s2']);
    expect(await a!.reassert('s2')).toBe(false);
  });

  it('a node that drains releases its sessions for others to take at once; keys share the {sid} hash tag', async () => {
    const [a, b] = await registries('a', 'b');
    await a!.own('s3');
    await a!.heartbeat();
    await a!.release('s3');
    expect(await b!.locate('s3')).toEqual({ at: 'claimed' });
    expect(keys.owner('s3')).toContain('{s3}');
    expect(keys.record('s3')).toContain('{s3}');
  });
});
