import { withAlpha } from './member-colors';

/** What a remote cursor looks like: whose it is and in which colour. */
export interface RemoteCursorLook {
  clientId: number;
  name: string;
  /** `#rrggbb` */
  color: string;
}

/**
 * y-monaco marks remote selections with `yRemoteSelection-<clientID>` and the cursor with
 * `yRemoteSelectionHead-<clientID>` but ships no CSS. This keeps one <style> element with
 * a rule set per remote client: the selection tinted in their colour, a caret bar, and a
 * name label above the caret.
 */
export class RemoteCursorStyles {
  private readonly style: HTMLStyleElement;
  private last = '';

  constructor(doc: Document = document) {
    this.style = doc.createElement('style');
    this.style.dataset.duet = 'remote-cursors';
    doc.head.append(this.style);
  }

  /** Replaces the rules with ones for exactly these cursors. */
  update(cursors: readonly RemoteCursorLook[]): void {
    const css = cursors.map(remoteCursorCss).join('\n');
    if (css === this.last) return;
    this.last = css;
    this.style.textContent = css;
  }

  /** Removes the rules. */
  dispose(): void {
    this.style.remove();
  }
}

/** The CSS rules for one remote client's selection, caret and name label. */
export function remoteCursorCss({ clientId, name, color }: RemoteCursorLook): string {
  const id = Math.trunc(clientId);
  const safeColor = /^#[0-9a-f]{6}$/i.test(color) ? color : '#888888';
  return [
    `.yRemoteSelection-${id} { background-color: ${withAlpha(safeColor, 0.28)}; }`,
    `.yRemoteSelectionHead-${id} { border-left-color: ${safeColor}; }`,
    `.yRemoteSelectionHead-${id}::after { content: ${cssString(name)}; background-color: ${safeColor}; }`,
  ].join('\n');
}

/** A CSS string literal that cannot break out of its declaration, whatever the name holds. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\' || code < 0x20 || code === 0x7f) out += `\\${code.toString(16)} `;
    else out += ch;
  }
  return `${out}"`;
}
