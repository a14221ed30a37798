import type { EndNotice } from '../app/close-messages';
import { copyText } from '../ui/clipboard';
import { h, type View } from '../ui/dom';

export interface EndedOptions {
  notice: EndNotice;
  /** The document as it was when the session ended, so nobody loses the work. */
  finalCode?: string;
  onHome(): void;
}

/** The clear final screen: why it ended, the last code to copy, and the way back home. */
export function endedScreen(options: EndedOptions): View {
  const copied = h('p', { role: 'status', class: 'copied' });
  const home = h('button', { type: 'button', class: 'primary', onclick: () => options.onHome() }, 'Back to home');
  const element = h(
    'main',
    { class: 'screen ended', 'aria-labelledby': 'ended-title' },
    h('h1', { id: 'ended-title' }, options.notice.heading),
    h('p', { class: 'ended-message' }, options.notice.message),
    options.finalCode
      ? h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              copied.textContent = (await copyText(options.finalCode ?? '')) ? 'Code copied to the clipboard.' : 'Copy failed.';
            },
          },
          'Copy the source code',
        )
      : null,
    home,
    copied,
  );
  queueMicrotask(() => home.focus());
  return { element, dispose: () => element.remove() };
}
