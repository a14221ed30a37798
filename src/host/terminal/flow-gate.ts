/**
 * Decides when the pty must pause, from several independent backlogs (the renderer's
 * unacknowledged bytes, the mirror's unparsed bytes). Each backlog has a high and a low
 * watermark, as in xterm.js's flow-control guide: above high it blocks, and it keeps
 * blocking until it is back below low, so the pty does not flap on every chunk.
 */
export class FlowGate<Name extends string> {
  private readonly blocking = new Set<Name>();
  private paused = false;

  constructor(
    private readonly watermarks: Record<Name, { high: number; low: number }>,
    private readonly setPaused: (paused: boolean) => void,
  ) {}

  /** Reports the current size of one backlog; pauses or resumes the pty when that changes the verdict. */
  update(name: Name, backlog: number): void {
    const { high, low } = this.watermarks[name];
    if (backlog > high) this.blocking.add(name);
    else if (backlog < low) this.blocking.delete(name);
    const paused = this.blocking.size > 0;
    if (paused !== this.paused) {
      this.paused = paused;
      this.setPaused(paused);
    }
  }

  /** True while the pty is held paused. */
  isPaused(): boolean {
    return this.paused;
  }

  /** Names of the backlogs that currently hold the pty. */
  reasons(): Name[] {
    return [...this.blocking];
  }
}
