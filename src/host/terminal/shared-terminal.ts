import { spawn as spawnPty, type IPty } from 'node-pty';
import {
  HostApiError,
  type HostTerminal,
  type TerminalCatchUp,
  type TerminalChunk,
  type TerminalExit,
  type TerminalInfo,
  type TerminalSize,
  type Unsubscribe,
} from '../../shared/host-api';
import { DisposableStore, Emitter } from '../../shared/lifecycle';
import { terminalSizeProblem } from '../../shared/host-api/terminal-size';
import { FlowGate } from './flow-gate';
import type { HostLimits } from '../host-limits';
import { HOST_EMITTER_OPTIONS } from '../listener-errors';
import { OutputCoalescer } from './output-coalescer';
import { identify, killProcessTree, type ProcessIdentity } from '../process-tree';
import { TerminalMirror } from './terminal-mirror';

export interface SharedTerminalOptions {
  shell: string;
  shellArgs: string[];
  env: Record<string, string>;
  /** Variables that depend on the folder the shell starts in (e.g. where the run wrapper is). */
  envFor?: (cwd: string) => Record<string, string>;
  /** The folder the shell starts in (created on demand). */
  cwd: () => Promise<string>;
  /** Runs after close() ended the shell on purpose (a session ended): the next open() is a new session's. */
  onClosed?: () => void;
  limits: HostLimits;
  /** Starts the pty; node-pty's spawn unless a test passes a fake. */
  spawn?: typeof spawnPty;
}

/** What the terminal is holding right now, for diagnostics and tests. */
export interface SharedTerminalStats {
  paused: boolean;
  pausedBy: string[];
  unackedBytes: number;
  mirrorPendingBytes: number;
  coalescingBytes: number;
  seq: number;
}

const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };
/** How long close() waits for node-pty to report the killed shell's exit. */
const EXIT_REPORT_TIMEOUT_MS = 3000;

/**
 * The host's real shell in a pty, shared by everyone in the session. Output is coalesced
 * into sequenced chunks that feed the mirror and the listeners; the pty is paused while
 * the renderer or the mirror is too far behind.
 */
export class SharedTerminal implements HostTerminal {
  private pty: IPty | undefined;
  /** Our listeners on the running pty, released when it exits (or we are disposed). */
  private ptyListeners: DisposableStore | undefined;
  /** The running shell's identity (pid and start time), for ending exactly its processes. */
  private shell: Promise<ProcessIdentity> = Promise.resolve({ pid: 0, startTime: 0 });
  private starting: Promise<void> | undefined;
  private exited: Promise<void> = Promise.resolve();
  private closing = false;
  private disposed = false;
  private size: TerminalSize = DEFAULT_SIZE;
  private cwd = '';
  private unacked = 0;
  private spawnedEnv: Record<string, string> | undefined;
  private readonly mirror: TerminalMirror;
  private readonly coalescer: OutputCoalescer;
  private readonly gate: FlowGate<'renderer' | 'mirror'>;
  private readonly events = new Emitter<{
    output: (chunk: TerminalChunk) => void;
    exit: (exit: TerminalExit) => void;
    resize: (size: TerminalSize) => void;
  }>(HOST_EMITTER_OPTIONS);

  constructor(private readonly options: SharedTerminalOptions) {
    const { limits } = options;
    this.gate = new FlowGate(
      {
        renderer: { high: limits.ackHighBytes, low: limits.ackLowBytes },
        mirror: { high: limits.mirrorHighBytes, low: limits.mirrorLowBytes },
      },
      (paused) => (paused ? this.pty?.pause() : this.pty?.resume()),
    );
    this.mirror = new TerminalMirror({
      size: this.size,
      ringBytes: limits.ringBytes,
      scrollback: limits.scrollback,
      maxSnapshotBytes: limits.maxSnapshotBytes,
      onParsed: () => this.gate.update('mirror', this.mirror.pendingBytes()),
    });
    this.coalescer = new OutputCoalescer(limits.coalesceMs, limits.maxChunkBytes, (chunk) => this.publish(chunk));
  }

