/** The key facts of a keydown that decide whether it means "Run". */
export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Ctrl+Enter (Cmd+Enter on a Mac keyboard) without other modifiers. */
export function isRunShortcut(event: ShortcutKey): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/**
 * Listens for the Run shortcut anywhere in the page, in the capture phase, so it works
 * while Monaco or the terminal has focus (both would otherwise take Ctrl+Enter as input).
 * `run` returns false when the shortcut is not for us right now (e.g. no permission);
 * the key is then left alone.
 */
export function listenForRunShortcut(target: Window, run: () => boolean): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.repeat || !isRunShortcut(event)) return;
    if (!run()) return;
    event.preventDefault();
    event.stopPropagation();
  };
  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown, { capture: true });
}
