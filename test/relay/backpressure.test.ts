import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Relay } from '../../relay/relay';
import { CHANNELS, CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, expectRelayStillServes, joinSession, startRelay } from './support/fixture';
import type { RawClient } from './support/raw-client';

const CHUNK = 32 * 1024;
const BATCH = 32; // 1 MiB per batch

/** Stops or restarts reading from the socket, like a member on a congested link. */
function reading(client: RawClient, on: boolean): void {
  const socket = (client.ws as unknown as { _socket: Socket })._socket;
  if (on) socket.resume();
  else socket.pause();
}

async function droppedTerminalFrames(relay: Relay): Promise<number> {
  const text = await (await fetch(`${relay.httpUrl}/metrics`)).text();
  const match = /duet_relay_frames_dropped_total\{channel="terminalOut",reason="slow-consumer"\} (\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * The host sends terminal output in 1 MiB batches until the relay starts dropping for the
 * paused member (the kernel's socket buffers absorb several MiB first), then a doc marker.
 * The fast member must get every byte.
 */
async function floodUntilDropped(relay: Relay, host: RawClient, fast: RawClient, marker: number): Promise<number> {
  const chunk = new Uint8Array(CHUNK);
  const before = await droppedTerminalFrames(relay);
  let sent = 0;
  for (let batch = 0; batch < 64; batch++) {
    for (let i = 0; i < BATCH; i++) host.sendFrame(CHANNELS.terminalOut, 0, chunk);
    sent += BATCH;
    host.sendFrame(CHANNELS.doc, 0, new Uint8Array([marker, batch]));
    await fast.waitForFrame((f) => f.channel === CHANNELS.doc && f.payload[0] === marker && f.payload[1] === batch, 10_000);
    if ((await droppedTerminalFrames(relay)) > before) return sent;
  }
  throw new Error('the relay never dropped terminal output for the paused member');
}

describe('backpressure: a slow member never slows the others', () => {
  it('terminal output to a slow member is dropped with one resync; past the hard bound it is closed 4009 too-slow', async () => {
    const relay = await startRelay({
      limits: {
        softBufferBytes: 256 * 1024,
        hardBufferBytes: 2 * 1024 * 1024,
        heartbeatIntervalMs: 60_000,
        reconnectGraceMs: 10_000,
        messageBurst: 100_000,
        messagesPerSecond: 100_000,
      },
    });
    const hosted = await createSession(relay);
    const { host } = hosted;
    const fast = await joinSession(relay, hosted, 'Fast');
    const slow = await joinSession(relay, hosted, 'Slow');

    // Phase 1: the slow member stops reading; terminal output to it is dropped, once told.
    reading(slow.guest, false);
    const sent = await floodUntilDropped(relay, host, fast.guest, 1);
    expect(fast.guest.frames.filter((f) => f.channel === CHANNELS.terminalOut)).toHaveLength(sent);
    reading(slow.guest, true);
    await slow.guest.waitForFrame((f) => f.channel === CHANNELS.doc && f.payload[0] === 1 && f.payload[1] === sent / BATCH - 1, 10_000);
    expect(slow.guest.messages.filter((m) => m.type === 'resync')).toEqual([{ type: 'resync', channel: CHANNELS.terminalOut }]);
    expect(slow.guest.frames.filter((f) => f.channel === CHANNELS.terminalOut).length).toBeLessThan(sent);
    // Doc frames are never dropped.
    expect(slow.guest.frames.filter((f) => f.channel === CHANNELS.doc)).toHaveLength(sent / BATCH);

    // Phase 2: once a terminal frame got through again, a new congestion gets a new resync.
    host.sendFrame(CHANNELS.terminalOut, 0, new TextEncoder().encode('after'));
    await slow.guest.waitForFrame((f) => f.channel === CHANNELS.terminalOut && f.payload.byteLength === 5);
    reading(slow.guest, false);
    const again = await floodUntilDropped(relay, host, fast.guest, 2);
    reading(slow.guest, true);
    await slow.guest.waitForFrame((f) => f.channel === CHANNELS.doc && f.payload[0] === 2 && f.payload[1] === again / BATCH - 1, 10_000);
    expect(slow.guest.messages.filter((m) => m.type === 'resync')).toHaveLength(2);

    // Phase 3: doc frames cannot be dropped, so past the hard bound the member is closed.
    reading(slow.guest, false);
    const big = new Uint8Array(CHUNK);
    big[0] = 3;
    for (let batch = 0; batch < 64 && !host.types().includes('member-reconnecting'); batch++) {
      big[1] = batch;
      for (let i = 0; i < BATCH; i++) host.sendFrame(CHANNELS.doc, 0, big);
      await fast.guest.waitForFrame((f) => f.payload[0] === 3 && f.payload[1] === batch, 10_000);
    }
    expect(await host.waitFor('member-reconnecting')).toEqual({ type: 'member-reconnecting', memberId: slow.id });
    reading(slow.guest, true);
    expect(await slow.guest.waitForClose(20_000)).toEqual({ code: CLOSE_CODES['too-slow'], reason: 'too-slow' });
    // The fast member got everything and is still connected; the slow one may resume.
    expect(fast.guest.ws.readyState).toBe(fast.guest.ws.OPEN);
    const resumed = await connect(relay);
    resumed.hello({ intent: 'resume', token: slow.welcome.resumeToken });
    expect((await resumed.waitFor('welcome')).you.id).toBe(slow.id);
    await expectRelayStillServes(relay);
  }, 60_000);
});
