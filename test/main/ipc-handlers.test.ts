import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HostApiError, type HostRun, type HostTerminal } from '../../src/shared/host-api';
import { HOST_CALLS } from '../../src/shared/host-api/host-calls';
import type { HostCallTarget } from '../../src/shared/host-api/host-call-dispatch';
import { registerIpcHandlers, type InvokeEvent, type IpcMainLike, type IpcReply, type SenderFrame } from '../../src/main/ipc-handlers';

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

/** ipcMain as a Map of channel → handler, so tests invoke handlers like Electron would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<IpcReply> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(handler(event, ...args) as IpcReply);
  }
}

const appUrl = pathToFileURL('/opt/duet/out/renderer/index.html').href;

function fakeTarget() {
  const terminal = {
    open: vi.fn(async (size: { cols: number; rows: number }) => ({ ...size, running: true, seq: 0, shell: 'sh', cwd: '/w' })),
    write: vi.fn(async () => undefined),
    resize: vi.fn(async () => undefined),
    ack: vi.fn(),
    catchUp: vi.fn(async (seq: number) => ({ kind: 'bytes' as const, seq, data: new Uint8Array([1]) })),
    close: vi.fn(async () => undefined),
  };
  const run = { presets: vi.fn(async () => []), run: vi.fn(async () => undefined), stop: vi.fn(async () => undefined) };
  const target = {
    appInfo: vi.fn(async () => ({ name: 'Duet', version: '1', platform: 'linux', shell: 'electron' as const })),
    getSettings: vi.fn(async () => ({ displayName: 'Ada', relayUrl: '' })),
    setSettings: vi.fn(async (patch: object) => ({ displayName: 'Ada', relayUrl: '', ...patch })),
    openExternal: vi.fn(async () => undefined),
    localRelay: vi.fn(async () => ({ url: 'ws://127.0.0.1:4000/ws' })),
    terminal: terminal as unknown as HostTerminal,
    run: run as unknown as HostRun,
  } satisfies HostCallTarget;
  const allMocks = [...Object.values(terminal), ...Object.values(run), target.appInfo, target.getSettings, target.setSettings, target.openExternal, target.localRelay];
  return { target, terminal, run, untouched: () => allMocks.every((mock) => mock.mock.calls.length === 0) };
}

describe('IPC handlers', () => {
  let ipc: FakeIpcMain;
  let mainFrame: SenderFrame;
  let fake: ReturnType<typeof fakeTarget>;
  const from = (frame: SenderFrame | null): InvokeEvent => ({ senderFrame: frame });

  beforeEach(() => {
    ipc = new FakeIpcMain();
    mainFrame = { url: `${appUrl}#/session`, parent: null };
    fake = fakeTarget();
    registerIpcHandlers(ipc, { mainFrame: () => mainFrame, appUrl, target: () => fake.target });
  });

  it('registers exactly one handler per host call', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(HOST_CALLS).sort());
  });

  it('forwards valid calls from the main window to the host services', async () => {
    expect(await ipc.invoke('app:info', from(mainFrame))).toEqual({ ok: true, value: expect.objectContaining({ shell: 'electron' }) });
    expect(await ipc.invoke('terminal:open', from(mainFrame), { cols: 80, rows: 24 })).toMatchObject({ ok: true, value: { cols: 80, rows: 24 } });
    await ipc.invoke('terminal:write', from(mainFrame), 'ls\r');
    await ipc.invoke('run:run', from(mainFrame), { language: 'go', source: 'package main' });
    await ipc.invoke('settings:set', from(mainFrame), { relayUrl: 'wss://relay.example/ws' });
    expect(fake.terminal.open).toHaveBeenCalledWith({ cols: 80, rows: 24 });
    expect(fake.terminal.write).toHaveBeenCalledWith('ls\r');
    expect(fake.run.run).toHaveBeenCalledWith({ language: 'go', source: 'package main' });
    expect(fake.target.setSettings).toHaveBeenCalledWith({ relayUrl: 'wss://relay.example/ws' });
  });

  it('refuses calls from a frame that is gone, a subframe, another window or a page that is not Duet', async () => {
    const senders: Array<[string, SenderFrame | null]> = [
      ['destroyed frame', null],
      ['iframe inside our window', { url: appUrl, parent: mainFrame }],
      ['another window showing our page', { url: appUrl, parent: null }],
    ];
    for (const [what, frame] of senders) {
      const reply = await ipc.invoke('terminal:write', from(frame), 'rm -rf ~\r');
      expect(reply, what).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', `${appUrl.replace('index.html', 'other.html')}`, 'about:blank']) {
      mainFrame = { url, parent: null };
      const reply = await ipc.invoke('terminal:write', from(mainFrame), 'rm -rf ~\r');
      expect(reply, url).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not Duet') } });
    }
    expect(fake.untouched()).toBe(true);
  });

  it('refuses wrong argument shapes with bad-argument, before touching a host service', async () => {
    const bad: Array<[string, unknown[]]> = [
      ['terminal:open', []],
      ['terminal:open', [{ cols: 80 }]],
      ['terminal:open', [{ cols: 80, rows: 24, env: { LD_PRELOAD: 'x' } }]],
      ['terminal:resize', [{ cols: -1, rows: 24 }]],
      ['terminal:write', [42]],
      ['terminal:write', ['x'.repeat(70_000)]],
      ['terminal:ack', [1.5]],
      ['terminal:catch-up', [-1]],
      ['run:run', [{ language: 'javascript' }]],
      ['settings:set', [{ relayUrl: 'javascript:alert(1)' }]],
      ['settings:set', [{ displayName: 'x'.repeat(65) }]],
      ['shell:open-external', [{ href: 'https://example.com' }]],
      ['app:info', ['extra']],
    ];
    for (const [call, args] of bad) {
      const reply = await ipc.invoke(call, from(mainFrame), ...args);
      expect(reply, `${call} ${JSON.stringify(args).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
    }
    expect(fake.untouched()).toBe(true);
  });

  it('has no handler for unknown calls', async () => {
    await expect(ipc.invoke('shell:exec', from(mainFrame), 'rm -rf /')).rejects.toThrow(/No handler/);
    expect(fake.untouched()).toBe(true);
  });

  it('passes host service errors on with their code; unexpected ones become internal', async () => {
    fake.terminal.open.mockRejectedValueOnce(new HostApiError('unavailable', 'no shell found'));
    expect(await ipc.invoke('terminal:open', from(mainFrame), { cols: 80, rows: 24 })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'no shell found' },
    });
    fake.target.getSettings.mockRejectedValueOnce(new Error('EACCES'));
    expect(await ipc.invoke('settings:get', from(mainFrame))).toEqual({ ok: false, error: { code: 'internal', message: 'EACCES' } });
  });

  it('accepts the dev server origin during development, and nothing else', async () => {
    const dev = new FakeIpcMain();
    let frame: SenderFrame = { url: 'http://localhost:5173/#/home', parent: null };
    registerIpcHandlers(dev, { mainFrame: () => frame, appUrl: 'http://localhost:5173/', target: () => fake.target });
    expect(await dev.invoke('app:info', from(frame))).toMatchObject({ ok: true });
    frame = { url: 'http://localhost:5174/', parent: null };
    expect(await dev.invoke('app:info', from(frame))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('removes every handler when disposed', () => {
    const other = new FakeIpcMain();
    const dispose = registerIpcHandlers(other, { mainFrame: () => mainFrame, appUrl, target: () => fake.target });
    dispose();
    expect(other.handlers.size).toBe(0);
  });
});
