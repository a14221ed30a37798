/**
 * Frames sent while the connection is down wait here, up to a byte bound. When full,
 * the oldest frames go first: document state is re-synced on reconnect anyway, so the
 * newest intent matters most.
 */
export class SendQueue {
  private frames: Uint8Array[] = [];
  private bytes = 0;
  private droppedFrames = 0;

  constructor(private readonly maxBytes: number) {}

  /** Queues a frame, dropping the oldest ones if the bound would be passed. */
  push(frame: Uint8Array): void {
    if (frame.byteLength > this.maxBytes) {
      this.droppedFrames++;
      return;
    }
    this.frames.push(frame);
    this.bytes += frame.byteLength;
    while (this.bytes > this.maxBytes) {
      const oldest = this.frames.shift()!;
      this.bytes -= oldest.byteLength;
      this.droppedFrames++;
    }
  }

  /** Takes every queued frame, oldest first, and empties the queue. */
  drain(): Uint8Array[] {
    const frames = this.frames;
    this.frames = [];
    this.bytes = 0;
    return frames;
  }

  get queuedBytes(): number {
    return this.bytes;
  }

  /** Frames dropped because the queue was full, since it was created. */
  get dropped(): number {
    return this.droppedFrames;
  }
}
