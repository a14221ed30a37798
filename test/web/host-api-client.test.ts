import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HostApiError, type HostApi, type TerminalChunk } from '../../src/shared/host-api';
import { createWebHostApi, hostSocketUrl } from '../../src/renderer/host-api/web-host-api';
import { nextEvent, waitUntil } from '../support/wait';
import { startHarness, type Harness } from './web-shell-harness';

/**
 * The renderer's web-shell HostApi against a real web shell. Node 20 has no WebSocket
 * global; `ws` stands in for the browser's, sending the page's Origin as Chromium would.
 */
class BrowserLikeWebSocket extends WebSocket {
  static origin = '';
  constructor(url: string) {
    super(url, { headers: { Origin: BrowserLikeWebSocket.origin } });
  }
}

describe('web shell HostApi (renderer side)', () => {
  let harness: Harness;
  let api: HostApi;
  const original = (globalThis as { WebSocket?: unknown }).WebSocket;
  beforeAll(() => {
    (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
  });
  afterAll(() => {
    (globalThis as { WebSocket?: unknown }).WebSocket = original;
  });
  beforeEach(async () => {
    harness = await startHarness();
    BrowserLikeWebSocket.origin = harness.origin;
    api = createWebHostApi(hostSocketUrl({ protocol: 'http:', host: `127.0.0.1:${harness.shell.port}` }, harness.shell.token));
  });
  afterEach(() => harness.stop());

  it('builds the socket URL from the page location', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:5170' }, 'a+b/c')).toBe('ws://127.0.0.1:5170/host?token=a%2Bb%2Fc');
    expect(hostSocketUrl({ protocol: 'https:', host: 'duet.local' }, 't')).toBe('wss://duet.local/host?token=t');
  });

  it('answers every kind of call', async () => {
    expect(await api.appInfo()).toMatchObject({ name: 'Duet', shell: 'web' });
    expect(await api.setSettings({ displayName: 'Ada' })).toMatchObject({ displayName: 'Ada' });
    expect(await api.getSettings()).toMatchObject({ displayName: 'Ada' });
    expect(await api.localRelay()).toBeNull();
    expect(await api.terminal.open({ cols: 80, rows: 24 })).toMatchObject({ running: true });
    const catchUp = await api.terminal.catchUp(0);
    expect(catchUp.kind === 'bytes' && [...catchUp.data]).toEqual([104, 105, 0, 255]);
    expect(await api.run.presets()).toEqual([expect.objectContaining({ language: 'javascript' })]);
  });

  it('rejects with a HostApiError carrying the code', async () => {
    const refused = await api.openExternal('file:///etc/passwd').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HostApiError);
    expect(refused).toMatchObject({ code: 'forbidden' });
    await expect(api.terminal.resize({ cols: 0, rows: 0 })).rejects.toMatchObject({ code: 'bad-argument' });
  });

  it('delivers terminal output and run state events to subscribers', async () => {
    const output = nextEvent<TerminalChunk>((listener) => api.terminal.onOutput(listener), 3_000, 'output');
    await api.terminal.open({ cols: 80, rows: 24 });
    harness.created[0]!.emitOutput({ seq: 12, data: new TextEncoder().encode('héllo') });
    const chunk = await output;
    expect(chunk.seq).toBe(12);
    expect(new TextDecoder().decode(chunk.data)).toBe('héllo');
    const state = nextEvent((listener) => api.run.onState(listener), 3_000, 'run state');
    harness.created[0]!.emitRunState({ status: 'idle' });
    expect(await state).toEqual({ status: 'idle' });
  });

  it('rejects calls with unavailable when the token is wrong', async () => {
    const stale = createWebHostApi(hostSocketUrl({ protocol: 'http:', host: `127.0.0.1:${harness.shell.port}` }, 'stale-token'));
    await expect(stale.appInfo()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('open the URL it printed') });
  });

  it('reconnects for its subscribers after the connection drops', async () => {
    const received: TerminalChunk[] = [];
    api.terminal.onOutput((chunk) => received.push(chunk));
    await api.terminal.open({ cols: 80, rows: 24 });
    const closed = harness.shell.close();
    // A new web shell on the same port and token stands for "the shell is back".
    const port = harness.shell.port;
    const token = harness.shell.token;
    await closed;
    const back = await startHarness({ port, token });
    try {
      await expect.poll(() => api.appInfo().then(() => true, () => false), { timeout: 5_000 }).toBe(true);
      await api.terminal.open({ cols: 80, rows: 24 });
      back.created[0]!.emitOutput({ seq: 1, data: new Uint8Array([65]) });
      await waitUntil(() => received.length > 0, 3_000, 'output after reconnect');
    } finally {
      await back.stop();
    }
  });
});
