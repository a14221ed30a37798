import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, rssBytes } from './proc';

/** A redis-server the bench started for its cluster, on a free loopback port, in a temp dir. */
export interface BenchRedis {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** `INFO memory`'s used_memory: what Redis holds for its data (bytes). */
  usedMemory(): Promise<number>;
  cpuSeconds(): number;
  rssBytes(): number;
  /** SIGTERM to its own pid; resolves when it has exited and its temp dir is gone. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` without persistence (nothing the cluster keeps needs it, see
 * docs/relay.md) and resolves once it accepts connections.
 */
export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'duet-bench-redis-'));
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${seen}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not be started (is it installed?): ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${seen}`));
    });
  });
  // Keep draining its output so it never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  const pid = child.pid!;
  return {
    pid,
    port,
    url: `redis://127.0.0.1:${port}`,
    async usedMemory() {
      const info = await redisCommand(port, 'INFO memory');
      const match = /^used_memory:(\d+)/m.exec(info);
      if (!match) throw new Error(`INFO memory had no used_memory:\n${info}`);
      return Number(match[1]);
    },
    cpuSeconds: () => cpuSeconds(pid),
    rssBytes: () => rssBytes(pid),
    stop() {
      const removeDir = () => rmSync(dir, { recursive: true, force: true });
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(removeDir());
      return new Promise((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          removeDir();
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

/**
 * One inline command and its bulk-string reply, over a plain socket: the bench needs only
 * `INFO`, so it carries no Redis client of its own.
 */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis did not answer ${command} within 10 s`));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const headerEnd = buffered.indexOf('\r\n');
      if (headerEnd < 0) return;
      const header = buffered.subarray(0, headerEnd).toString();
      if (!header.startsWith('$')) {
        clearTimeout(timer);
        socket.destroy();
        return reject(new Error(`redis answered ${command} with ${header}`));
      }
      const length = Number(header.slice(1));
      if (buffered.length < headerEnd + 2 + length) return;
      clearTimeout(timer);
      socket.end();
      resolve(buffered.subarray(headerEnd + 2, headerEnd + 2 + length).toString());
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(`${command}\r\n`);
  });
}
