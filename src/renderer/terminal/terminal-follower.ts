import type { TerminalMessage } from '../../shared/protocol/terminal/terminal-wire';

/**
 * Where a follower puts what it decides to show: an xterm in the app, a recorder in
 * tests. `reset` and `resize` must take effect in order with the writes before them.
 */
export interface TerminalSink {
  /** Renders bytes (or snapshot text); `done` runs once they are on screen. */
  write(data: Uint8Array | string, done: () => void): void;
  /** Clears screen, scrollback and modes, as a fresh terminal. */
  reset(): void;
  resize(cols: number, rows: number): void;
}

export interface TerminalFollowerOptions {
  /** Re-ask when a resync answer has not come within this long (ms); doubles up to 8×. */
  retryMs?: number;
  /** Stop rendering live output when this many bytes wait in the sink (a slow screen)... */
  highWatermarkBytes?: number;
  /** ...and catch up by resync once fewer than this many wait. */
  lowWatermarkBytes?: number;
}

const DEFAULTS: Required<TerminalFollowerOptions> = {
  retryMs: 3_000,
  highWatermarkBytes: Number.POSITIVE_INFINITY,
  lowWatermarkBytes: 0,
};

/**
 * Keeps one terminal view equal to the host's pty stream, whose bytes are numbered by
 * their offset. Live output that continues exactly where the view stands is rendered;
 * overlap is trimmed; a gap (frames dropped, reconnect, late join) asks for a resync
 * ONCE and ignores live output until the answer — answers and live output come from
 * the same host connection, so everything after the answer follows on from it.
 * An answer is either the missing bytes or a snapshot that replaces the screen.
 *
 * With a high watermark, a view that renders slower than output arrives stops taking
 * live output (its memory stays bounded) and, once drained, resyncs — usually to a
 * snapshot, so a flood costs a slow guest one jump instead of minutes of replay.
 */
export class TerminalFollower {
  private expected = 0;
  private awaiting = false;
  private behind = false;
  private pendingBytes = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay: number;
  private disposed = false;
  private readonly options: Required<TerminalFollowerOptions>;

  constructor(
    private readonly sink: TerminalSink,
    private readonly requestResync: (seq: number) => void,
    options: TerminalFollowerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    if (this.options.lowWatermarkBytes > this.options.highWatermarkBytes) {
      throw new RangeError('lowWatermarkBytes must not exceed highWatermarkBytes');
    }
    this.retryDelay = this.options.retryMs;
  }

  /** Offset of the next byte this view expects. */
  get seq(): number {
    return this.expected;
  }

  /** True while a resync request is outstanding (live output is being ignored). */
  get isAwaitingResync(): boolean {
    return this.awaiting;
  }

  /** True while the view is too far behind to take live output. */
  get isBehind(): boolean {
    return this.behind;
  }

  /** Bytes handed to the sink and not yet rendered. */
  get unrenderedBytes(): number {
    return this.pendingBytes;
  }

  /** Asks for everything since the current position (first join, reconnect, relay dropped frames). */
  resync(): void {
    if (this.disposed) return;
    this.retryDelay = this.options.retryMs;
    this.ask();
  }

  /** Handles a message of the live stream (terminalOut). `done` runs when its bytes are rendered or dropped. */
  receiveLive(message: TerminalMessage, done?: () => void): void {
    this.receive(message, 'live', done);
  }

  /** Handles an answer to a resync request (terminalSync, unicast from the host). */
  receiveAnswer(message: TerminalMessage, done?: () => void): void {
    this.receive(message, 'answer', done);
  }

  private receive(message: TerminalMessage, source: 'live' | 'answer', done?: () => void): void {
    if (this.disposed) return done?.();
    switch (message.kind) {
      case 'output':
        // Live bytes past a gap are useless until the answer fills it; the answer brings them again.
        if (source === 'live' && (this.awaiting || this.behind)) return done?.();
        if (source === 'answer') this.settle();
        return this.applyBytes(message.seq, message.data, done);
      case 'snapshot':
        return this.applySnapshot(message, done);
      case 'resize':
        this.sink.resize(message.cols, message.rows);
        return done?.();
      default:
        return done?.();
    }
  }

  /** Stops the retry timer; later messages are ignored. */
  dispose(): void {
    this.disposed = true;
    this.clearRetry();
  }

  private applyBytes(seq: number, data: Uint8Array, done?: () => void): void {
    const end = seq + data.byteLength;
    if (seq > this.expected) {
      // Bytes are missing before these: ask once, then wait for the answer.
      done?.();
      if (!this.awaiting) this.ask();
      return;
    }
    if (end <= this.expected) return done?.(); // already shown
    if (this.pendingBytes > this.options.highWatermarkBytes) {
      this.behind = true;
      return done?.();
    }
    const fresh = seq < this.expected ? data.subarray(this.expected - seq) : data;
    this.expected = end;
    this.render(fresh, fresh.byteLength, done);
  }

  private applySnapshot(message: Extract<TerminalMessage, { kind: 'snapshot' }>, done?: () => void): void {
    this.settle();
    this.behind = false;
    this.sink.reset();
    this.sink.resize(message.cols, message.rows);
    this.expected = message.seq;
    this.render(message.data, message.data.length, done);
  }

  private render(data: Uint8Array | string, size: number, done?: () => void): void {
    this.pendingBytes += size;
    this.sink.write(data, () => {
      this.pendingBytes -= size;
      done?.();
      if (this.behind && !this.disposed && this.pendingBytes <= this.options.lowWatermarkBytes) {
        this.behind = false;
        this.retryDelay = this.options.retryMs;
        this.ask();
      }
    });
  }

  private ask(): void {
    this.awaiting = true;
    this.requestResync(this.expected);
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.awaiting || this.disposed) return;
      // The request or its answer was lost (e.g. the host was reconnecting): ask again, less often.
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMs * 8);
      this.ask();
    }, this.retryDelay);
  }

  private settle(): void {
    this.awaiting = false;
    this.clearRetry();
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
