import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from './support/fixture';

const root = resolve(import.meta.dirname, '../..');
const SHUTDOWN_TIMEOUT_MS = 500;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A relay whose stdout is a pipe to this test; resolves with its URL from the first line. */
async function relayWithPipedLog(logLevel = 'info'): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; at: number }> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'duet-relay-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'relay/cli.ts'), '--port', '0', '--shutdown-timeout-ms', String(SHUTDOWN_TIMEOUT_MS), '--data-dir', dataDir, '--log-level', logLevel],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const exited = new Promise<{ code: number | null; at: number }>((done) => child.once('exit', (code) => done({ code, at: Date.now() })));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((done) => lines.once('line', done));
  lines.close();
  return { child, url: (JSON.parse(first) as { url: string }).url, exited };
}

async function expectPromptExit(child: ChildProcess, exited: Promise<{ code: number | null; at: number }>): Promise<void> {
  const signalled = Date.now();
  child.kill('SIGTERM');
  const { code, at } = await exited;
  expect(at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
  expect(code).toBe(0);
}

describe('relay shutdown with a log reader that is gone or stuck', () => {
  it('SIGTERM exits within --shutdown-timeout-ms + 1 s when the reader left after one line (`| head -1`)', async () => {
    const { child, exited } = await relayWithPipedLog();
    child.stdout!.destroy();
    await new Promise((r) => setTimeout(r, 300));
    await expectPromptExit(child, exited);
  }, 30_000);

  it('… and when the relay logged more after the reader left', async () => {
    const { child, url, exited } = await relayWithPipedLog();
    child.stdout!.destroy();
    const joiner = await connect(url);
    joiner.hello({ intent: 'join', code: 'ZZZZ-ZZZZ-ZZZZ' });
    await joiner.waitForClose();
    await expectPromptExit(child, exited);
  }, 30_000);

  it('… and when the reader stopped reading and the pipe is full', async () => {
    const { child, url, exited } = await relayWithPipedLog('debug');
    child.stdout!.pause();
    // Each connection logs a few lines: far more than a pipe buffer (64 KiB) holds.
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 100 }, async () => (await connect(url)).terminate()));
    }
    await expectPromptExit(child, exited);
  }, 30_000);
});
