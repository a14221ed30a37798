import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName } from '../../../src/shared/protocol';
import { waitUntil } from '../../support/wait';
import WebSocket from 'ws';
import type { SessionClientOptions } from '../../../src/shared/session-client';
import { admitted, connect, hostAndGuest, next, useRelay } from './support';

const relay = useRelay();

describe('session client: create, knock, admit, talk, leave', () => {
  it('walks the whole flow a pair of members goes through', async () => {
    const host = await admitted(connect(relay.url, 'Ada', { kind: 'create' }));
    expect(host.isHost).toBe(true);
    expect(host.session!.code).toMatch(/^\w{4}-\w{4}-\w{4}$/);

    const guest = connect(relay.url, 'Grace', { kind: 'join', code: host.session!.code.toLowerCase() });
    const knock = await next(host, 'knock');
    expect(knock.name).toBe('Grace');
    await waitUntil(() => guest.state === 'lobby', 5_000, 'lobby');

    const joined = next(host, 'member-joined');
    host.admit(knock.memberId);
    await admitted(guest);
    expect((await joined).name).toBe('Grace');
    expect(guest.me!.permissions.terminalInput).toBe(false);
    expect([...guest.members.values()].map((m) => m.name).sort()).toEqual(['Ada', 'Grace']);

    for (const name of Object.keys(CHANNELS) as ChannelName[]) {
      if (name === 'control' || name === 'terminalOut' || name === 'terminalIn') continue;
      const payload = new TextEncoder().encode(`hello on ${name}`);
      const received = next(host, 'data');
      guest.send(CHANNELS[name], payload);
      const frame = await received;
      expect(frame).toMatchObject({ channel: CHANNELS[name], from: guest.me!.id });
      expect(new TextDecoder().decode(frame.payload)).toBe(`hello on ${name}`);
    }
    const out = next(guest, 'data');
    host.send(CHANNELS.terminalOut, new Uint8Array([1, 2, 3]));
    expect(await out).toMatchObject({ channel: CHANNELS.terminalOut, from: host.me!.id });

    host.setPermissions(guest.me!.id, { terminalInput: true });
    await waitUntil(() => guest.me!.permissions.terminalInput, 5_000, 'permission');
    const typed = next(host, 'data');
    guest.send(CHANNELS.terminalIn, new TextEncoder().encode('ls\r'));
    expect(await typed).toMatchObject({ channel: CHANNELS.terminalIn, from: guest.me!.id });

    const left = next(host, 'member-left');
    guest.leave();
    expect(await left).toMatchObject({ name: 'Grace', reason: 'left' });
    expect(guest.state).toBe('closed');
  });

  it('is turned away when the host denies the knock', async () => {
    const host = await admitted(connect(relay.url, 'Ada', { kind: 'create' }));
    const guest = connect(relay.url, 'Mallory', { kind: 'join', code: host.session!.code });
    const knock = await next(host, 'knock');
    const closed = next(guest, 'closed');
    host.deny(knock.memberId);
    expect(await closed).toMatchObject({ reason: 'denied', code: 4005 });
    expect(guest.state).toBe('closed');
  });

  it('reports an unknown code without retrying', async () => {
    const guest = connect(relay.url, 'Eve', { kind: 'join', code: '0000-0000-0000' });
    expect(await next(guest, 'closed')).toMatchObject({ reason: 'unknown-code', code: 4004 });
  });

  it('measures round-trip latency', async () => {
    const host = await admitted(connect(relay.url, 'Ada', { kind: 'create' }));
    const ms = await next(host, 'latency');
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(1_000);
    expect(host.latencyMs).toBeDefined();
  });

  it('ends for everyone when the host ends the session', async () => {
    const { host, guest } = await hostAndGuest(relay.url);
    const ended = next(guest, 'session-ended');
    const closed = next(guest, 'closed');
    host.endSession();
    expect(await ended).toBe('host-ended');
    expect(await closed).toMatchObject({ reason: 'session-ended', code: 4007, endedBy: 'host-ended' });
  });

  it('stops cleanly on dispose: its socket closes and no other opens, so no second hello reaches the relay', async () => {
    const sockets = countingSockets();
    const host = await admitted(connect(relay.url, 'Ada', { kind: 'create' }, { WebSocket: sockets.WebSocket }));
    expect(sockets.hellos()).toBe(1);
    host.dispose();
    await waitUntil(() => sockets.opened[0]!.readyState === WebSocket.CLOSED, 5_000, 'the socket to close');
    // Reconnects here come after 20 to 200 ms: a client that kept reconnecting would have by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sockets.opened).toHaveLength(1);
    expect(sockets.hellos()).toBe(1);
    expect(host.state).toBe('closed');
  });

  it('sends one hello per socket, again after the relay dropped it', async () => {
    const sockets = countingSockets();
    const { host } = await hostAndGuest(relay.url);
    const guest = await admitted(connect(relay.url, 'Grace', { kind: 'join', code: host.session!.code }, { WebSocket: sockets.WebSocket }));
    sockets.opened[0]!.terminate();
    await waitUntil(() => sockets.opened.length === 2 && guest.state === 'open', 5_000, 'the guest back on a second socket');
    expect(sockets.hellos()).toBe(2);
    expect(sockets.sentHellos.map((hello) => hello.intent)).toEqual(['join', 'resume']);
  });
});

/** A `ws` WebSocket that records every socket the client opens and every hello it sends. */
function countingSockets() {
  const opened: WebSocket[] = [];
  const sentHellos: { intent: string }[] = [];
  class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      opened.push(this);
    }
    override send(data: unknown): void {
      if (typeof data === 'string' && JSON.parse(data).type === 'hello') sentHellos.push(JSON.parse(data));
      super.send(data as string);
    }
  }
  return {
    opened,
    sentHellos,
    hellos: () => sentHellos.length,
    WebSocket: CountingWebSocket as unknown as SessionClientOptions['WebSocket'],
  };
}
