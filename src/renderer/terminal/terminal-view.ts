import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalSize } from '../../shared/host-api';
import { clampTerminalSize } from '../../shared/host-api/terminal-size';
import type { TerminalSink } from './terminal-follower';

/** Lines of scrollback in every view; the host's headless mirror keeps its own. */
const SCROLLBACK = 1000;
/** Full reset (RIS): in-band, so it happens between the writes around it, never across them. */
const FULL_RESET = '\x1bc';

/** One xterm on screen, with what the panel needs from it. */
export interface TerminalView {
  readonly term: Terminal;
  /** Where a follower renders the host's stream. */
  readonly sink: TerminalSink;
  /** The size the pty would get if it filled the view (host only; undefined when hidden). */
  proposeSize(): TerminalSize | undefined;
  /** The text of the bottom screen (what a viewer sees when scrolled down), one line per row. */
  screenText(): string;
  dispose(): void;
}

/** Creates an xterm in `container`; `fit` lets it measure its container (the host's view). */
export function createTerminalView(container: HTMLElement, options: { fit: boolean; label: string }): TerminalView {
  const term = new Terminal({
    scrollback: SCROLLBACK,
    cursorBlink: false,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 13,
    allowProposedApi: false,
    theme: { background: '#0d1117', foreground: '#e6edf3' },
  });
  const fit = options.fit ? new FitAddon() : undefined;
  if (fit) term.loadAddon(fit);
  term.open(container);
  term.textarea?.setAttribute('aria-label', options.label);

  const sink: TerminalSink = {
    write: (data, done) => term.write(data, done),
    reset: () => term.write(FULL_RESET),
    // Through the write queue, so bytes written before it are laid out at the old size.
    resize: (cols, rows) =>
      term.write('', () => {
        if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
      }),
  };

  return {
    term,
    sink,
    proposeSize() {
      const size = fit?.proposeDimensions();
      if (!size || !Number.isFinite(size.cols) || !Number.isFinite(size.rows)) return undefined;
      return clampTerminalSize(size);
    },
    screenText() {
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let row = 0; row < term.rows; row++) lines.push(buffer.getLine(buffer.baseY + row)?.translateToString(true) ?? '');
      return lines.join('\n');
    },
    dispose() {
      term.dispose();
    },
  };
}
