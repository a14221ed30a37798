import type { HostTerminal, TerminalSize } from '../../shared/host-api';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import type { TerminalView } from './terminal-view';

/** Window resizes are followed after this quiet period, not on every animation frame. */
const RESIZE_SETTLE_MS = 80;

/**
 * Keeps the host's pty the size of the host's terminal panel: when the panel settles at a
 * new size, the pty is resized (and everyone follows the pty).
 */
export class PtyViewportFit implements Disposable {
  private readonly store = new DisposableStore();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly terminal: HostTerminal,
    private readonly view: TerminalView,
    viewport: HTMLElement,
    /** The pty's size now, if known. */
    private readonly ptySize: () => TerminalSize | undefined,
    private readonly onError: (error: unknown) => void,
  ) {
    const observer = new ResizeObserver(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.fit(), RESIZE_SETTLE_MS);
    });
    observer.observe(viewport);
    this.store.add(() => observer.disconnect());
    this.store.add(() => clearTimeout(this.timer));
  }

  /** Resizes the pty to the panel now, when they differ. */
  fit(): void {
    const proposed = this.view.proposeSize();
    const size = this.ptySize();
    if (!proposed || !size || (proposed.cols === size.cols && proposed.rows === size.rows)) return;
    this.terminal.resize(proposed).catch(this.onError);
  }

  dispose(): void {
    this.store.dispose();
  }
}
