import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES } from '../../../src/shared/protocol';
import type { RelayProcess } from '../../support/processes';
import { connect, createSession, joinSession } from '../support/fixture';
import type { RawClient } from '../support/raw-client';
import { clusterOf } from './cluster-of';

const PROCESS_TEST_MS = 90_000;

async function health(node: RelayProcess): Promise<string> {
  return (await fetch(`${node.httpUrl}/healthz`)).text();
}

/** Resumes `token` on `node`, retrying refusals that say "try again" (as the session client does). */
async function resumeWhenPossible(node: RelayProcess, token: string): Promise<RawClient> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const client = await connect(node);
    client.hello({ intent: 'resume', token });
    const outcome = await Promise.race([client.waitFor('welcome', undefined, 5_000).then(() => 'in' as const), client.closed]);
    if (outcome === 'in') return client;
    expect([CLOSE_CODES['registry-unavailable'], CLOSE_CODES['session-unavailable']]).toContain(outcome.code);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('never resumed');
}

describe('relay cluster: Redis restarts (empty) mid-session', () => {
  it('sessions on one node keep working throughout; cross-node members reconnect and come back; new sessions wait for the registry', async () => {
    const { redis, nodes } = await clusterOf(2, ['--grace-ms', '30000']);
    const [a, b] = nodes as [RelayProcess, RelayProcess];
    const local = await createSession(b, 'Local host');
    const localGuest = await joinSession(b, local, 'Local guest');
    const hosted = await createSession(a);
    const gil = await joinSession(b, hosted, 'Gil');

    await redis.kill();
    // The guest on B cannot reach its session on A without the registry: told to try again.
    expect((await gil.guest.waitForClose(10_000)).code).toBe(CLOSE_CODES['registry-unavailable']);
    await expect.poll(() => health(b), { timeout: 10_000 }).toBe('degraded');
    // The session whose members are all on B does not notice.
    local.host.sendFrame(CHANNELS.doc, 0, new Uint8Array([42]));
    expect((await localGuest.guest.waitForFrame((f) => f.payload[0] === 42)).from).toBe(local.welcome.you.id);
    localGuest.guest.sendFrame(CHANNELS.chat, 0, new Uint8Array([43]));
    await local.host.waitForFrame((f) => f.payload[0] === 43);
    // New sessions need the registry (a unique code): refused, with a code that says "retry".
    const creator = await connect(a);
    creator.hello({ intent: 'create', name: 'Too soon' });
    expect((await creator.waitForClose()).code).toBe(CLOSE_CODES['registry-unavailable']);
    // The host on A hears that Gil is reconnecting.
    await hosted.host.waitFor('member-reconnecting', (m) => m.memberId === gil.id, 10_000);

    await redis.restart();
    await expect.poll(() => health(a), { timeout: 15_000 }).toBe('ok');
    await expect.poll(() => health(b), { timeout: 15_000 }).toBe('ok');
    // Redis came back empty; the owner wrote its sessions back, so Gil resumes across nodes again.
    const back = await resumeWhenPossible(b, gil.welcome.resumeToken);
    await hosted.host.waitFor('member-back', (m) => m.memberId === gil.id);
    hosted.host.sendFrame(CHANNELS.doc, 0, new Uint8Array([44]));
    expect((await back.waitForFrame((f) => f.payload[0] === 44, 10_000)).from).toBe(hosted.welcome.you.id);
    // Its code is known to the registry again: a newcomer on B can knock.
    const joiner = await connect(b);
    joiner.hello({ intent: 'join', code: hosted.code, name: 'After' });
    await joiner.waitFor('lobby', undefined, 10_000);
    // And new sessions are created again.
    await createSession(a, 'New host');
    const metrics = await (await fetch(`${b.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/duet_relay_redis_reconnects_total [1-9]/);
    expect(metrics).toContain('duet_relay_redis_up 1');
  }, PROCESS_TEST_MS);
});
