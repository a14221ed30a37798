/**
 * The most recent pty output, addressed by stream offset (sequence number): bytes
 * `start()`..`end()` are kept; older ones are overwritten. Fixed memory, no per-chunk
 * allocation on append.
 */
export class OutputRing {
  private readonly buffer: Buffer;
  private endSeq = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.buffer = Buffer.alloc(capacity);
  }

  /** Stream offset of the oldest byte still held. */
  start(): number {
    return this.endSeq - this.length;
  }

  /** Stream offset of the next byte to be appended. */
  end(): number {
    return this.endSeq;
  }

  /** Appends bytes at the end of the stream, dropping the oldest when full. */
  append(data: Uint8Array): void {
    let bytes = data;
    this.endSeq += data.length;
    if (bytes.length > this.capacity) bytes = bytes.subarray(bytes.length - this.capacity);
    const writeAt = (this.endSeq - bytes.length) % this.capacity;
    const first = Math.min(bytes.length, this.capacity - writeAt);
    this.buffer.set(bytes.subarray(0, first), writeAt);
    if (first < bytes.length) this.buffer.set(bytes.subarray(first), 0);
    this.length = Math.min(this.capacity, this.length + bytes.length);
  }

  /** Drops every held byte; the stream offset carries on from `end()`. */
  forget(): void {
    this.length = 0;
  }

  /** True when every byte from `seq` to the end is still held. */
  holds(seq: number): boolean {
    return seq >= this.start() && seq <= this.endSeq;
  }

  /** A copy of the bytes from `seq` to the end; `seq` must be held. */
  since(seq: number): Uint8Array {
    if (!this.holds(seq)) throw new RangeError(`seq ${seq} is outside the ring (${this.start()}..${this.endSeq})`);
    const count = this.endSeq - seq;
    const out = new Uint8Array(count);
    const readAt = seq % this.capacity;
    const first = Math.min(count, this.capacity - readAt);
    out.set(this.buffer.subarray(readAt, readAt + first), 0);
    if (first < count) out.set(this.buffer.subarray(0, count - first), first);
    return out;
  }
}
