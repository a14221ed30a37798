import { describe, expect, it } from 'vitest';
import { createDuetBridge, type BridgeIpc } from '../../src/preload/duet-bridge';
import { HOST_CALLS, type HostCall, type HostEvent } from '../../src/shared/host-api/host-calls';

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
  it('carries every host call of the table on its own channel, arguments and reply unchanged', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    for (const call of Object.keys(HOST_CALLS) as HostCall[]) {
      expect(await bridge.call(call, [{ cols: 80, rows: 24 }])).toEqual({ ok: true, value: call });
    }
    expect(ipc.invoked).toEqual(Object.keys(HOST_CALLS).map((call) => [call, [{ cols: 80, rows: 24 }]]));
  });

  it('refuses a name outside the table without reaching ipcRenderer', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    for (const name of ['shell:exec', '__proto__', 'constructor']) {
      expect(await bridge.call(name as HostCall, ['rm -rf /']), name).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
    }
    expect(await bridge.call('terminal:write', 'not a list' as never)).toMatchObject({ ok: false });
    expect(() => bridge.subscribe('ipc:anything' as HostEvent, () => undefined)).toThrow(/unknown host event/);
    expect(ipc.invoked).toEqual([]);
  });

  it('hands listeners the payload only, never Electron’s event, until they unsubscribe', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.subscribe('run:state', (...args: unknown[]) => received.push(args));
    ipc.send('run:state', { status: 'idle' });
    off();
    ipc.send('run:state', { status: 'idle' });
    expect(received).toEqual([[{ status: 'idle' }]]);
  });

  it('keeps an invite link that arrives before the page subscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDuetBridge(ipc);
    ipc.send('app:invite-link', 'duet://join/ABCD-EFGH-JKMN');
    const links: unknown[] = [];
    bridge.subscribe('app:invite-link', (url) => links.push(url));
    ipc.send('app:invite-link', 'duet://join/0000-0000-0000');
    expect(links).toEqual(['duet://join/ABCD-EFGH-JKMN', 'duet://join/0000-0000-0000']);
  });
});