  /** Starts the shell if it is not running; a (re)attaching view also restarts the ack window. */
  async open(size: TerminalSize): Promise<TerminalInfo> {
    this.assertUsable();
    assertSize(size);
    if (this.starting) await this.starting;
    if (!this.pty) {
      this.starting = this.start(size).finally(() => (this.starting = undefined));
      await this.starting;
    } else {
      this.applySize(size);
    }
    // The view that opens starts from open()'s seq or a catch-up: nothing is in flight to it.
    this.unacked = 0;
    this.gate.update('renderer', 0);
    return this.info();
  }

  /** Types into the pty. */
  async write(data: string): Promise<void> {
    this.assertUsable();
    if (typeof data !== 'string') throw new HostApiError('bad-argument', 'terminal input must be a string');
    if (!this.pty) throw new HostApiError('unavailable', 'the terminal is not open');
    this.pty.write(data);
  }

  /** Changes the pty size (the host's size is authoritative for everyone). */
  async resize(size: TerminalSize): Promise<void> {
    this.assertUsable();
    assertSize(size);
    this.applySize(size);
  }

  /** The renderer has rendered `bytes` more bytes. */
  ack(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes < 0) return;
    this.unacked = Math.max(0, this.unacked - bytes);
    this.gate.update('renderer', this.unacked);
  }

  /** Bytes since `seq`, or a snapshot when the ring no longer (or not yet) holds `seq`. */
  async catchUp(seq: number): Promise<TerminalCatchUp> {
    this.assertUsable();
    if (!Number.isSafeInteger(seq) || seq < 0) throw new HostApiError('bad-argument', `seq must be an integer >= 0, got ${seq}`);
    return this.mirror.catchUp(seq);
  }

  /** Ends the shell and every process it started; resolves once they are gone. */
  async close(): Promise<void> {
    // A start that failed left nothing to close (its caller got the error).
    if (this.starting) await this.starting.catch(() => undefined);
    const pty = this.pty;
    if (!pty) return;
    this.closing = true;
    try {
      if (process.platform === 'win32') pty.kill();
      else await killProcessTree(await this.shell, this.options.limits.killGraceMs);
      // node-pty reports the exit once the pty is drained; never let quitting hang on it.
      let timer: NodeJS.Timeout | undefined;
      const reported = await Promise.race([
        this.exited.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), EXIT_REPORT_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      if (!reported && this.pty === pty) {
        console.error(`duet host: shell ${pty.pid} was killed but its exit was never reported`);
        // Should it be reported after all, it must not touch the next session's shell.
        this.ptyListeners?.dispose();
        this.ptyListeners = undefined;
        this.pty = undefined;
      }
    } finally {
      this.closing = false;
    }
    this.wipeScreen();
    this.options.onClosed?.();
  }

  /**
   * After the shell is gone, clears the screen and scrollback for every view and the
   * mirror (full reset + erase saved lines) and forgets the ring, so a later session on
   * this host starts blank and never receives an earlier interview's output.
   */
  private wipeScreen(): void {
    if (this.disposed) return;
    this.coalescer.flush();
    this.publish(Buffer.from('\x1bc\x1b[3J'));
    this.mirror.forgetHistory();
  }

  /** Listens to sequenced output chunks. */
  onOutput(listener: (chunk: TerminalChunk) => void): Unsubscribe {
    return this.events.on('output', listener);
  }

  /** Listens for the shell's exit. */
  onExit(listener: (exit: TerminalExit) => void): Unsubscribe {
    return this.events.on('exit', listener);
  }

  /** Listens for pty size changes. */
  onResize(listener: (size: TerminalSize) => void): Unsubscribe {
    return this.events.on('resize', listener);
  }

  /** The shell's state as open() reports it. */
  info(): TerminalInfo {
    return { ...this.size, running: this.pty !== undefined, seq: this.mirror.seq(), shell: this.options.shell, cwd: this.cwd };
  }

  /** Whether the shell was started with this environment variable set. */
  hasEnv(name: string): boolean {
    return this.spawnedEnv !== undefined && Object.hasOwn(this.spawnedEnv, name);
  }

  /** Pid of the running shell, if any (run presets look at its working directory). */
  shellPid(): number | undefined {
    return this.pty?.pid;
  }

  /** Backlogs and flow-control state. */
  stats(): SharedTerminalStats {
    return {
      paused: this.gate.isPaused(),
      pausedBy: this.gate.reasons(),
      unackedBytes: this.unacked,
      mirrorPendingBytes: this.mirror.pendingBytes(),
      coalescingBytes: this.coalescer.pendingBytes(),
      seq: this.mirror.seq(),
    };
  }

  /** Closes the shell and frees everything; later calls reject. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.close();
    this.disposed = true;
    this.ptyListeners?.dispose();
    this.coalescer.dispose();
    this.mirror.dispose();
    this.events.clear();
  }

  private async start(size: TerminalSize): Promise<void> {
    const cwd = await this.options.cwd();
    let pty: IPty;
    try {
      pty = (this.options.spawn ?? spawnPty)(this.options.shell, this.options.shellArgs, {
        name: 'xterm-256color',
        cols: size.cols,
        rows: size.rows,
        cwd,
        env: (this.spawnedEnv = { ...this.options.env, ...this.options.envFor?.(cwd) }),
        encoding: null,
      });
    } catch (error) {
      throw new HostApiError('unavailable', `cannot start shell ${this.options.shell}: ${(error as Error).message}`);
    }
    this.pty = pty;
    // Who the shell is, read now, so that ending "its" processes later can never hit a process
    // that got its pid after it exited. Gone already: start time 0 matches no live process.
    this.shell = identify(pty.pid).then((who) => who ?? { pid: pty.pid, startTime: 0 });
    this.cwd = cwd;
    this.setSize(size);
    if (this.gate.isPaused()) pty.pause();
    let settle!: () => void;
    this.exited = new Promise((resolve) => (settle = resolve));
    const listeners = (this.ptyListeners = new DisposableStore());
    // With `encoding: null` node-pty hands out Buffers, whatever its typings say.
    listeners.add(pty.onData((data) => this.coalescer.push(data as unknown as Buffer)));
    listeners.add(
      pty.onExit(({ exitCode, signal }) => {
        // node-pty reports the exit after the last output: nothing more is coming from this pty.
        listeners.dispose();
        if (this.ptyListeners === listeners) this.ptyListeners = undefined;
        this.coalescer.flush();
        this.pty = undefined;
        const exit: TerminalExit = signal ? { exitCode, signal } : { exitCode };
        // A shell that exits on its own leaves its background jobs behind: end them too,
        // unless close() is already doing exactly that.
        const shell = this.shell;
        const sweep =
          this.closing || process.platform === 'win32' ? Promise.resolve() : shell.then((who) => killProcessTree(who, this.options.limits.killGraceMs));
        sweep
          .catch((error: unknown) => console.error('duet host: could not end processes of the exited shell', error))
          .finally(() => {
            this.events.emit('exit', exit);
            settle();
          });
      }),
    );
  }

  private applySize(size: TerminalSize): void {
    if (size.cols === this.size.cols && size.rows === this.size.rows) return;
    if (this.pty) {
      // Bytes produced at the old size reach the mirror before it changes size.
      this.coalescer.flush();
      this.pty.resize(size.cols, size.rows);
    }
    this.setSize(size);
  }

  private setSize(size: TerminalSize): void {
    const changed = size.cols !== this.mirror.size().cols || size.rows !== this.mirror.size().rows;
    this.size = { cols: size.cols, rows: size.rows };
    this.mirror.resize(this.size);
    if (changed) this.events.emit('resize', this.size);
  }

  private publish(chunk: Buffer): void {
    const seq = this.mirror.seq();
    this.mirror.write(chunk);
    this.unacked += chunk.length;
    this.gate.update('renderer', this.unacked);
    this.gate.update('mirror', this.mirror.pendingBytes());
    this.events.emit('output', { seq, data: chunk });
  }

  private assertUsable(): void {
    if (this.disposed) throw new HostApiError('unavailable', 'host services are disposed');
  }
}

function assertSize(size: TerminalSize): void {
  const problem = terminalSizeProblem(size);
  if (problem) throw new HostApiError('bad-argument', problem);
}
