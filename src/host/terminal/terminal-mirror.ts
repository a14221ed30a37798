import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';
import type { TerminalCatchUp, TerminalSize } from '../../shared/host-api';
import { OutputRing } from './output-ring';

// Both packages are CommonJS: in Node ESM only their default export is reliable.
const { Terminal } = headless;
const { SerializeAddon } = serialize;

export interface TerminalMirrorOptions {
  size: TerminalSize;
  ringBytes: number;
  scrollback: number;
  maxSnapshotBytes: number;
  /** Called whenever the headless terminal has parsed more bytes (flow control listens). */
  onParsed?: () => void;
}

type Snapshot = Extract<TerminalCatchUp, { kind: 'snapshot' }>;

/**
 * The host's copy of what every terminal view shows: a headless xterm fed with the same
 * bytes, and a ring of the recent bytes by stream offset. Answers "what did I miss since
 * N" with the bytes, or with a serialized screen standing exactly at a known offset.
 */
export class TerminalMirror {
  private readonly terminal: InstanceType<typeof Terminal>;
  private readonly serializer: InstanceType<typeof SerializeAddon>;
  private readonly ring: OutputRing;
  private parsedSeq = 0;
  private readonly waiting = new Set<(error: Error) => void>();
  private disposed = false;

  constructor(private readonly options: TerminalMirrorOptions) {
    this.terminal = new Terminal({
      cols: options.size.cols,
      rows: options.size.rows,
      scrollback: options.scrollback,
      allowProposedApi: true,
    });
    this.serializer = new SerializeAddon();
    // The addon's typings name @xterm/xterm's Terminal; the headless one has the same surface.
    this.terminal.loadAddon(this.serializer as unknown as Parameters<typeof this.terminal.loadAddon>[0]);
    this.ring = new OutputRing(options.ringBytes);
  }

  /** Stream offset of the next byte (everything before it has been written here). */
  seq(): number {
    return this.ring.end();
  }

  /** Bytes written but not yet parsed by the headless terminal. */
  pendingBytes(): number {
    return this.ring.end() - this.parsedSeq;
  }

  /** Current size of the mirrored screen. */
  size(): TerminalSize {
    return { cols: this.terminal.cols, rows: this.terminal.rows };
  }

  /** Appends one chunk of output at the end of the stream. */
  write(chunk: Uint8Array): void {
    if (this.disposed || chunk.length === 0) return;
    this.ring.append(chunk);
    this.terminal.write(chunk, () => {
      this.parsedSeq += chunk.length;
      this.options.onParsed?.();
    });
  }

  /** Follows the pty's size. */
  resize(size: TerminalSize): void {
    if (this.disposed) return;
    if (size.cols !== this.terminal.cols || size.rows !== this.terminal.rows) this.terminal.resize(size.cols, size.rows);
  }

  /** The bytes since `seq` when the ring still holds them, otherwise a snapshot. */
  async catchUp(seq: number): Promise<TerminalCatchUp> {
    if (this.ring.holds(seq)) return { kind: 'bytes', seq, data: this.ring.since(seq) };
    return this.snapshot();
  }

  /**
   * The serialized screen and the exact stream offset it represents. Waits for the
   * headless terminal to parse everything written so far: xterm runs write callbacks in
   * order and synchronously after each chunk, so inside the callback of an empty write
   * the screen stands exactly at the offset recorded when that write was queued.
   */
  snapshot(): Promise<Snapshot> {
    if (this.disposed) return Promise.reject(new Error('terminal mirror is disposed'));
    const seq = this.ring.end();
    return new Promise<Snapshot>((resolve, reject) => {
      this.waiting.add(reject);
      this.terminal.write('', () => {
        this.waiting.delete(reject);
        resolve({ kind: 'snapshot', seq, ...this.size(), data: this.serializeBounded() });
      });
    });
  }

  /**
   * Forgets the recent bytes: catch-ups from before now get a snapshot, so what an
   * earlier session printed is never replayed to a later one's guests.
   */
  forgetHistory(): void {
    this.ring.forget();
  }

  /** Frees the headless terminal; pending snapshots reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const reject of this.waiting) reject(new Error('terminal mirror is disposed'));
    this.waiting.clear();
    this.terminal.dispose();
  }

  /** Serializes with as much scrollback as fits the snapshot budget (the screen always). */
  private serializeBounded(): string {
    let scrollback = this.options.scrollback;
    for (;;) {
      const data = this.serializer.serialize({ scrollback });
      if (scrollback === 0 || Buffer.byteLength(data) <= this.options.maxSnapshotBytes) return data;
      scrollback = Math.floor(scrollback / 2);
    }
  }
}
