import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, expectRelayStillServes, startRelay } from './support/fixture';
import type { RawClient } from './support/raw-client';

/** One of 127.0.0.2 … 127.0.0.254 (Linux routes all of 127/8 to loopback). */
const address = (i: number): string => `127.0.${Math.floor(i / 250)}.${(i % 250) + 2}`;

async function create(url: string, localAddress: string): Promise<{ client: RawClient; outcome: 'welcome' | number }> {
  const client = await connect(url, { localAddress });
  client.hello({ intent: 'create', name: 'Flood' });
  const outcome = await Promise.race([
    client.waitFor('welcome', undefined, 10_000).then(() => 'welcome' as const),
    client.closed.then((closed) => closed.code),
  ]);
  return { client, outcome };
}

describe('sessions held per client address (maxSessionsPerIp)', () => {
  it('a flood of creates from 60 addresses gets maxSessionsPerIp sessions per address (4016 after), and a real host still gets in', async () => {
    const relay = await startRelay({ limits: { maxSessions: 500, maxSessionsPerIp: 3, reconnectGraceMs: 60_000 } });
    const addresses = 60;
    const results = await Promise.all(
      Array.from({ length: addresses * 5 }, (_, i) => create(relay.url, address(i % addresses))),
    );
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'welcome')).toHaveLength(addresses * 3);
    expect(outcomes.filter((o) => o === CLOSE_CODES['too-many-sessions'])).toHaveLength(addresses * 2);
    const refused = results.find((r) => r.outcome !== 'welcome')!;
    expect((await refused.client.closed).reason).toBe('too-many-sessions');

    // The flood disconnects; its sessions are held for the grace period, but the relay is not full.
    for (const { client } of results) client.terminate();
    await createSession(relay, 'Real host');
    await expectRelayStillServes(relay);
  });

  it('an ended session frees its place for the address that held it', async () => {
    const relay = await startRelay({ limits: { maxSessionsPerIp: 1 } });
    const first = await create(relay.url, '127.0.0.9');
    expect(first.outcome).toBe('welcome');
    expect((await create(relay.url, '127.0.0.9')).outcome).toBe(CLOSE_CODES['too-many-sessions']);
    first.client.send({ type: 'end-session' });
    await first.client.waitForClose();
    expect((await create(relay.url, '127.0.0.9')).outcome).toBe('welcome');
  });
});
