import type { TerminalSize } from '../../shared/host-api';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import { CHANNELS } from '../../shared/protocol';
import { encodeTerminalMessage, type TerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import type { SessionClient } from '../../shared/session-client';
import { OutputBatcher } from './output-batcher';
import { TypingThrottle } from './typing-activity';

/**
 * Output frames per second stay at or below 1000 / this, far inside the relay's per-connection
 * data-frame budget (`framesPerSecond`, past which it paces the sender) with room for typing,
 * resync answers and the document's traffic.
 */
const OUTPUT_FRAME_INTERVAL_MS = 8;
/** Largest merged output frame; well under the relay's frame limit. */
const MAX_OUTPUT_FRAME_BYTES = 256 * 1024;
/**
 * Terminal output is held back while more than this waits in our socket: the document's
 * frames (a person typing) share that socket, so they never wait behind more than a few
 * milliseconds of terminal bytes. Guests that miss output see the gap and resync.
 */
const CONGESTED_BYTES = 256 * 1024;
/** ...and flows again once less than this waits. */
const UNCONGESTED_BYTES = 64 * 1024;
/** How often a congested socket is looked at (only while congested). */
const CONGESTION_POLL_MS = 20;

/**
 * What the host tells every guest about its terminal on terminalOut: the output stream
 * (batched), the pty size, who is typing and a shell that exited. It remembers the pty size
 * and the head of the stream (the offset just past the last byte broadcast), so it can send
 * each joiner the size and, on every welcome, the head: a guest that is behind sees the gap
 * and asks for the rest.
 */
export class TerminalBroadcast implements Disposable {
  private readonly store = new DisposableStore();
  private readonly batcher: OutputBatcher;
  private readonly throttle = new TypingThrottle();
  private ptySize: TerminalSize | undefined;
  private head = 0;
  /** Set while output is held back because our socket is congested; polls until it clears. */
  private congestion: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly client: SessionClient) {
    this.batcher = new OutputBatcher((seq, data) => this.send({ kind: 'output', seq, data }), {
      minIntervalMs: OUTPUT_FRAME_INTERVAL_MS,
      maxBatchBytes: MAX_OUTPUT_FRAME_BYTES,
    });
    this.store.add(() => this.batcher.dispose());
    this.store.add(() => clearInterval(this.congestion));
    this.store.add(client.on('welcome', () => this.announceHead()));
    // A joiner must lay out what follows at the host's size.
    this.store.add(client.on('member-joined', (member) => this.sendSizeTo(member.id)));
    this.store.add(client.on('member-left', ({ memberId }) => this.throttle.forget(memberId)));
  }

  /** The pty size as the host last reported it. */
  get size(): TerminalSize | undefined {
    return this.ptySize;
  }

  /** Pty output at `seq`; dropped while our socket is congested (guests resync from the host). */
  output(seq: number, data: Uint8Array): void {
    this.head = Math.max(this.head, seq + data.byteLength);
    if (this.congestion !== undefined) return;
    if (this.client.bufferedBytes > CONGESTED_BYTES) return this.holdBack();
    this.batcher.push(seq, data);
  }

  private holdBack(): void {
    this.batcher.flush();
    this.congestion = setInterval(() => {
      if (this.client.bufferedBytes >= UNCONGESTED_BYTES) return;
      clearInterval(this.congestion);
      this.congestion = undefined;
      // Where the stream stands now: every guest sees what it missed and asks for it.
      this.send({ kind: 'output', seq: this.head, data: new Uint8Array() });
    }, CONGESTION_POLL_MS);
  }

  /** The pty has this size now (bytes laid out at the old size go first). */
  resized(size: TerminalSize): void {
    this.ptySize = { cols: size.cols, rows: size.rows };
    this.batcher.flush();
    this.send({ kind: 'resize', ...this.ptySize });
  }

  /** A (re)opened shell: its size and where its stream stands; then everyone hears the head. */
  opened(size: TerminalSize, seq: number): void {
    this.ptySize = { cols: size.cols, rows: size.rows };
    this.head = Math.max(this.head, seq);
    this.announceHead();
  }

  /** The shell ended by itself. */
  shellExited(exitCode: number): void {
    this.batcher.flush();
    this.send({ kind: 'shell-exited', exitCode });
  }

  /** `memberId` typed into the terminal; announced at most once per throttle interval. */
  typing(memberId: number): void {
    if (this.throttle.take(memberId)) this.send({ kind: 'typing', memberId });
  }

  /** Sends the pty size to one member (before a resync answer, or to a joiner). */
  sendSizeTo(memberId: number): void {
    if (this.ptySize) this.send({ kind: 'resize', ...this.ptySize }, memberId);
  }

  dispose(): void {
    this.store.dispose();
  }

  private announceHead(): void {
    this.batcher.flush();
    if (this.ptySize) this.send({ kind: 'resize', ...this.ptySize });
    this.send({ kind: 'output', seq: this.head, data: new Uint8Array() });
  }

  private send(message: TerminalMessage, to?: number): void {
    // While the host is reconnecting nothing is queued: guests resync from the head on welcome.
    if (this.client.state === 'open') this.client.send(CHANNELS.terminalOut, encodeTerminalMessage(message), to);
  }
}
