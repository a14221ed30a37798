import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/protocol';
import { connect, createSession, pause, startRelay } from './support/fixture';

describe('heartbeat', () => {
  it('a member that stops answering pings is dropped and reported reconnecting, then left', async () => {
    const relay = await startRelay({ limits: { heartbeatIntervalMs: 100, reconnectGraceMs: 200 } });
    const hosted = await createSession(relay);
    // A peer whose process hangs: the socket stays open but nothing answers pings.
    const hung = await connect(relay, { autoPong: false });
    hung.hello({ intent: 'join', code: hosted.code, name: 'Hung' });
    const knock = await hosted.host.waitFor('knock');
    hosted.host.send({ type: 'admit', memberId: knock.memberId });
    await hung.waitFor('welcome');
    const admittedAt = Date.now();
    expect(await hosted.host.waitFor('member-reconnecting', () => true, 5_000)).toEqual({
      type: 'member-reconnecting',
      memberId: knock.memberId,
    });
    // Missing one ping is enough: two intervals (200 ms), plus generous slack for a busy machine.
    expect(Date.now() - admittedAt).toBeLessThan(2_500);
    expect((await hung.waitForClose()).code).toBe(1006);
    expect((await hosted.host.waitFor('member-left', () => true, 5_000)).reason).toBe('timeout');
  });

  it('members that answer pings stay connected across many intervals', async () => {
    // Client and relay share this process, so a stalled event loop delays both; keep the
    // interval long enough that a busy test machine does not look like a dead peer.
    const relay = await startRelay({ limits: { heartbeatIntervalMs: 300 } });
    const hosted = await createSession(relay);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Alive' });
    const knock = await hosted.host.waitFor('knock');
    hosted.host.send({ type: 'admit', memberId: knock.memberId });
    await guest.waitFor('welcome');
    await pause(1_500);
    hosted.host.sendFrame(CHANNELS.doc, 0, new Uint8Array([1]));
    await guest.waitForFrame();
    expect(hosted.host.types()).not.toContain('member-reconnecting');
  });

  it('an unresponsive connection that never said hello is cleaned up too', async () => {
    const relay = await startRelay({ limits: { heartbeatIntervalMs: 100, helloDeadlineMs: 10_000 } });
    const silent = await connect(relay, { autoPong: false });
    expect((await silent.waitForClose(5_000)).code).toBe(1006);
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toContain('duet_relay_closes_total{reason="heartbeat-timeout"} 1');
    expect(metrics).toContain('duet_relay_connections 0');
  });
});
