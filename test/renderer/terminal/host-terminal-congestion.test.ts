import { afterEach, describe, expect, it, vi } from 'vitest';
import { TerminalBroadcast } from '../../../src/renderer/terminal/host-terminal-broadcast';
import { Emitter } from '../../../src/shared/lifecycle';
import { CHANNELS } from '../../../src/shared/protocol';
import { decodeTerminalMessage, type TerminalMessage } from '../../../src/shared/protocol/terminal/terminal-wire';
import type { ConnectionState, SessionClient, SessionEvents } from '../../../src/shared/session-client';

afterEach(() => vi.useRealTimers());

describe('TerminalBroadcast under a flood: keystrokes never wait behind terminal bytes', () => {
  it('holds terminal output back while the socket is congested, then tells guests where the stream stands', () => {
    vi.useFakeTimers();
    const sent: TerminalMessage[] = [];
    const events = new Emitter<SessionEvents>();
    const client = {
      state: 'open' as ConnectionState,
      bufferedBytes: 0,
      on: events.on.bind(events),
      send(channel: number, payload: Uint8Array) {
        expect(channel).toBe(CHANNELS.terminalOut);
        sent.push(decodeTerminalMessage(payload)!);
      },
    };
    const broadcast = new TerminalBroadcast(client as unknown as SessionClient);
    broadcast.output(0, new Uint8Array(100));
    vi.advanceTimersByTime(10);
    expect(sent.map((m) => m.kind)).toEqual(['output']);

    // The socket holds half a megabyte (a person's edit would wait behind it): output is dropped.
    client.bufferedBytes = 512 * 1024;
    broadcast.output(100, new Uint8Array(1000));
    broadcast.output(1100, new Uint8Array(1000));
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);

    // Drained: one empty chunk at the head, so every guest sees the gap and asks the host for it.
    client.bufferedBytes = 0;
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual({ kind: 'output', seq: 2100, data: new Uint8Array() });
    broadcast.output(2100, new Uint8Array(5));
    vi.advanceTimersByTime(10);
    expect(sent.at(-1)).toMatchObject({ kind: 'output', seq: 2100 });
    broadcast.dispose();
  });
});
