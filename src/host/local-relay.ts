import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How to start the embedded relay (relay/cli.ts under tsx, or Electron's built out/main/relay.js). */
export interface LocalRelayOptions {
  /** The relay's CLI script. */
  script: string;
  /** The relay's data dir (e.g. <data-dir>/relay). */
  dataDir: string;
  /** Built renderer to serve to browser guests; omitted when there is no build. */
  webRoot?: string;
  /** Node flags for the child, e.g. ['--import', <tsx>] to run TypeScript. */
  execArgv?: string[];
  /** Binary to run the script with (default: this process's). */
  execPath?: string;
  /** Extra environment, e.g. ELECTRON_RUN_AS_NODE=1. */
  env?: Record<string, string>;
  /** Give up when the relay has not said it listens by then (default 15 s). */
  startTimeoutMs?: number;
  /** Gets the relay's stderr lines (default: dropped). */
  onLog?: (line: string) => void;
}

export interface LocalRelay {
  /** ws://127.0.0.1:PORT/ws */
  url: string;
  port: number;
  /** Resolves when the child has exited (for any reason). */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Error with a code, for the shells to report plainly. */
export class LocalRelayError extends Error {
  constructor(
    readonly code: 'relay-exited' | 'relay-timeout',
    message: string,
  ) {
    super(message);
    this.name = 'LocalRelayError';
  }
}

/**
 * Starts the relay as a child process on a free loopback port and resolves once it is
 * listening. The relay announces itself with an IPC message {type:'listening', url, port};
 * a JSON log line with "relay listening" on stdout is accepted too.
 */
export function startLocalRelay(options: LocalRelayOptions): Promise<LocalRelay> {
  const args = ['--port', '0', '--host', '127.0.0.1', '--data-dir', options.dataDir];
  if (options.webRoot) args.push('--web-root', options.webRoot);
  const child = fork(options.script, args, {
    execArgv: options.execArgv ?? [],
    ...(options.execPath ? { execPath: options.execPath } : {}),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = (graceMs = 3_000) => stopChild(child, exited, graceMs);

  return new Promise<LocalRelay>((resolve, reject) => {
    let settled = false;
    const listening = (url: unknown, port: unknown): void => {
      if (settled || typeof url !== 'string' || typeof port !== 'number') return;
      settled = true;
      clearTimeout(timer);
      resolve({ url, port, exited, stop });
    };
    const fail = (error: LocalRelayError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop(500).then(() => reject(error), reject);
    };
    const timeout = options.startTimeoutMs ?? 15_000;
    const timer = setTimeout(
      () => fail(new LocalRelayError('relay-timeout', `the embedded relay did not start within ${timeout} ms`)),
      timeout,
    );

    child.on('message', (message: unknown) => {
      const m = message as { type?: unknown; url?: unknown; port?: unknown } | null;
      if (m && m.type === 'listening') listening(m.url, m.port);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('relay listening')) return;
      try {
        const logged = JSON.parse(line) as { url?: unknown; port?: unknown };
        listening(logged.url, logged.port);
      } catch (error) {
        options.onLog?.(`unparsable relay line (${(error as Error).message}): ${line}`);
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => options.onLog?.(line));
    child.once('error', (error) => fail(new LocalRelayError('relay-exited', `the embedded relay could not start: ${error.message}`)));
    child.once('exit', (code, signal) =>
      fail(new LocalRelayError('relay-exited', `the embedded relay exited before listening (${signal ?? `code ${code}`})`)),
    );
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(killer);
}
