import { h, type View } from '../ui/dom';

/** How long "Request control" stays disabled after a request, so a host is not spammed. */
const REQUEST_COOLDOWN_MS = 10_000;

/** A guest's view of its terminal access: read-only notice and "Request control", or "you can type". */
export interface TerminalAccess extends View {
  /** Shows whether the host granted this guest terminal input. */
  update(granted: boolean): void;
  /** The host dismissed the request: say so, and let the guest ask again. */
  declined(): void;
}

/** Creates the guest's access line; `onRequest` asks the host for control. */
export function createTerminalAccess(onRequest: () => void): TerminalAccess {
  const text = h('span', { class: 'terminal-access-text' });
  const status = h('div', { class: 'terminal-access', role: 'status', 'aria-label': 'Terminal access' }, text);
  let cooldown: number | undefined;
  const request = h(
    'button',
    {
      type: 'button',
      class: 'terminal-request',
      onclick: () => {
        onRequest();
        request.disabled = true;
        request.textContent = 'Control requested';
        window.clearTimeout(cooldown);
        cooldown = window.setTimeout(resetButton, REQUEST_COOLDOWN_MS);
      },
    },
    'Request control',
  );
  const element = h('div', { class: 'terminal-access-bar' }, status, request);

  function resetButton(): void {
    request.disabled = false;
    request.textContent = 'Request control';
  }

  return {
    element,
    update(granted) {
      element.classList.toggle('terminal-access-granted', granted);
      text.textContent = granted ? 'You can type in the terminal' : 'View only — the host controls the terminal';
      request.hidden = granted;
      if (granted) {
        window.clearTimeout(cooldown);
        resetButton();
      }
    },
    declined() {
      if (element.classList.contains('terminal-access-granted')) return;
      window.clearTimeout(cooldown);
      resetButton();
      text.textContent = 'The host declined your request — view only';
    },
    dispose() {
      window.clearTimeout(cooldown);
      element.remove();
    },
  };
}
