import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { RawClient, withTimeout } from './support/raw-client';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'relay/cli.ts');
const children: ChildProcess[] = [];
/** Starting Node with tsx takes a second or two, much more on a loaded machine. */
const SPAWN_MS = 30_000;
const TEST_MS = 60_000;

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    // Detached children lead their own process group: take the whole group (npx, sh, tsx, node).
    try {
      process.kill(child.spawnargs[0] === 'npx' ? -child.pid : child.pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DUET_RELAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'duet-relay-')), ...extra };
}

/**
 * Spawns the CLI and resolves with its `relay listening` line. With `viaNpx` it runs as
 * documented (`npx tsx relay/cli.ts`) in a process group of its own, because npx does not
 * pass signals on: the test signals the group, as a terminal's Ctrl-C does. Otherwise it
 * runs under Node with tsx's loader, one process.
 */
async function spawnRelay(args: string[], extraEnv: Record<string, string> = {}, viaNpx = false) {
  const child = viaNpx
    ? spawn('npx', ['tsx', cli, ...args], { cwd: root, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const logged: string[] = [];
  const entries: Record<string, unknown>[] = [];
  const output = {
    messages: () => logged,
    entries: () => entries,
    closed: new Promise<void>((done) => lines.once('close', done)),
  };
  const listening = await withTimeout(
    new Promise<{ url: string; port: number; msg: string }>((resolveLine, reject) => {
      lines.on('line', (line) => {
        const entry = JSON.parse(line) as { msg: string; url: string; port: number };
        logged.push(entry.msg);
        entries.push(entry);
        if (entry.msg === 'relay listening') resolveLine(entry);
      });
      child.once('exit', (code) => reject(new Error(`relay exited early with ${code}`)));
    }),
    SPAWN_MS,
    'relay listening',
  );
  const exited = new Promise<{ code: number | null; at: number }>((done) =>
    child.once('exit', (code) => done({ code, at: Date.now() })),
  );
  return { child, listening, exited, output };
}

describe('relay CLI', () => {
  it('npx tsx relay/cli.ts: one JSON listening line, /healthz, and SIGTERM closes members with 1001 and stops', async () => {
    const { child, listening, exited, output } = await spawnRelay(['--port', '0', '--host', '127.0.0.1'], {}, true);
    expect(listening.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(listening.port).toBeGreaterThan(0);
    const health = await fetch(`http://127.0.0.1:${listening.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');

    const member = await RawClient.connect(listening.url);
    member.hello({ intent: 'create', name: 'Hana' });
    await member.waitFor('welcome');
    const sentAt = Date.now();
    process.kill(-child.pid!, 'SIGTERM');
    expect(await member.waitForClose()).toEqual({
      code: CLOSE_CODES['server-shutting-down'],
      reason: 'server-shutting-down',
    });
    await withTimeout(exited, 10_000, 'exit');
    await withTimeout(output.closed, 5_000, 'relay output to end');
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(output.messages()).toContain('relay closed');
    await expect(fetch(`http://127.0.0.1:${listening.port}/healthz`)).rejects.toThrow();
  }, TEST_MS);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`reads DUET_RELAY_* env vars, and exits 0 on ${signal}`, async () => {
      const { child, listening, exited } = await spawnRelay([], { DUET_RELAY_PORT: '0', DUET_RELAY_GRACE_MS: '1234' });
      const host = await RawClient.connect(listening.url);
      host.hello({ intent: 'create', name: 'Hana' });
      expect((await host.waitFor('welcome')).limits.reconnectGraceMs).toBe(1234);
      const sentAt = Date.now();
      child.kill(signal);
      expect((await withTimeout(exited, 10_000, 'exit')).code).toBe(0);
      expect(Date.now() - sentAt).toBeLessThan(5_000);
      expect((await host.waitForClose()).code).toBe(CLOSE_CODES['server-shutting-down']);
    }, TEST_MS);
  }

  it('tells a parent that forked it where it listens, over IPC', async () => {
    const child = fork(cli, ['--port', '0', '--log-level', 'silent'], {
      cwd: root,
      env: env(),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    children.push(child);
    const message = await withTimeout(
      new Promise<unknown>((done) => child.once('message', done)),
      SPAWN_MS,
      'listening message',
    );
    expect(message).toEqual({ type: 'listening', url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/), port: expect.any(Number) });
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    // The embedded relay must not outlive its parent: dropping the IPC channel stops it.
    child.disconnect();
    expect(await withTimeout(exited, 10_000, 'exit')).toBe(0);
  }, TEST_MS);

  it('refuses contradictory options with a precise message and exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--tls-cert', '/nonexistent.pem'], {
      cwd: root,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await withTimeout(new Promise<number | null>((done) => child.once('exit', done)), SPAWN_MS, 'exit');
    expect(code).toBe(1);
    // One plain line for the operator, no stack trace.
    expect(err).toBe('relay: invalid configuration: tlsCert is set but tlsKey is not: TLS needs both a certificate and its key\n');
    expect(out).toBe('');
  }, TEST_MS);

  /** Runs the CLI to its end and returns what it printed. */
  async function runToExit(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await withTimeout(new Promise<number | null>((done) => child.once('close', done)), SPAWN_MS, 'exit');
    return { code, out, err };
  }

  it('a port already in use: one plain line naming the port and how to pick another, exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as AddressInfo).port;
    try {
      expect(await runToExit(['--port', String(port)])).toEqual({
        code: 1,
        out: '',
        err: `relay: port ${port} is in use; pick another with --port or DUET_RELAY_PORT\n`,
      });
    } finally {
      taken.close();
    }
  }, TEST_MS);

  it('a --host this machine does not have: one plain line, exit 1', async () => {
    // 192.0.2.0/24 is TEST-NET-1, documentation only: never a local address.
    expect(await runToExit(['--port', '0', '--host', '192.0.2.1'])).toEqual({
      code: 1,
      out: '',
      err: 'relay: cannot listen on 192.0.2.1: address not available on this machine\n',
    });
  }, TEST_MS);

  it('a TLS file that is not there: one plain line naming it, exit 1', async () => {
    expect(await runToExit(['--port', '0', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem'])).toEqual({
      code: 1,
      out: '',
      err: 'relay: cannot read /nonexistent/cert.pem: no such file\n',
    });
  }, TEST_MS);

  it('warns at start when --web-root is missing, and logs whether it trusts X-Forwarded-For', async () => {
    const missing = join(tmpdir(), 'duet-no-such-web-root');
    const { child, output, exited } = await spawnRelay(['--port', '0', '--web-root', missing, '--trust-proxy']);
    const warning = output.entries().find((entry) => entry['level'] === 40);
    expect(warning).toMatchObject({ webRoot: missing, msg: expect.stringContaining(`web root ${missing} is not a folder`) });
    await withTimeout(
      (async () => {
        while (!output.messages().includes('relay listening')) await new Promise((done) => setTimeout(done, 20));
      })(),
      5_000,
      'relay listening line',
    );
    expect(output.entries().find((entry) => entry['msg'] === 'relay listening')).toMatchObject({ trustProxy: true, webRoot: missing });
    child.kill('SIGTERM');
    expect((await withTimeout(exited, 10_000, 'exit')).code).toBe(0);
  }, TEST_MS);

  it('says trustProxy is off when it is', async () => {
    const { child, output, exited } = await spawnRelay(['--port', '0', '--web-root', '']);
    child.kill('SIGTERM');
    expect((await withTimeout(exited, 10_000, 'exit')).code).toBe(0);
    await withTimeout(output.closed, 5_000, 'relay output to end');
    expect(output.entries().find((entry) => entry['msg'] === 'relay listening')).toMatchObject({ trustProxy: false, webRoot: null });
    expect(output.entries().filter((entry) => entry['level'] === 40)).toEqual([]);
  }, TEST_MS);
});
