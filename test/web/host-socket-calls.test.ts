import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_SOCKET_MAX_MESSAGE_BYTES, decodeOutputFrame } from '../../src/shared/host-api/host-socket-protocol';
import { waitUntil } from '../support/wait';
import { HostClient, startHarness, type Harness } from './web-shell-harness';

describe('web shell host calls', () => {
  let harness: Harness;
  let client: HostClient;
  beforeEach(async () => {
    harness = await startHarness({ servicesIdleMs: 50 });
    client = await HostClient.connect(harness);
  });
  afterEach(() => harness.stop());

  it('tells the page it runs in the web shell', async () => {
    expect(await client.call('app:info')).toEqual({ name: 'Duet', version: '9.9.9', platform: process.platform, shell: 'web' });
  });

  it('remembers settings on disk, with the configured relay as the default address', async () => {
    expect(await client.call('settings:get')).toEqual({ displayName: '', relayUrl: 'ws://relay.example:8080/ws' });
    expect(await client.call('settings:set', { displayName: 'Ada' })).toEqual({ displayName: 'Ada', relayUrl: 'ws://relay.example:8080/ws' });
    expect(await client.call('settings:get')).toMatchObject({ displayName: 'Ada' });
    const saved = JSON.parse(await readFile(join(harness.dir, 'data/settings.json'), 'utf8')) as Record<string, unknown>;
    expect(saved.displayName).toBe('Ada');
  });

  it('reports no local relay when one was configured', async () => {
    expect(await client.call('relay:local')).toBeNull();
  });

  it('opens only http(s) links externally', async () => {
    await client.call('shell:open-external', 'https://example.com/docs');
    await expect(client.call('shell:open-external', 'file:///etc/passwd')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(client.call('shell:open-external', 'javascript:alert(1)')).rejects.toMatchObject({ code: 'forbidden' });
    expect(harness.opened).toEqual(['https://example.com/docs']);
  });

  it('answers hostile calls with bad-argument and keeps serving the same socket', async () => {
    const hostile: Array<[unknown, unknown]> = [
      ['no-such-call', []],
      ['__proto__', []],
      [42, []],
      ['terminal:open', [{ cols: '80', rows: 24 }]],
      ['terminal:open', [{ cols: 80, rows: 24, shell: '/bin/evil' }]],
      ['terminal:resize', [{ cols: 1e9, rows: 1 }]],
      ['terminal:write', [{ toString: 'x' }]],
      ['terminal:write', ['x'.repeat(64 * 1024 + 1)]],
      ['run:run', [{ language: 'cobol', source: '' }]],
      ['settings:set', [{ relayUrl: 'http://not-a-relay' }]],
      ['app:info', 'not-an-array'],
      ['app:info', [1, 2, 3]],
    ];
    for (const [call, args] of hostile) {
      const reply = await client.request(call, args);
      expect(reply.error, JSON.stringify([call, args]).slice(0, 80)).toMatchObject({ code: 'bad-argument' });
    }
    // Nothing hostile reached a host service.
    expect(harness.created.flatMap((s) => s.calls)).toEqual([]);
    expect(await client.call('app:info')).toMatchObject({ shell: 'web' });
  });

  it('closes only the socket that sends something that is not a request', async () => {
    const other = await HostClient.connect(harness);
    client.socket.send('{ not json');
    expect((await client.closed).code).toBe(1008);
    expect(await other.call('app:info')).toMatchObject({ shell: 'web' });
    const third = await HostClient.connect(harness);
    third.socket.send(Buffer.from([1, 2, 3]));
    expect((await third.closed).code).toBe(1003);
    const fourth = await HostClient.connect(harness);
    fourth.socket.send(JSON.stringify({ call: 'app:info', args: [] }));
    expect((await fourth.closed).code).toBe(1008);
    expect(await other.call('settings:get')).toBeTruthy();
  });

  it('closes a socket that sends an oversized message with 1009, and keeps serving others', async () => {
    const other = await HostClient.connect(harness);
    client.socket.send(JSON.stringify({ id: 1, call: 'terminal:write', args: ['x'.repeat(HOST_SOCKET_MAX_MESSAGE_BYTES + 1)] }));
    expect((await client.closed).code).toBe(1009);
    expect(await other.call('app:info')).toMatchObject({ shell: 'web' });
  });

  it('creates host services on the first terminal call and forwards calls and events', async () => {
    expect(harness.created).toHaveLength(0);
    const info = await client.call('terminal:open', { cols: 100, rows: 30 });
    expect(info).toMatchObject({ cols: 100, rows: 30, running: true });
    await client.call('terminal:write', 'echo hi\r');
    await client.call('run:run', { language: 'python', source: 'print(1)' });
    const services = harness.created[0]!;
    expect(harness.created).toHaveLength(1);
    expect(services.calls).toEqual([
      ['open', [{ cols: 100, rows: 30 }]],
      ['write', ['echo hi\r']],
      ['run', [{ language: 'python', source: 'print(1)' }]],
    ]);

    services.emitOutput({ seq: 2 ** 40 + 5, data: new Uint8Array([104, 105]) });
    const frame = await waitUntil(() => client.frames[0], 2_000, 'output frame');
    const chunk = decodeOutputFrame(new Uint8Array(frame));
    expect(chunk?.seq).toBe(2 ** 40 + 5);
    expect(Buffer.from(chunk!.data).toString()).toBe('hi');

    services.emitRunState({ status: 'running', language: 'python', command: 'python3 main.py', startedAt: 1 });
    await waitUntil(() => client.events.length > 0, 2_000, 'run state event');
    expect(client.events[0]).toEqual({ event: 'run:state', payload: { status: 'running', language: 'python', command: 'python3 main.py', startedAt: 1 } });
  });

  it('sends catch-up bytes intact inside JSON', async () => {
    const catchUp = (await client.call('terminal:catch-up', 7)) as { kind: string; seq: number; data: Uint8Array };
    expect(catchUp.kind).toBe('bytes');
    expect([...catchUp.data]).toEqual([104, 105, 0, 255]);
  });

  it('disposes host services when the last page has been gone a while, and on close', async () => {
    await client.call('terminal:open', { cols: 80, rows: 24 });
    const first = harness.created[0]!;
    client.close();
    await waitUntil(() => first.disposed, 2_000, 'idle dispose');
    expect(first.listenerCount).toBe(0);

    const again = await HostClient.connect(harness);
    await again.call('terminal:open', { cols: 80, rows: 24 });
    const second = harness.created[1]!;
    expect(second.disposed).toBe(false);
    await harness.shell.close();
    expect(second.disposed).toBe(true);
  });
});
