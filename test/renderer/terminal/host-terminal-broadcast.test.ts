import { describe, expect, it } from 'vitest';
import { TerminalBroadcast } from '../../../src/renderer/terminal/host-terminal-broadcast';
import { Emitter } from '../../../src/shared/lifecycle';
import { CHANNELS, type Member } from '../../../src/shared/protocol';
import { decodeTerminalMessage } from '../../../src/shared/protocol/terminal/terminal-wire';
import type { ConnectionState, SessionClient, SessionEvents } from '../../../src/shared/session-client';

/** The host's session client as the broadcast sees it: events in, frames out. */
function fakeHostClient() {
  const events = new Emitter<SessionEvents>();
  const sent: { to: number | undefined; message: unknown }[] = [];
  const client = {
    state: 'open' as ConnectionState,
    bufferedBytes: 0,
    on: events.on.bind(events),
    send(channel: number, payload: Uint8Array, to?: number) {
      expect(channel).toBe(CHANNELS.terminalOut);
      sent.push({ to, message: decodeTerminalMessage(payload) });
    },
  };
  return { client, events, sent, asClient: client as unknown as SessionClient };
}

const guest = (id: number): Member => ({ id, name: `g${id}`, role: 'guest', permissions: { terminalInput: false }, connection: 'online' });

describe('TerminalBroadcast: what the host sends and when', () => {
  it('sends each joiner the pty size, and everyone the size and the stream head on every welcome', () => {
    const { events, sent, asClient } = fakeHostClient();
    const broadcast = new TerminalBroadcast(asClient);
    broadcast.opened({ cols: 100, rows: 30 }, 0);
    broadcast.output(0, new TextEncoder().encode('hello'));
    broadcast.output(5, new TextEncoder().encode('!'));
    sent.length = 0;

    events.emit('member-joined', guest(7));
    expect(sent).toEqual([{ to: 7, message: { kind: 'resize', cols: 100, rows: 30 } }]);

    sent.length = 0;
    events.emit('welcome', {} as never);
    // Batched output goes first, then the size, then an empty chunk at the head (6).
    const last = sent.slice(-2);
    expect(last).toEqual([
      { to: undefined, message: { kind: 'resize', cols: 100, rows: 30 } },
      { to: undefined, message: { kind: 'output', seq: 6, data: new Uint8Array() } },
    ]);
    broadcast.dispose();
  });

  it('sends nothing while the host is not admitted (guests resync from the head on its welcome)', () => {
    const { client, events, sent, asClient } = fakeHostClient();
    const broadcast = new TerminalBroadcast(asClient);
    client.state = 'reconnecting';
    broadcast.opened({ cols: 80, rows: 24 }, 42);
    broadcast.typing(1);
    events.emit('member-joined', guest(3));
    expect(sent).toEqual([]);
    broadcast.dispose();
  });

  it('stops listening when disposed', () => {
    const { events, sent, asClient } = fakeHostClient();
    const broadcast = new TerminalBroadcast(asClient);
    broadcast.opened({ cols: 80, rows: 24 }, 0);
    broadcast.dispose();
    sent.length = 0;
    events.emit('member-joined', guest(3));
    expect(sent).toEqual([]);
    expect(events.listenerCount()).toBe(0);
  });
});
