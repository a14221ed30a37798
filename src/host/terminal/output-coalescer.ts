/**
 * Gathers pty reads into chunks: a lone keystroke echo leaves after `delayMs`, a flood
 * leaves in pieces of exactly `maxBytes` as soon as they fill. Holds at most `maxBytes`
 * (plus the read in hand), so memory stays bounded however fast the pty writes.
 */
export class OutputCoalescer {
  private parts: Buffer[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly maxBytes: number,
    private readonly emit: (chunk: Buffer) => void,
  ) {}

  /** Bytes waiting to be emitted. */
  pendingBytes(): number {
    return this.size;
  }

  /** Takes one pty read. */
  push(data: Buffer): void {
    let rest = data;
    while (rest.length > 0) {
      const take = Math.min(rest.length, this.maxBytes - this.size);
      this.parts.push(rest.subarray(0, take));
      this.size += take;
      rest = rest.subarray(take);
      if (this.size >= this.maxBytes) this.flush();
    }
    if (this.size > 0 && this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Emits whatever is waiting now. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.size === 0) return;
    const chunk = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.emit(chunk);
  }

  /** Drops what is waiting and stops the timer. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.parts = [];
    this.size = 0;
  }
}
