import { h } from '../ui/dom';

/** What the toggle needs from an xterm Terminal (a structural subset, so it is testable without a DOM terminal). */
export interface KeyFilterTarget {
  attachCustomKeyEventHandler(handler: (event: KeyboardEvent) => boolean): void;
}

/** The mounted toggle: its hint for the terminal bar. */
export interface TabFocusToggle {
  readonly element: HTMLElement;
  /** Whether Tab currently moves focus instead of reaching the shell. */
  readonly tabMovesFocus: boolean;
}

const HINT_OFF = 'Ctrl+M: Tab leaves the terminal';
const HINT_ON = 'Tab moves focus · Ctrl+M: Tab to the shell';

/**
 * Ctrl+M toggles whether Tab moves focus out of the terminal, as it does in the editor (and
 * in VS Code's terminal): a shell wants Tab for completion, a keyboard user needs a way out
 * of the terminal. Ctrl+M itself never reaches the shell (it would act as Enter there).
 */
export function installTabFocusToggle(term: KeyFilterTarget): TabFocusToggle {
  let tabMovesFocus = false;
  const element = h('span', { class: 'muted hint', role: 'status', 'aria-label': 'Terminal Tab key' }, HINT_OFF);
  term.attachCustomKeyEventHandler((event) => {
    if (isToggleKey(event)) {
      if (event.type === 'keydown') {
        tabMovesFocus = !tabMovesFocus;
        element.textContent = tabMovesFocus ? HINT_ON : HINT_OFF;
      }
      event.preventDefault();
      return false;
    }
    // Returning false leaves the key to the browser: Tab / Shift+Tab move focus.
    if (tabMovesFocus && event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return false;
    return true;
  });
  return {
    element,
    get tabMovesFocus() {
      return tabMovesFocus;
    },
  };
}

function isToggleKey(event: KeyboardEvent): boolean {
  return event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey && event.key.toLowerCase() === 'm';
}
