import { h, type View } from '../ui/dom';

export interface WaitingOptions {
  heading: string;
  /** Announced through role=status, e.g. "Waiting for the host to admit you". */
  status: string;
  detail?: string;
  onCancel(): void;
}

/** A screen that waits for something (the relay, or the host's answer) and can be cancelled. */
export function waitingScreen(options: WaitingOptions): View & { setStatus(status: string, detail?: string): void } {
  const status = h('p', { role: 'status', class: 'waiting-status' }, options.status);
  const detail = h('p', { class: 'waiting-detail' }, options.detail ?? '');
  const cancel = h('button', { type: 'button', onclick: () => options.onCancel() }, 'Cancel');
  const title = h('h1', { id: 'waiting-title', tabindex: '-1' }, options.heading);
  const element = h(
    'main',
    { class: 'screen waiting', 'aria-labelledby': 'waiting-title' },
    title,
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    status,
    detail,
    cancel,
  );
  // Focus goes to the heading, not to Cancel: a second Enter on the button that led here
  // (New session, Join) must not cancel what it just started. Cancel is the next Tab stop.
  queueMicrotask(() => title.focus());
  return {
    element,
    setStatus(text, more) {
      if (status.textContent !== text) status.textContent = text;
      detail.textContent = more ?? '';
    },
    dispose: () => element.remove(),
  };
}
