import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, rssBytes } from './proc';

/** The probe every relay process loads (see probe.mjs). */
export const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url));

/** process.memoryUsage() of a relay after GC. */
export interface RelayMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** False when the relay was started without --expose-gc (figures then include garbage). */
  gc: boolean;
}

/** A relay running in a child process of the bench. */
export interface RelayProcess {
  readonly pid: number;
  readonly port: number;
  /** Lines the relay printed on stderr, and stdout lines that are warnings or errors. */
  readonly complaints: string[];
  cpuSeconds(): number;
  rssBytes(): number;
  memory(): Promise<RelayMemory>;
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
  /** SIGKILL now, like a crash; resolves when it has exited. */
  kill(): Promise<void>;
}

/**
 * Starts `node <nodeArgs>` with an IPC channel and resolves once it says where it listens:
 * an IPC `{type:'listening', port}` message (Duet's CLI sends one when forked) or a stdout
 * JSON line with a `port` (Duet's `relay listening` log line, the baselines' `{"port":N}`).
 */
export async function startRelayProcess(name: string, nodeArgs: string[], env: NodeJS.ProcessEnv = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...env } });
  const complaints: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${name}: ${why}\n${complaints.join('\n')}`));
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'listening' && typeof message.port === 'number') resolve(message.port);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = parseJson(line);
      if (parsed !== undefined && typeof parsed['port'] === 'number' && (parsed['msg'] === undefined || parsed['msg'] === 'relay listening')) {
        resolve(parsed['port']);
      }
      // pino levels: 40 warn, 50 error, 60 fatal.
      if (typeof parsed?.['level'] === 'number' && parsed['level'] >= 40) complaints.push(line);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => complaints.push(line));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`));
    setTimeout(() => fail('did not listen within 30 s'), 30_000).unref();
  });
  let requests = 0;
  return {
    pid: child.pid!,
    port,
    complaints,
    cpuSeconds: () => cpuSeconds(child.pid!),
    rssBytes: () => rssBytes(child.pid!),
    memory: () => askMemory(child, ++requests),
    stop: () => stopChild(child),
    kill: () => killChild(child),
  };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function askMemory(child: ChildProcess, id: number): Promise<RelayMemory> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('relay did not answer bench:memory within 30 s')), 30_000);
    const onMessage = (message: { type?: string; id?: number } & RelayMemory) => {
      if (message.type !== 'bench:memory' || message.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ type: 'bench:memory', id });
  });
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
