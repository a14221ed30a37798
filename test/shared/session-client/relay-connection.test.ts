import { afterEach, describe, expect, it, vi } from 'vitest';
import { RelayConnection } from '../../../src/shared/session-client';
import type { WebSocketLike } from '../../../src/shared/session-client';

/** A socket the test opens, feeds and watches; no relay involved. */
class FakeSocket implements WebSocketLike {
  static made: FakeSocket[] = [];
  readyState = 0;
  bufferedAmount = 0;
  binaryType = 'blob';
  readonly sent: (string | Uint8Array)[] = [];
  closedWith: number | undefined | null = null;
  onopen: ((event: never) => unknown) | null = null;
  onmessage: ((event: never) => unknown) | null = null;
  onclose: ((event: never) => unknown) | null = null;
  onerror: ((event: never) => unknown) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  open(): void {
    this.readyState = 1;
    (this.onopen as (() => void) | null)?.();
  }
  hear(text: string): void {
    (this.onmessage as ((event: { data: unknown }) => void) | null)?.({ data: text });
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

function connection() {
  const link = new RelayConnection({
    url: 'ws://relay.test/ws',
    WebSocket: FakeSocket,
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
    pingIntervalMs: 1_000,
    unstableAfterMs: 1_500,
    deadAfterMs: 2_500,
    maxQueuedBytes: 1024,
  });
  link.connect();
  return { link, socket: FakeSocket.made.at(-1)! };
}

/** An open link under fake timers, with every `down` it reports collected. */
function openWatched() {
  vi.useFakeTimers();
  const { link, socket } = connection();
  const downs: unknown[] = [];
  link.on('down', (down) => downs.push(down));
  socket.open();
  return { link, socket, downs };
}

afterEach(() => {
  vi.useRealTimers();
  FakeSocket.made = [];
});

describe('RelayConnection', () => {
  it('queues data frames until the link is ready, then sends them in order; nothing after close', () => {
    const { link, socket } = connection();
    socket.open();
    link.sendFrame(Uint8Array.of(1));
    link.sendFrame(Uint8Array.of(2));
    expect(socket.sent).toEqual([]);
    link.ready();
    link.sendFrame(Uint8Array.of(3));
    expect(socket.sent).toEqual([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
    link.close(1000);
    link.sendFrame(Uint8Array.of(4));
    expect(socket.sent).toHaveLength(3);
    expect(socket.closedWith).toBe(1000);
  });

  it('pings every period; a late pong makes the link unstable, and one heard makes it stable again', () => {
    vi.useFakeTimers();
    const { link, socket } = connection();
    const unstable: boolean[] = [];
    link.on('unstable', (value) => unstable.push(value));
    socket.open();
    vi.advanceTimersByTime(1_000);
    expect(socket.sent.map((data) => JSON.parse(data as string).type)).toEqual(['ping']);
    socket.hear('{"type":"pong","t":0}');
    vi.advanceTimersByTime(1_500);
    expect(link.unstable).toBe(false);
    vi.advanceTimersByTime(250);
    expect(link.unstable).toBe(true);
    socket.hear('{"type":"pong","t":0}');
    expect(link.unstable).toBe(false);
    expect(unstable).toEqual([true, false]);
  });

  it('gives up a link silent past deadAfterMs within a quarter second, reporting it down', () => {
    const { link, socket, downs } = openWatched();
    vi.advanceTimersByTime(2_500);
    expect(downs).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(downs).toEqual([{ code: 1006, reason: 'connection-lost' }]);
    expect(socket.readyState).toBe(3);
    expect(link.unstable).toBe(false);
  });

  it('keeps a silent link while much of our own data is still leaving (our ping waits behind it), calling it unstable', () => {
    const { link, socket, downs } = openWatched();
    socket.bufferedAmount = 1024 * 1024;
    vi.advanceTimersByTime(10_000);
    expect(downs).toEqual([]);
    expect(link.unstable).toBe(true);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(250);
    expect(downs).toEqual([{ code: 1006, reason: 'connection-lost' }]);
  });

  it('does not give up a link because its own timers were held back (a throttled background tab): it asks first', () => {
    const { link, socket, downs } = openWatched();
    // One wake-up a minute: the clock jumps a minute before the timers run again.
    const fakeNow = performance.now.bind(performance);
    vi.spyOn(performance, 'now').mockImplementation(() => fakeNow() + 60_000);
    vi.advanceTimersByTime(250);
    expect(downs).toEqual([]);
    expect(link.unstable).toBe(false);
    expect(socket.sent.map((data) => JSON.parse(data as string).type)).toContain('ping');
    // Still no answer once the timers run normally again: now it is the link.
    vi.advanceTimersByTime(2_750);
    expect(downs).toEqual([{ code: 1006, reason: 'connection-lost' }]);
  });

  it('still gives up a silent link whose timers keep running late (a loaded machine): a late check excuses the silence once', () => {
    const { downs } = openWatched();
    // Every health check runs 1.1 s late, again and again, and nothing is ever heard.
    const fakeNow = performance.now.bind(performance);
    let held = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => fakeNow() + held);
    for (let check = 0; check < 10 && downs.length === 0; check++) {
      held += 1_100;
      vi.advanceTimersByTime(250);
    }
    expect(downs).toEqual([{ code: 1006, reason: 'connection-lost' }]);
  });

  it('gives up a half-open link: messages from the others still arrive, but no pong answers our pings', () => {
    const { socket, downs } = openWatched();
    for (let tick = 0; tick < 12 && downs.length === 0; tick++) {
      socket.hear('{"type":"member-joined","member":{}}');
      vi.advanceTimersByTime(250);
    }
    expect(downs).toEqual([{ code: 1006, reason: 'connection-lost' }]);
  });

  it('opens a new socket only when asked to reconnect, after the backoff delay', () => {
    vi.useFakeTimers();
    const { link, socket } = connection();
    socket.open();
    (socket.onclose as (event: { code: number; reason: string }) => void)({ code: 1001, reason: 'server-shutting-down' });
    vi.advanceTimersByTime(5_000);
    expect(FakeSocket.made).toHaveLength(1);
    link.reconnect();
    vi.advanceTimersByTime(49);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(51);
    expect(FakeSocket.made).toHaveLength(2);
  });
});
