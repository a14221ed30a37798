import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, forgetRelay, joinSession, startRelay } from './support/fixture';

describe('graceful shutdown', () => {
  it('closes members (and the lobby, and hello-less connections) with 1001 and resolves fast', async () => {
    const relay = await startRelay({ shutdownTimeoutMs: 10_000, limits: { reconnectGraceMs: 60_000 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const knocking = await connect(relay);
    knocking.hello({ intent: 'join', code: hosted.code, name: 'Knocking' });
    await knocking.waitFor('lobby');
    const silent = await connect(relay);
    forgetRelay(relay);
    const startedAt = Date.now();
    await relay.close();
    // As soon as everyone acknowledged, not at the 10 s timeout.
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    for (const client of [hosted.host, gil.guest, knocking, silent]) {
      expect(await client.waitForClose()).toEqual({
        code: CLOSE_CODES['server-shutting-down'],
        reason: 'server-shutting-down',
      });
    }
    // Nobody is told others are "reconnecting": everyone is going at once and will resume.
    expect(gil.guest.types()).toEqual(['lobby', 'welcome']);
    await expect(fetch(`${relay.httpUrl}/healthz`)).rejects.toThrow();
    // close() twice is fine.
    await relay.close();
  });

  it('cuts off members that do not complete the closing handshake', async () => {
    const relay = await startRelay({ shutdownTimeoutMs: 200 });
    const hosted = await createSession(relay);
    // A client that never answers the close frame (its socket is paused).
    (hosted.host.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    forgetRelay(relay);
    const startedAt = Date.now();
    await relay.close();
    // Cut off after the 200 ms timeout, not after ws's own 30 s closing timeout.
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('/healthz answers 503 while shutting down', async () => {
    const relay = await startRelay({ shutdownTimeoutMs: 1_000 });
    const hosted = await createSession(relay);
    (hosted.host.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200);
    forgetRelay(relay);
    const closing = relay.close();
    const during = await fetch(`${relay.httpUrl}/healthz`);
    expect(during.status).toBe(503);
    expect(await during.text()).toBe('shutting down');
    // New members are turned away meanwhile.
    await expect(connect(relay)).rejects.toThrow(/503/);
    await closing;
  });
});
