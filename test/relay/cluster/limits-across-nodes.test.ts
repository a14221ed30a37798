import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import type { RelayProcess } from '../../support/processes';
import { connect } from '../support/fixture';
import { clusterOf } from './cluster-of';

const PROCESS_TEST_MS = 60_000;

/** What a hello from `localAddress` to `node` comes to: in (welcome or lobby), or the close code. */
async function hello(node: RelayProcess, localAddress: string, fields: Parameters<Awaited<ReturnType<typeof connect>>['hello']>[0]) {
  const client = await connect(node, { localAddress });
  client.hello(fields);
  let code = '';
  const outcome = await Promise.race([
    client.waitFor('welcome', undefined, 10_000).then((welcome) => {
      code = welcome.session.code;
      return 'in' as const;
    }),
    client.waitFor('lobby', undefined, 10_000).then(() => 'in' as const),
    client.closed.then((closed) => closed.code),
  ]);
  return { client, outcome, code };
}

describe('relay cluster: per-address limits hold across nodes', () => {
  it('joins per minute, sessions per address and the failed look-up budget are counted cluster-wide', async () => {
    // The cluster's own addresses (127.0.0.1) are exempt through the flags the test relays get; these use others.
    const { nodes } = await clusterOf(3, ['--joins-per-minute', '4', '--max-sessions-per-ip', '2', '--failed-lookups-per-minute', '3']);
    const [a, b, c] = nodes as [RelayProcess, RelayProcess, RelayProcess];

    // Sessions per address: two on two nodes, the third refused on the third node.
    const first = await hello(a, '127.0.3.1', { intent: 'create', name: 'One' });
    expect(first.outcome).toBe('in');
    expect((await hello(b, '127.0.3.1', { intent: 'create', name: 'Two' })).outcome).toBe('in');
    expect((await hello(c, '127.0.3.1', { intent: 'create', name: 'Three' })).outcome).toBe(CLOSE_CODES['too-many-sessions']);

    // Joins per minute: the same address has used 3 of its 4 hellos; one more anywhere, then refused everywhere.
    expect((await hello(b, '127.0.3.1', { intent: 'join', code: 'ZZZZ-ZZZZ-ZZZ1' })).outcome).toBe(CLOSE_CODES['unknown-code']);
    expect((await hello(c, '127.0.3.1', { intent: 'join', code: 'ZZZZ-ZZZZ-ZZZ2' })).outcome).toBe(CLOSE_CODES['rate-limited']);
    expect((await hello(a, '127.0.3.1', { intent: 'create', name: 'Four' })).outcome).toBe(CLOSE_CODES['rate-limited']);

    // The failed look-up budget (3 a minute) is the cluster's: two more failures on two other nodes spend it.
    expect((await hello(a, '127.0.3.2', { intent: 'join', code: 'ZZZZ-ZZZZ-ZZZ3' })).outcome).toBe(CLOSE_CODES['unknown-code']);
    expect((await hello(c, '127.0.3.3', { intent: 'join', code: 'ZZZZ-ZZZZ-ZZZ4' })).outcome).toBe(CLOSE_CODES['unknown-code']);
    // Spent: an address that failed is refused on a node it never used, even with a real code…
    const { code } = first;
    expect((await hello(b, '127.0.3.2', { intent: 'join', code })).outcome).toBe(CLOSE_CODES['rate-limited']);
    // …while a fresh address with the real code still gets in.
    expect((await hello(c, '127.0.3.9', { intent: 'join', code })).outcome).toBe('in');
  }, PROCESS_TEST_MS);
});
