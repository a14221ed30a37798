import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Child processes the tests drive (end-to-end and relay restarts): the relay (serving the built renderer to browser
 * guests) and the web shell (the host's Duet in Chromium). Each runs as one `node
 * --import tsx` process, so stopping it by its own pid stops exactly it.
 */
const root = resolve(import.meta.dirname, '../..');

/** The relay's HMAC secret in tests: fixed, so a restarted relay accepts the old resume tokens. */
export const RELAY_SECRET = 'duet-e2e-secret-0123456789abcdef';

export interface RelayProcess {
  /** ws://127.0.0.1:PORT/ws */
  url: string;
  port: number;
  /** http://127.0.0.1:PORT — where browser guests open Duet. */
  httpUrl: string;
  dataDir: string;
  pid: number;
  /** Its `--node-id` in a cluster ('' for a single relay). */
  nodeId: string;
  /** Kills the relay like a crash (SIGKILL) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Stops it gracefully (SIGTERM). */
  stop(): Promise<void>;
}

export interface WebShellProcess {
  /** http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `duet-e2e-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Starts a relay on `port` (0: any free port); resolves once it logs "relay listening".
 * `args` adds (or, being later, overrides) flags.
 */
export async function startRelay(options: { dataDir: string; port?: number; args?: string[] }): Promise<RelayProcess> {
  const child = spawnTs('relay/cli.ts', [
    '--port', String(options.port ?? 0),
    '--host', '127.0.0.1',
    '--data-dir', options.dataDir,
    '--secret', RELAY_SECRET,
    '--web-root', join(root, 'out/renderer'),
    // Every test connects from 127.0.0.1, as people behind one NAT do: lift the per-address limits.
    '--joins-per-minute', '100000',
    '--max-knocks-per-ip', '1000',
    '--max-sessions-per-ip', '1000',
    // Notice a silently vanished peer (context.setOffline) in seconds, not the default ~30 s.
    '--heartbeat-ms', '2000',
    ...(options.args ?? []),
  ]);
  const line = await waitForLine(child, 'relay', (text) => text.includes('relay listening'));
  const { url, port, cluster } = JSON.parse(line) as { url: string; port: number; cluster: { nodeId: string } | null };
  return {
    url,
    port,
    nodeId: cluster?.nodeId ?? '',
    httpUrl: `http://127.0.0.1:${port}`,
    dataDir: options.dataDir,
    pid: child.pid!,
    kill: () => stopChild(child, 'SIGKILL'),
    stop: () => stopChild(child, 'SIGTERM'),
  };
}

/** Starts the web shell against `relayUrl`; resolves with the URL it prints. */
export async function startWebShell(options: { relayUrl: string; dataDir: string }): Promise<WebShellProcess> {
  const child = spawnTs('src/web/cli.ts', ['--port', '0', '--relay', options.relayUrl, '--data-dir', options.dataDir]);
  const line = await waitForLine(child, 'web shell', (text) => text.includes('Duet is running at'));
  const url = /(https?:\/\/\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`web shell printed no URL: ${line}`);
  return { url, pid: child.pid!, stop: () => stopChild(child, 'SIGTERM') };
}

function spawnTs(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the first stdout/stderr line matching `match`; rejects if the process exits first. */
function waitForLine(child: ChildProcess, what: string, match: (line: string) => boolean, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const seen: string[] = [];
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        seen.push(line);
        if (match(line)) {
          cleanup();
          // Keep draining output so the child never blocks on a full pipe.
          child.stdout?.resume();
          child.stderr?.resume();
          return resolvePromise(line);
        }
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${what} exited (${code}) before it was ready:\n${seen.join('\n')}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} not ready after ${timeoutMs} ms:\n${seen.join('\n')}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** Signals the child by its own pid and waits for it to exit (SIGKILL after 10 s). */
function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill(signal);
  });
}
