import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOutputFrame } from '../../src/shared/host-api/host-socket-protocol';
import { waitUntil } from '../support/wait';
import { HostClient, tryConnect } from './web-shell-harness';

const cli = resolve(import.meta.dirname, '../../src/web/cli.ts');
const tsx = import.meta.resolve('tsx');

interface Launched {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function launch(args: string[], env: Record<string, string> = {}): Launched {
  let stdout = '';
  let stderr = '';
  const child = fork(cli, args, { execArgv: ['--import', tsx], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...env } });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

describe('npm run web (src/web/cli.ts)', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duet-cli-'));
    rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Duet</title>');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one URL with a token, serves a real terminal to that page, and stops cleanly on SIGTERM', async () => {
    const web = launch(['--port', '0', '--relay', 'ws://127.0.0.1:9/ws', '--data-dir', join(dir, 'data'), '--renderer-dir', rendererDir]);
    try {
      const ready = await new Promise<{ type: string; url: string; relay: string }>((done) => web.child.once('message', (m) => done(m as never)));
      expect(ready.type).toBe('ready');
      expect(ready.relay).toBe('ws://127.0.0.1:9/ws');
      await waitUntil(() => web.stdout().includes('\n'), 5_000, 'printed line');
      await waitUntil(() => web.stdout().includes('guests join at'), 5_000, 'the relay line');
      // The URL with its token, then where guests join the configured relay.
      expect(web.stdout()).toMatch(
        /^Duet is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}\nRelay: ws:\/\/127\.0\.0\.1:9\/ws — guests join at http:\/\/127\.0\.0\.1:9\/ \(or with the code in their Duet app\)\n$/,
      );
      const url = new URL(ready.url);
      const token = url.searchParams.get('token')!;

      const { socket } = await tryConnect(`ws://127.0.0.1:${url.port}/host?token=${token}`, { Origin: url.origin });
      const client = new HostClient(socket!);
      expect(await client.call('relay:local')).toBeNull();
      await client.call('terminal:open', { cols: 80, rows: 24 });
      await client.call('terminal:write', 'echo duet-$((6*7))\r');
      await waitUntil(
        () => client.frames.map((f) => Buffer.from(decodeOutputFrame(new Uint8Array(f))!.data).toString()).join('').includes('duet-42'),
        10_000,
        'echo output from the real shell',
      );
    } finally {
      web.child.kill('SIGTERM');
    }
    expect(await web.exited).toBe(0);
  });

  it('starts an embedded relay without --relay, reports it to the page, and stops it on exit', async () => {
    const web = launch(['--port', '0', '--data-dir', join(dir, 'embedded'), '--renderer-dir', rendererDir]);
    let relayUrl: string;
    try {
      const ready = await new Promise<{ url: string; relay: string }>((done) => web.child.once('message', (m) => done(m as never)));
      relayUrl = ready.relay;
      expect(relayUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
      const url = new URL(ready.url);
      const { socket } = await tryConnect(`ws://127.0.0.1:${url.port}/host?token=${url.searchParams.get('token')}`, { Origin: url.origin });
      const client = new HostClient(socket!);
      expect(await client.call('relay:local')).toEqual({ url: relayUrl });
      expect(await client.call('settings:get')).toEqual({ displayName: '', relayUrl: '' });
      const relaySocket = await tryConnect(relayUrl);
      expect(relaySocket.status).toBe(101);
      relaySocket.socket?.close();
    } finally {
      web.child.kill('SIGTERM');
    }
    expect(await web.exited).toBe(0);
    await expect(tryConnect(relayUrl)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses to listen anywhere but loopback', async () => {
    const web = launch(['--port', '0', '--host', '0.0.0.0', '--relay', 'ws://127.0.0.1:9/ws', '--renderer-dir', rendererDir, '--data-dir', join(dir, 'data')]);
    expect(await web.exited).not.toBe(0);
    expect(web.stderr()).toContain('only listens on 127.0.0.1');
  });

  it('says to run `npm run build` when there is no built renderer', async () => {
    const web = launch(['--port', '0', '--relay', 'ws://127.0.0.1:9/ws', '--renderer-dir', join(dir, 'missing'), '--data-dir', join(dir, 'data')]);
    expect(await web.exited).toBe(1);
    expect(web.stderr()).toContain('npm run build');
  });
});
