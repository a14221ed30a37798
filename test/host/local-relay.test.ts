import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRelay } from '../../src/host/local-relay';

/** Stand-in relays (plain .mjs, no tsx) so each start path is fast and deterministic. */
const scripts = {
  ipc: `import { createServer } from 'node:net';
const server = createServer().listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  process.send({ type: 'listening', url: 'ws://127.0.0.1:' + port + '/ws', port, args: process.argv.slice(2) });
});
process.on('SIGTERM', () => process.exit(0));`,
  logLine: `console.log(JSON.stringify({ level: 30, url: 'ws://127.0.0.1:4567/ws', port: 4567, msg: 'relay listening' }));
setInterval(() => {}, 1000);`,
  crash: `console.error('boom: port in use'); process.exit(3);`,
  silent: `setInterval(() => {}, 1000);`,
  stubborn: `process.on('SIGTERM', () => {}); process.send({ type: 'listening', url: 'ws://127.0.0.1:1/ws', port: 1 }); setInterval(() => {}, 1000);`,
};

describe('embedded relay launcher', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duet-relay-'));
    for (const [name, source] of Object.entries(scripts)) await writeFile(join(dir, `${name}.mjs`), source);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('resolves with the URL the relay announces over IPC, passing loopback flags, and stops it', async () => {
    const relay = await startLocalRelay({ script: join(dir, 'ipc.mjs'), dataDir: join(dir, 'data'), webRoot: '/srv/web' });
    expect(relay.url).toBe(`ws://127.0.0.1:${relay.port}/ws`);
    const listening = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(true)).listen(relay.port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    expect(listening).toBe(true);
    await relay.stop();
    await relay.exited;
  });

  it('accepts the relay listening log line on stdout', async () => {
    const relay = await startLocalRelay({ script: join(dir, 'logLine.mjs'), dataDir: dir });
    expect(relay).toMatchObject({ url: 'ws://127.0.0.1:4567/ws', port: 4567 });
    await relay.stop();
  });

  it('rejects with relay-exited when the relay dies first, passing on its stderr', async () => {
    const lines: string[] = [];
    await expect(startLocalRelay({ script: join(dir, 'crash.mjs'), dataDir: dir, onLog: (l) => lines.push(l) })).rejects.toMatchObject({
      code: 'relay-exited',
      message: expect.stringContaining('code 3'),
    });
    expect(lines).toContain('boom: port in use');
  });

  it('rejects with relay-timeout and kills a relay that never says it listens', async () => {
    await expect(startLocalRelay({ script: join(dir, 'silent.mjs'), dataDir: dir, startTimeoutMs: 300 })).rejects.toMatchObject({ code: 'relay-timeout' });
  });

  it('kills a relay that ignores SIGTERM after the grace period', async () => {
    const relay = await startLocalRelay({ script: join(dir, 'stubborn.mjs'), dataDir: dir });
    const started = Date.now();
    await relay.stop(200);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
