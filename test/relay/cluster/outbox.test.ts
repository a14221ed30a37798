import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../relay/cluster/envelope';
import { Outbox } from '../../../relay/cluster/outbox';

describe('cluster outbox', () => {
  it('posts what one turn of the event loop says to each node as one batch, in order, a broadcast as one envelope', async () => {
    const posts: [string, readonly Envelope[]][] = [];
    const outbox = new Outbox((node, envelopes) => posts.push([node, envelopes]));
    const frame = Buffer.from([1, 0, 0, 0, 7, 0, 0, 0, 0, 42]);
    outbox.other('b', { kind: 'placed', conn: 1, phase: 'member', memberId: 9 });
    outbox.send('b', 1, '{"type":"welcome"}');
    outbox.deliver('c', 4, frame);
    outbox.deliver('c', 5, frame);
    // Work done after this callback's microtasks, later in the same turn (other sockets'
    // messages read in the same poll), joins the batch.
    await Promise.resolve();
    await Promise.resolve();
    expect(posts).toEqual([]);
    outbox.deliver('b', 2, frame);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(posts).toEqual([
      [
        'b',
        [
          { kind: 'placed', conn: 1, phase: 'member', memberId: 9 },
          { kind: 'send', conns: [1], json: '{"type":"welcome"}' },
          { kind: 'deliver', conns: [2], data: frame },
        ],
      ],
      ['c', [{ kind: 'deliver', conns: [4, 5], data: frame }]],
    ]);
  });
});
