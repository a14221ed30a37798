import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodeOutputFrame } from '../../src/shared/host-api/host-socket-protocol';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { RawClient, withTimeout } from '../relay/support/raw-client';
import { waitUntil } from '../support/wait';
import { HostClient, tryConnect } from '../web/web-shell-harness';

/**
 * `npm run relay` and `npm run web` as an operator runs them, stopped the way a process
 * manager stops them: SIGTERM to the npm process only. npm passes the signal to its child
 * shell alone, so the scripts `exec` the server in place of the shell (Debian's dash does not
 * on its own); without that the server outlived npm.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'duet-npm-signals-'));
const SPAWN_MS = 45_000;
const TEST_MS = 90_000;
const launched: ChildProcess[] = [];

afterEach(() => {
  for (const npm of launched.splice(0)) {
    // Each npm leads its own process group; anything of it still alive after a failed test goes.
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run <script> -- <args>`, its stdout lines as they come, and its exit. */
function npmRun(script: string, args: string[], env: Record<string, string>) {
  const npm = spawn('npm', ['run', script, '--', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  launched.push(npm);
  const lines: string[] = [];
  createInterface({ input: npm.stdout! }).on('line', (line) => lines.push(line));
  let stderr = '';
  npm.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => npm.once('exit', (code) => done(code)));
  const line = (pattern: RegExp): Promise<RegExpMatchArray> =>
    withTimeout(
      (async () => {
        for (;;) {
          const match = lines.map((text) => text.match(pattern)).find((found) => found !== null);
          if (match) return match;
          if (npm.exitCode !== null) throw new Error(`npm run ${script} exited early: ${stderr}`);
          await new Promise((done) => setTimeout(done, 25));
        }
      })(),
      SPAWN_MS,
      `npm run ${script}: ${pattern}`,
    );
  return { npm, exited, line, stderr: () => stderr };
}

/** True while any process of npm's group (npm, sh, node) is alive. */
function groupAlive(npm: ChildProcess): boolean {
  try {
    process.kill(-npm.pid!, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('SIGTERM to the npm process stops the server', () => {
  it('npm run relay: members are closed with 1001, /healthz goes down, npm exits 0, nothing is left', async () => {
    const run = npmRun('relay', ['--port', '0', '--host', '127.0.0.1', '--web-root', ''], {
      DUET_RELAY_DATA_DIR: join(dir, 'relay'),
    });
    const [, port] = await run.line(/"port":(\d+).*"msg":"relay listening"/);
    const member = await RawClient.connect(`ws://127.0.0.1:${port}/ws`);
    member.hello({ intent: 'create', name: 'Hana' });
    await member.waitFor('welcome');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    run.npm.kill('SIGTERM');
    expect(await withTimeout(member.waitForClose(), 10_000, 'member closed')).toEqual({
      code: CLOSE_CODES['server-shutting-down'],
      reason: 'server-shutting-down',
    });
    expect(await withTimeout(run.exited, 10_000, 'npm exit')).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await waitUntil(() => !groupAlive(run.npm), 5_000, 'no process of npm run relay left');
  }, TEST_MS);

  it('npm run web: the embedded relay and the terminal stop with it, npm exits 0', async () => {
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Duet</title>');
    // The test serves its own renderer, so the build check (which may rebuild for a minute) is skipped.
    const run = npmRun('web', ['--port', '0', '--data-dir', join(dir, 'web'), '--renderer-dir', renderer], { DUET_SKIP_BUILD: '1' });
    const [, pageUrl] = await run.line(/^Duet is running at (\S+)$/);
    const [, relayPort] = await run.line(/^Embedded relay: ws:\/\/127\.0\.0\.1:(\d+)\/ws/);
    const url = new URL(pageUrl!);
    const { socket } = await tryConnect(`ws://127.0.0.1:${url.port}/host?token=${url.searchParams.get('token')}`, { Origin: url.origin });
    const client = new HostClient(socket!);
    await client.call('terminal:open', { cols: 80, rows: 24 });
    await client.call('terminal:write', 'echo shell-pid=$$\r');
    const output = (): string => client.frames.map((f) => Buffer.from(decodeOutputFrame(new Uint8Array(f))!.data).toString()).join('');
    await waitUntil(() => /shell-pid=\d+/.test(output()), 10_000, 'the shell in the pty says its pid');
    const shellPid = Number(/shell-pid=(\d+)/.exec(output())![1]);
    expect(isAlive(shellPid)).toBe(true);

    run.npm.kill('SIGTERM');
    expect(await withTimeout(run.exited, 15_000, 'npm exit')).toBe(0);
    await expect(fetch(`http://127.0.0.1:${relayPort}/healthz`)).rejects.toThrow();
    await expect(fetch(url.origin)).rejects.toThrow();
    await waitUntil(() => !isAlive(shellPid), 5_000, 'the pty shell to be gone');
    await waitUntil(() => !groupAlive(run.npm), 5_000, 'no process of npm run web left');
  }, TEST_MS);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
