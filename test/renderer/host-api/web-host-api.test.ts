import { WebSocket, WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebHostApi } from '../../../src/renderer/host-api/web-host-api';

/**
 * The web shell's HostApi against a host socket that misbehaves: a stand-in server on a
 * loopback port answers each request with garbage first, then the real reply.
 */
describe('web shell HostApi: what the host socket sends', () => {
  const original = (globalThis as { WebSocket?: unknown }).WebSocket;
  const servers: WebSocketServer[] = [];
  beforeAll(() => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  });
  afterAll(() => {
    (globalThis as { WebSocket?: unknown }).WebSocket = original;
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function hostSocket(answer: (socket: WebSocket, request: { id: number; call: string }) => void): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => socket.on('message', (data) => answer(socket, JSON.parse(String(data)))));
    return `ws://127.0.0.1:${(server.address() as { port: number }).port}/host`;
  }

  it('drops a message that is not JSON (or not an object) and keeps answering calls', async () => {
    const url = await hostSocket((socket, request) => {
      socket.send('{not json');
      socket.send('[1,2]');
      socket.send('{"event":"run:state","payload":{"$bytes":"%%%"}}');
      socket.send(JSON.stringify({ id: request.id, result: { name: 'Duet', version: '1', platform: 'linux', shell: 'web' } }));
    });
    const api = createWebHostApi(url);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      expect(await api.appInfo()).toMatchObject({ shell: 'web' });
      expect(await api.appInfo()).toMatchObject({ name: 'Duet' });
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => String(w).includes('unreadable message'))).toHaveLength(6);
  });

  it('ignores events the HostApi does not define', async () => {
    const url = await hostSocket((socket, request) => {
      socket.send(JSON.stringify({ event: '__proto__', payload: 1 }));
      socket.send(JSON.stringify({ event: 'run:state', payload: { status: 'idle' } }));
      socket.send(JSON.stringify({ id: request.id, result: { status: 'idle' } }));
    });
    const api = createWebHostApi(url);
    const states: unknown[] = [];
    api.run.onState((state) => states.push(state));
    expect(await api.run.current()).toEqual({ status: 'idle' });
    expect(states).toEqual([{ status: 'idle' }]);
  });
});
