import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SessionClock } from '../../../src/renderer/clock/session-clock';

/** Two peers' documents, each update applied to the other (as the doc channel does). */
function twoPeers() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update));
  b.on('update', (update: Uint8Array) => Y.applyUpdate(a, update));
  return { host: new SessionClock(a.getMap('meta')), guest: new SessionClock(b.getMap('meta')) };
}

describe('SessionClock', () => {
  it('keeps the first start time: a later start (a resumed host) does not move it, and peers read the same', () => {
    const { host, guest } = twoPeers();
    host.start(1_000_000);
    host.start(2_000_000);
    expect(host.startedAt).toBe(1_000_000);
    expect(guest.startedAt).toBe(1_000_000);
  });

  it('shares the host’s countdown as its end time, replaced by a new one and gone when cancelled', () => {
    const { host, guest } = twoPeers();
    const changes: number[] = [];
    const listening = guest.onChange(() => changes.push(changes.length));
    host.setCountdown(3_000, 1_000_000);
    expect(guest.countdown).toEqual({ endsAt: 1_003_000, durationMs: 3_000 });
    host.setCountdown(60_000, 1_001_000);
    expect(guest.countdown).toEqual({ endsAt: 1_061_000, durationMs: 60_000 });
    host.cancelCountdown();
    expect(guest.countdown).toBeUndefined();
    expect(changes).toHaveLength(3);
    listening.dispose();
    host.setCountdown(3_000, 1_000_000);
    expect(changes).toHaveLength(3);
  });

  it('reads hostile values as unknown', () => {
    const doc = new Y.Doc();
    const meta = doc.getMap('meta');
    const clock = new SessionClock(meta);
    meta.set('startedAt', 'yesterday');
    meta.set('countdown', { endsAt: 'soon', durationMs: 3_000 });
    expect(clock.startedAt).toBeUndefined();
    expect(clock.countdown).toBeUndefined();
    meta.set('countdown', { endsAt: 5_000, durationMs: -1 });
    expect(clock.countdown).toBeUndefined();
  });
});
