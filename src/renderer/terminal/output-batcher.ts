export interface OutputBatcherOptions {
  /** At most one frame per this many milliseconds, except when a batch fills up. */
  minIntervalMs: number;
  /** A batch is sent at once when it reaches this many bytes. */
  maxBatchBytes: number;
  now?: () => number;
}

/**
 * Paces the host's output broadcast so a flood stays well inside the relay's per-connection
 * message budget (the relay disconnects a sender that exceeds it): a chunk goes out at once
 * when the line has been quiet for `minIntervalMs` — a keystroke echo is never held — and
 * otherwise waits to be merged with the chunks that follow it. Chunks are contiguous pieces
 * of one byte stream, so merging keeps the sequence numbers meaningful.
 */
export class OutputBatcher {
  private parts: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingSeq = 0;
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly send: (seq: number, data: Uint8Array) => void,
    private readonly options: OutputBatcherOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes the chunk of the stream that starts at `seq`. */
  push(seq: number, data: Uint8Array): void {
    if (this.pendingBytes > 0 && seq !== this.pendingSeq + this.pendingBytes) this.flush(); // not contiguous: never merge
    if (this.pendingBytes === 0) {
      this.pendingSeq = seq;
      if (this.now() - this.lastSent >= this.options.minIntervalMs) {
        this.lastSent = this.now();
        this.send(seq, data);
        return;
      }
    }
    this.parts.push(data);
    this.pendingBytes += data.byteLength;
    if (this.pendingBytes >= this.options.maxBatchBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastSent + this.options.minIntervalMs - this.now()));
  }

  /** Sends whatever waits now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pendingBytes === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : concat(this.parts, this.pendingBytes);
    const seq = this.pendingSeq;
    this.parts = [];
    this.pendingBytes = 0;
    this.lastSent = this.now();
    this.send(seq, data);
  }

  /** Drops what waits (nobody to send it to any more). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.parts = [];
    this.pendingBytes = 0;
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}
