import type { TerminalView } from './terminal-view';

/** What tests (and curious developers, from the console) can read of the terminal. */
export interface TerminalDebug {
  /** The bottom screen's text, one line per row, trailing blanks trimmed. */
  terminalText(): string;
  /** Every line the view holds, scrollback included. */
  terminalBufferText(): string;
  /** The view's size in cells. */
  terminalSize(): { cols: number; rows: number };
}

/** Typed loosely on purpose: the app's own debug object (app/debug.ts) is another module's business. */
type DebugHolder = { duetDebug?: Record<string, unknown> };

/**
 * Exposes the panel's terminal as `window.duetDebug.terminalText()` and friends, merged
 * into whatever other parts of the app put there. Returns the function that removes them.
 */
export function installTerminalDebug(view: TerminalView): () => void {
  const target = window as unknown as DebugHolder;
  const debug: TerminalDebug = {
    terminalText: () => view.screenText(),
    terminalBufferText: () => {
      const buffer = view.term.buffer.active;
      const lines: string[] = [];
      for (let row = 0; row < buffer.length; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
      return lines.join('\n');
    },
    terminalSize: () => ({ cols: view.term.cols, rows: view.term.rows }),
  };
  target.duetDebug = Object.assign(target.duetDebug ?? {}, debug);
  return () => {
    const current = target.duetDebug;
    if (!current) return;
    for (const key of Object.keys(debug)) if (current[key] === debug[key as keyof TerminalDebug]) delete current[key];
  };
}
