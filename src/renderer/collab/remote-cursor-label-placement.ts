import type * as monaco from 'monaco-editor';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import type { PresenceTracker } from './presence';

/** The label's font and its cap, as app.css draws `.yRemoteSelectionHead::after`. */
const LABEL_FONT = '600 11px system-ui, sans-serif';
const LABEL_PADDING_PX = 8;
const LABEL_MAX_PX = 154; // 14em of 11px
const LABEL_HEIGHT_PX = 14;

/** Where a caret is on screen, relative to the editor's top left, and how wide its label is. */
export interface LabelSituation {
  /** Top of the caret's line inside the editor's viewport. */
  top: number;
  /** The caret's x inside the editor (gutter included). */
  left: number;
  /** Where the code's visible area ends on the right: the editor's width without its vertical scrollbar. */
  right: number;
  labelWidth: number;
  labelHeight: number;
}

/** Where a label goes: under its line instead of over it, and how far left of the caret it starts. */
export interface LabelPlacement {
  below: boolean;
  shiftLeft: number;
}

/**
 * A label sits above its caret, over the line above, and never on the line it marks. At the
 * top edge of the editor there is no line above on screen, so it flips below; near the right
 * edge it moves left so it ends before the scrollbar instead of being cut off.
 */
export function labelPlacement(situation: LabelSituation): LabelPlacement {
  const below = situation.top < situation.labelHeight;
  const overflow = situation.left + situation.labelWidth - situation.right;
  return { below, shiftLeft: Math.max(0, Math.min(overflow, situation.left)) };
}

/**
 * Keeps remote cursor labels readable where they are: one <style> with a placement rule per
 * remote cursor that needs one (most need none), recomputed as the editor scrolls, resizes or
 * changes and as people move.
 */
export class RemoteCursorLabelPlacement implements Disposable {
  private readonly store = new DisposableStore();
  private readonly style: HTMLStyleElement;
  private readonly widths = new Map<string, number>();
  private frame: number | undefined;
  private last = '';

  constructor(
    private readonly editor: monaco.editor.ICodeEditor,
    private readonly presence: PresenceTracker,
  ) {
    this.style = document.createElement('style');
    this.style.dataset.duet = 'remote-cursor-labels';
    document.head.append(this.style);
    this.store.add(() => this.style.remove());
    this.store.add(editor.onDidScrollChange(this.schedule));
    this.store.add(editor.onDidLayoutChange(this.schedule));
    this.store.add(editor.onDidChangeModelContent(this.schedule));
    this.store.add(presence.onChange(this.schedule));
    this.store.add(() => {
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    });
    this.schedule();
  }

  dispose(): void {
    this.store.dispose();
  }

  private readonly schedule = (): void => {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.place();
    });
  };

  private place(): void {
    const layout = this.editor.getLayoutInfo();
    const rules: string[] = [];
    for (const peer of this.presence.peers()) {
      if (!peer.cursor) continue;
      const at = this.editor.getScrolledVisiblePosition({ lineNumber: peer.cursor.line, column: peer.cursor.column });
      if (!at) continue;
      const placement = labelPlacement({
        top: at.top,
        left: at.left,
        right: layout.width - layout.verticalScrollbarWidth - layout.minimap.minimapWidth,
        labelWidth: this.labelWidth(peer.user.name),
        labelHeight: LABEL_HEIGHT_PX,
      });
      if (!placement.below && placement.shiftLeft === 0) continue;
      const id = Math.trunc(peer.clientId);
      const declarations = [
        placement.below ? 'top: 100%; border-radius: 0 3px 3px 3px;' : '',
        placement.shiftLeft > 0 ? `left: ${-2 - Math.round(placement.shiftLeft)}px;` : '',
      ].join(' ');
      rules.push(`.yRemoteSelectionHead.yRemoteSelectionHead-${id}::after { ${declarations} }`);
    }
    const css = rules.join('\n');
    if (css === this.last) return;
    this.last = css;
    this.style.textContent = css;
  }

  private labelWidth(name: string): number {
    let width = this.widths.get(name);
    if (width === undefined) {
      const context = document.createElement('canvas').getContext('2d');
      if (context) context.font = LABEL_FONT;
      width = Math.min(LABEL_MAX_PX, (context ? context.measureText(name).width : name.length * 7) + LABEL_PADDING_PX);
      this.widths.set(name, width);
    }
    return width;
  }
}
