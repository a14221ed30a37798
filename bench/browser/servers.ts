import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from '@playwright/test';
import type { RelayProcess } from '../relays/child';
import { buildDuetIfStale, startDuetRelay } from '../relays/duet';

export { buildDuetIfStale };

const root = resolve(import.meta.dirname, '../..');

/** The Duet relay serving the built renderer to browser guests, as the e2e tests start it. */
export async function startServingRelay(): Promise<{ relay: RelayProcess; url: string; httpUrl: string }> {
  const relay = await startDuetRelay({ flags: { 'web-root': join(root, 'out/renderer'), 'joins-per-minute': 100_000 } });
  return { relay, url: `ws://127.0.0.1:${relay.port}/ws`, httpUrl: `http://127.0.0.1:${relay.port}` };
}

/** The web shell (the host's Duet) using `relayUrl`; resolves with the URL it prints. */
export async function startWebShell(relayUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'duet-bench-shell-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/web/cli.ts'), '--port', '0', '--relay', relayUrl, '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DUET_SKIP_BUILD: '1' },
  });
  const seen: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    const onLine = (line: string) => {
      seen.push(line);
      const found = /Duet is running at (\S+)/.exec(line)?.[1];
      if (found) done(found);
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => fail(new Error(`web shell exited (${code}) before it was ready:\n${seen.join('\n')}`)));
    setTimeout(() => fail(new Error(`web shell not ready after 30 s:\n${seen.join('\n')}`)), 30_000).unref();
  });
  return { url, stop: () => stopChild(child) };
}

/** Debian's Chromium with the e2e tests' flags (playwright.config.ts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
