import { describe, expect, it } from 'vitest';
import { createDuetBridge, type BridgeIpc } from '../../src/preload/duet-bridge';
import { HOST_CALLS, HOST_EVENTS } from '../../src/shared/host-api-calls';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer stand-in: records invokes and lets the test play main's sends. */
class FakeIpcRenderer implements BridgeIpc {
  readonly invoked: Array<[string, unknown[]]> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, args]);
    return { ok: true, value: channel };
  }
  on(channel: string, listener: Listener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  send(channel: string, payload: unknown): void {
    const sender = { send: () => 'a way back into ipcRenderer' };
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender }, payload);
  }
}

describe('window.duet (preload bridge)', () => {
  it('has one function per host call, each invoking exactly its own channel', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    const functions = Object.entries(bridge).filter(([name]) => !name.startsWith('on'));
    for (const [, fn] of functions) await (fn as (...a: unknown[]) => Promise<unknown>)({ cols: 80, rows: 24 });
    const channels = ipc.invoked.map(([channel]) => channel);
    expect(channels.sort()).toEqual(Object.keys(HOST_CALLS).sort());
  });

  it('passes arguments through and answers with main’s reply', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    expect(await bridge.terminalWrite('ls\r')).toEqual({ ok: true, value: 'terminal:write' });
    expect(ipc.invoked).toEqual([['terminal:write', ['ls\r']]]);
  });

  it('has one subscription per host event; listeners get the payload only, never Electron’s event', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    const subscriptions = Object.keys(bridge).filter((name) => name.startsWith('on'));
    expect(subscriptions).toHaveLength(HOST_EVENTS.length);
    const received: unknown[][] = [];
    const off = bridge.onRunState((...args: unknown[]) => received.push(args));
    ipc.send('run:state', { status: 'idle' });
    off();
    ipc.send('run:state', { status: 'idle' });
    expect(received).toEqual([[{ status: 'idle' }]]);
  });

  it('keeps an invite link that arrives before the page subscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    ipc.send('app:invite-link', 'duet://join/ABCD-EFGH-JKMN');
    const links: string[] = [];
    bridge.onInviteLink((url) => links.push(url));
    ipc.send('app:invite-link', 'duet://join/0000-0000-0000');
    expect(links).toEqual(['duet://join/ABCD-EFGH-JKMN', 'duet://join/0000-0000-0000']);
  });
});
