import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/protocol';
import { createSession, joinSession, startRelay } from './support/fixture';

describe('data frames past their budget are paced, never refused', () => {
  it('a frame flood past framesPerSecond keeps the sender connected: every frame arrives, at the budgeted rate', async () => {
    const relay = await startRelay({ limits: { framesPerSecond: 200, frameBurst: 20 } });
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    const started = Date.now();
    for (let i = 0; i < 300; i++) hosted.host.sendFrame(CHANNELS.terminalOut, 0, new Uint8Array([1, i & 255]));
    await guest.waitForFrame(() => guest.frames.length === 300, 10_000);
    // 280 frames past the burst at 200 a second take about 1.4 s (allow for timer slack).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_100);
    expect(guest.frames).toHaveLength(300);
    expect(guest.frames.map((f) => f.payload[1])).toEqual(Array.from({ length: 300 }, (_, i) => i & 255));
    expect(hosted.host.ws.readyState).toBe(hosted.host.ws.OPEN);
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/duet_relay_paced_total [1-9]/);
    expect(metrics).not.toContain('duet_relay_closes_total{reason="rate-limited"}');
  });

  it('with the default limits, a host streaming 40 MiB of 16 KiB terminal frames as fast as it can stays connected (it was closed 4008 after ~18 MiB)', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    const frame = new Uint8Array(16 * 1024);
    for (let sent = 0; sent < 2560; sent++) {
      hosted.host.sendFrame(CHANNELS.terminalOut, 0, frame);
      // As fast as backpressure allows: wait only while our own socket's queue is long.
      while (hosted.host.ws.bufferedAmount > 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    hosted.host.send({ type: 'ping', t: 1 });
    await hosted.host.waitFor('pong', undefined, 20_000);
    expect(hosted.host.ws.readyState).toBe(hosted.host.ws.OPEN);
    expect(guest.ws.readyState).toBe(guest.ws.OPEN);
  }, 30_000);

  it('a byte flood past bytesPerSecond (16 KiB frames, as a host streaming a shell) is paced the same way', async () => {
    const relay = await startRelay({ limits: { bytesPerSecond: 1024 * 1024, byteBurst: 1024 * 1024, maxFrameBytes: 64 * 1024 } });
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    const started = Date.now();
    // 3 MiB: the first MiB in the burst, the other two at 1 MiB/s.
    for (let i = 0; i < 192; i++) hosted.host.sendFrame(CHANNELS.terminalOut, 0, new Uint8Array(16 * 1024).fill(i & 255));
    await guest.waitForFrame(() => guest.frames.length === 192, 15_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_600);
    expect(hosted.host.ws.readyState).toBe(hosted.host.ws.OPEN);
  });
});
