import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type {
  HostRun,
  HostTerminal,
  RunState,
  TerminalChunk,
  TerminalExit,
  TerminalSize,
  Unsubscribe,
} from '../../src/shared/host-api';
import { BYTES_KEY } from '../../src/shared/host-api/host-socket-protocol';
import { startWebShell, type WebShell, type WebShellOptions } from '../../src/web/web-shell';
import type { HostServicesLike } from '../../src/web/lazy-host-services';

/** A recording stand-in for src/host's services: what the shell called, and a way to emit events. */
export class FakeHostServices implements HostServicesLike {
  readonly calls: Array<[string, unknown[]]> = [];
  disposed = false;
  /** How long `terminal.close` takes (a real shell gets up to killGraceMs to go). */
  closeDelayMs = 0;
  private readonly listeners = { output: new Set<(c: TerminalChunk) => void>(), exit: new Set<(e: TerminalExit) => void>(), resize: new Set<(s: TerminalSize) => void>(), state: new Set<(s: RunState) => void>() };

  readonly terminal: HostTerminal = {
    open: async (size) => {
      this.calls.push(['open', [size]]);
      return { ...size, running: true, seq: 0, shell: '/bin/sh', cwd: '/tmp/ws' };
    },
    write: async (data) => void this.calls.push(['write', [data]]),
    resize: async (size) => void this.calls.push(['resize', [size]]),
    ack: (bytes) => void this.calls.push(['ack', [bytes]]),
    catchUp: async (seq) => ({ kind: 'bytes', seq, data: new Uint8Array([104, 105, 0, 255]) }),
    close: async () => {
      await new Promise((resolve) => setTimeout(resolve, this.closeDelayMs));
      this.calls.push(['close', []]);
    },
    onOutput: (l) => subscribe(this.listeners.output, l),
    onExit: (l) => subscribe(this.listeners.exit, l),
    onResize: (l) => subscribe(this.listeners.resize, l),
  };
  readonly run: HostRun = {
    presets: async () => [{ language: 'javascript', label: 'JavaScript', fileName: 'main.js', available: true }],
    run: async (request) => void this.calls.push(['run', [request]]),
    stop: async () => void this.calls.push(['stop', []]),
    current: async () => ({ status: 'idle' }),
    loadWorkspace: async (folder) => (this.calls.push(['loadWorkspace', [folder]]), [{ path: 'main.py', text: '' }]),
    saveWorkspace: async (folder, files) => (this.calls.push(['saveWorkspace', [folder, files]]), { folder, files: files.length }),
    onState: (l) => subscribe(this.listeners.state, l),
  };

  emitOutput(chunk: TerminalChunk): void {
    for (const l of this.listeners.output) l(chunk);
  }
  emitRunState(state: RunState): void {
    for (const l of this.listeners.state) l(state);
  }
  get listenerCount(): number {
    return Object.values(this.listeners).reduce((n, set) => n + set.size, 0);
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

function subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
  set.add(listener);
  return () => void set.delete(listener);
}

export interface Harness {
  shell: WebShell;
  dir: string;
  created: FakeHostServices[];
  opened: string[];
  origin: string;
  stop(): Promise<void>;
}

/** Starts a web shell on port 0 over a tiny fake renderer build, with fake host services. */
export async function startHarness(overrides: Partial<WebShellOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'duet-web-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Duet</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets/app.js'), 'console.log("duet");');
  await writeFile(join(rendererDir, 'assets/editor.worker.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(join(dir, 'secret.txt'), 'TOP SECRET outside the web root');
  const created: FakeHostServices[] = [];
  const opened: string[] = [];
  const shell = await startWebShell({
    rendererDir,
    dataDir: join(dir, 'data'),
    port: 0,
    version: '9.9.9',
    relay: { url: 'ws://relay.example:8080/ws' },
    createServices: async () => {
      const services = new FakeHostServices();
      created.push(services);
      return services;
    },
    openUrl: async (url) => void opened.push(url),
    ...overrides,
  });
  return {
    shell,
    dir,
    created,
    opened,
    origin: `http://127.0.0.1:${shell.port}`,
    async stop() {
      await shell.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Result of trying to open a host socket: opened, or the HTTP status of the refusal. */
export function tryConnect(url: string, headers: Record<string, string> = {}): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      response.resume();
    });
    socket.once('error', reject);
  });
}

/** A host-socket client speaking the web shell's protocol, for tests. */
export class HostClient {
  private nextId = 1;
  private readonly replies = new Map<number, (reply: Record<string, unknown>) => void>();
  readonly events: Array<{ event: string; payload: unknown }> = [];
  readonly frames: Buffer[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return void this.frames.push(data);
      const message = JSON.parse(data.toString(), (_k, v: unknown) =>
        v && typeof v === 'object' && BYTES_KEY in v ? new Uint8Array(Buffer.from((v as Record<string, string>)[BYTES_KEY]!, 'base64')) : v,
      ) as Record<string, unknown>;
      if (typeof message.event === 'string') return void this.events.push(message as { event: string; payload: unknown });
      this.replies.get(message.id as number)?.(message);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(harness: Harness): Promise<HostClient> {
    const { socket } = await tryConnect(`ws://127.0.0.1:${harness.shell.port}/host?token=${harness.shell.token}`, { Origin: harness.origin });
    if (!socket) throw new Error('host socket refused');
    return new HostClient(socket);
  }

  /** Sends a raw request and resolves with the whole reply ({id, result} or {id, error}). */
  request(call: unknown, args: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      this.socket.send(JSON.stringify({ id, call, args }));
    });
  }

  /** Calls and resolves with the result, or rejects with the error's code and message. */
  async call(call: string, ...args: unknown[]): Promise<unknown> {
    const reply = await this.request(call, args);
    if (reply.error) {
      const error = reply.error as { code: string; message: string };
      throw Object.assign(new Error(error.message), { code: error.code });
    }
    return reply.result;
  }

  close(): void {
    this.socket.close();
  }
}
